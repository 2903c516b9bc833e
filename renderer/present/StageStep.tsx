/**
 * One step on stage: its title, its view at its week and the caption. The caption is rendered
 * only from the engine's comparison (simulation/story captionParts over comparisonValues), with
 * the values set larger than the words.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { pointAt, type Scenario } from '../../simulation';
import {
  captionParts,
  renderStep,
  runOfName,
  stepTemplates,
  stepValues,
  type Story,
  type StoryShow,
  type StoryStep,
} from '../../simulation/story';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import type { ComparisonResult } from '../engine/client';
import {
  buildLoopFrame,
  LoopPair,
  stageScale,
  STAGE_REFERENCE_HEIGHT_PX,
  STAGE_TARGET_TEXT_PX,
  useSize,
  type LoopPairMode,
} from '../loop';
import {
  CHARTS,
  selectChartData,
  selectRuns,
  type ChartData,
  type ChartSpec,
} from '../state/selectors';
import { uiStore } from '../state/ui';
import { useStore } from 'zustand';
import { TitleSlide } from './TitleSlide';
import { WhatIfSliders } from './WhatIfSliders';
import { loopsStore } from '../state/loops';
import { leadingLoopMark } from '../loops/read';

/** The charts shown on a charts step: the business, the money, the AI, the experience. */
const STAGE_CHARTS = ['active-users', 'cumulative-net-value', 'ai-performance', 'experience'];

interface StageStepProps {
  readonly step: StoryStep;
  readonly show: StoryShow;
  readonly comparison: ComparisonResult;
  readonly scenario: Scenario;
  readonly story: Story;
}

/** The window's height, followed as it changes (the stage's presentation scale depends on it). */
function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = (): void => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

function Loops({
  comparison,
  pointIndex,
  mode,
  highlight,
  showLeading = false,
}: {
  comparison: ComparisonResult;
  pointIndex: number;
  mode: LoopPairMode;
  highlight: StoryStep['highlight'];
  /** Mark the loop that leads each run this week (the split view's story step). */
  showLeading?: boolean;
}): ReactElement | null {
  const reducedMotion = useStore(uiStore, (s) => s.reducedMotion);
  const scale = stageScale(useViewportHeight());
  const dominance = useStore(loopsStore, (s) => s.dominance);
  // On the split view each loop marks the loop that leads it this week (Loops That Matter).
  const leadingLoops = useMemo(() => {
    if (!dominance || !showLeading) return null;
    const [w, wo] = dominance.runs;
    return { with: leadingLoopMark(w, pointIndex), without: leadingLoopMark(wo, pointIndex) };
  }, [dominance, showLeading, pointIndex]);
  const frames = useMemo(() => {
    const { withRun, withoutRun } = selectRuns(comparison);
    if (!withRun) return null;
    return {
      with: buildLoopFrame(withRun, pointIndex, withRun),
      without: withoutRun ? buildLoopFrame(withoutRun, pointIndex, withRun) : null,
    };
  }, [comparison, pointIndex]);
  if (!frames) return null;
  return (
    <div className="fw-present__loops" data-testid="present-loops" data-mode={mode}>
      <LoopPair
        frames={frames}
        mode={mode}
        reducedMotion={reducedMotion}
        highlight={highlight}
        presentationScale={scale}
        leadingLoops={leadingLoops}
      />
    </div>
  );
}

/** Size of the charts' texts in their view box (app.css, .fw-chart__svg text). */
const CHART_TEXT_UNITS = 11;

/**
 * One chart on stage: its view box takes the shape of the space it is given, in units that put
 * the chart's texts at STAGE_TARGET_TEXT_PX on a 1080p screen (the same share of any other).
 */
function StageChart({
  spec,
  data,
  pointIndex,
  viewportHeight,
}: {
  spec: ChartSpec;
  data: ChartData;
  pointIndex: number;
  viewportHeight: number;
}): ReactElement {
  const boxRef = useRef<HTMLDivElement>(null);
  const box = useSize(boxRef);
  const pxPerUnit =
    (STAGE_TARGET_TEXT_PX / CHART_TEXT_UNITS) * (viewportHeight / STAGE_REFERENCE_HEIGHT_PX);
  return (
    <figure className="fw-present__chart" data-chart={spec.id}>
      <figcaption>{spec.title}</figcaption>
      <div ref={boxRef} className="fw-present__chart-box">
        {box ? (
          <TimeSeriesChart
            data={data}
            currentIndex={pointIndex}
            width={Math.round(box.width / pxPerUnit)}
            height={Math.round(box.height / pxPerUnit)}
            interactive={false}
          />
        ) : null}
      </div>
    </figure>
  );
}

function Charts({
  comparison,
  pointIndex,
  show,
}: {
  comparison: ComparisonResult;
  pointIndex: number;
  show: StoryShow;
}): ReactElement {
  const viewportHeight = useViewportHeight();
  return (
    <div className="fw-present__charts" data-testid="present-charts">
      {CHARTS.filter((c) => STAGE_CHARTS.includes(c.id)).map((spec) => {
        const all = selectChartData(comparison, spec);
        if (!all) return null;
        // W and S choose the lines: one scenario, or both.
        const data =
          show === 'both' ? all : { ...all, series: all.series.filter((x) => x.key === show) };
        return (
          <StageChart
            key={spec.id}
            spec={spec}
            data={data}
            pointIndex={pointIndex}
            viewportHeight={viewportHeight}
          />
        );
      })}
    </div>
  );
}

export function StageStep({
  step,
  show,
  comparison,
  scenario,
  story,
}: StageStepProps): ReactElement {
  // W shows the other run: the caption's numbers are that run's too (stepTemplates).
  const texts = renderStep(step, comparison, show);
  const values = stepValues(step, comparison);
  const run = comparison.runs[0]!;
  const pointIndex = pointAt(run, texts.week);
  const loopMode: LoopPairMode = step.view === 'split' || show === 'both' ? 'side-by-side' : show;
  const parts = captionParts(stepTemplates(step, show).caption, values);
  return (
    <>
      {texts.title.text && step.view !== 'title' ? (
        <h2 className="fw-present__title" data-testid="present-title">
          {texts.title.text}
        </h2>
      ) : null}
      <div
        className="fw-present__view"
        data-testid="present-view"
        data-view={step.view}
        data-week={texts.week}
      >
        {step.view === 'title' ? (
          <TitleSlide story={story} scenario={scenario} />
        ) : step.view === 'charts' ? (
          <Charts comparison={comparison} pointIndex={pointIndex} show={show} />
        ) : step.view === 'what-if' ? (
          <div className="fw-present__what-if">
            <Loops
              comparison={comparison}
              pointIndex={pointIndex}
              mode={loopMode}
              highlight={step.highlight}
            />
            <WhatIfSliders story={story} scenario={scenario} />
          </div>
        ) : (
          <Loops
            comparison={comparison}
            pointIndex={pointIndex}
            mode={loopMode}
            highlight={step.highlight}
            showLeading={step.view === 'split'}
          />
        )}
      </div>
      <p className="fw-present__caption" data-testid="present-caption" aria-live="polite">
        {parts.map((p, i) =>
          p.kind === 'text' ? (
            <span key={i}>{p.text}</span>
          ) : (
            <strong
              key={i}
              className={`fw-present__value fw-present__value--${runOfName(p.name) ?? 'both'}`}
              data-name={p.name}
            >
              {p.text}
            </strong>
          ),
        )}
      </p>
    </>
  );
}
