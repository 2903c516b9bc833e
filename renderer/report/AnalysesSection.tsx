/**
 * The report's analyses: each analysis run in the Analyse view (uncertainty, tornado, global
 * ranking, sweep, goal seek) with its settings, its figure (the same static chart components the
 * view draws), its answer in words and the command that gives the same numbers. Runs made on an
 * earlier version of the scenario are included with a note saying so.
 */
import { Fragment, type ReactElement } from 'react';
import type {
  CheapestResult,
  GlobalSensitivityResult,
  GridResult,
  SeekResult,
  SweepResult,
  TornadoResult,
} from '../../simulation';
import { KPI_INFO } from '../../simulation';
import { kpiLabel, kpiUnit } from '../analysis/catalogue';
import { runSource } from '../analysis/commands';
import {
  cheapestAnswerText,
  gridBreakEvenText,
  relabel,
  seekAnswerText,
  stepSettings,
  sweepCrossingText,
} from '../analysis/step-text';
import type { StepRun, StepSlot, UncertaintyRun } from '../analysis/store';
import { GapHistogram } from '../charts/GapHistogram';
import { GridHeatmap } from '../charts/GridHeatmap';
import { RankingChart } from '../charts/RankingChart';
import { SweepChart } from '../charts/SweepChart';
import { TornadoChart } from '../charts/TornadoChart';
import { formatDelta, formatPercent, formatValue } from '../format/format';
import { CARD_KPIS } from '../state/selectors';
import { runCommandFor } from './reproduce';

export interface ReportAnalysis<R> {
  readonly run: R;
  /** Made on an earlier version of the scenario than the one reported. */
  readonly stale: boolean;
}

export interface ReportAnalyses {
  readonly uncertainty: ReportAnalysis<UncertaintyRun> | null;
  readonly steps: readonly ReportAnalysis<StepRun<StepSlot>>[];
}

function Settings({ rows }: { rows: readonly (readonly [string, string])[] }): ReactElement {
  return (
    <dl className="fw-report__facts">
      {rows.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Command({ command }: { command: string }): ReactElement {
  return (
    <>
      <p>The same numbers from the command line:</p>
      <pre className="fw-report__command" data-testid="report-analysis-command">
        {command}
      </pre>
    </>
  );
}

const STALE =
  'This analysis was run on an earlier version of the scenario than the one this report describes.';

function Uncertainty({ run, stale }: ReportAnalysis<UncertaintyRun>): ReactElement | null {
  const s = run.snapshot;
  if (!s) return null;
  const sim = run.scenario.simulation;
  const command = runCommandFor(runSource(run.fileName, run.variant), run.scenario, {
    runs: s.draws,
  });
  const [w, wo] = s.kpiPercentiles;
  const range = (p: { p5: number | null; p95: number | null }, unit: string): string =>
    `${formatValue(p.p5, unit, false)} – ${formatValue(p.p95, unit, false)}`;
  const gap = s.differencePercentiles?.cumulativeNetValueUsd;
  return (
    <section className="fw-report__keep" data-analysis="uncertainty">
      <h3>How sure: Monte Carlo over {s.draws.toLocaleString('en-US')} draws</h3>
      {stale ? <p className="fw-report__note">{STALE}</p> : null}
      <Settings
        rows={[
          ['Draws', s.draws.toLocaleString('en-US')],
          ['Uncertain assumptions', String(run.parameters.length)],
          ['Seed', String(sim.seed)],
          ['Horizon', `${sim.weeks} weeks`],
          ['Mode', sim.mode],
        ]}
      />
      <table className="fw-report__table" data-testid="report-uncertainty-kpis">
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">With: median (90%)</th>
            {wo ? <th scope="col">Without: median (90%)</th> : null}
            {s.wins ? <th scope="col">With better in</th> : null}
          </tr>
        </thead>
        <tbody>
          {CARD_KPIS.map(({ id }) => {
            const unit = KPI_INFO[id].unit;
            const a = w?.[id];
            const b = wo?.[id];
            return a ? (
              <tr key={id} data-kpi={id}>
                <th scope="row">{KPI_INFO[id].label}</th>
                <td>
                  {formatValue(a.p50, unit, false)} ({range(a, unit)})
                </td>
                {wo ? (
                  <td>{b ? `${formatValue(b.p50, unit, false)} (${range(b, unit)})` : ''}</td>
                ) : null}
                {s.wins ? <td>{formatPercent(s.wins[id].withBetter, 0)} of draws</td> : null}
              </tr>
            ) : null;
          })}
        </tbody>
      </table>
      {s.netValueGaps && s.wins && gap ? (
        <figure className="fw-chart">
          <figcaption className="fw-chart__title">
            Net value gap, draw by draw: median {formatDelta(gap.p50 ?? 0, 'usd')}
          </figcaption>
          <GapHistogram
            values={s.netValueGaps}
            unit="usd"
            title="Cumulative net value gap"
            median={gap.p50}
            aheadShare={s.wins.cumulativeNetValueUsd.withBetter}
          />
        </figure>
      ) : null}
      <Command command={command} />
    </section>
  );
}

const TITLES: Record<StepSlot, string> = {
  tornado: 'What matters: tornado',
  global: 'What matters: global ranking from the Monte Carlo draws',
  sweep: 'What must be true: sweep',
  seek: 'What must be true: goal seek',
};

function StepFigure({ run }: { run: StepRun<StepSlot> }): ReactElement | null {
  const raw = run.result;
  if (!raw) return null;
  const r = relabel(raw, run.scenario);
  switch (run.slot) {
    case 'tornado': {
      const t = r as TornadoResult;
      return (
        <>
          <p>
            {t.bars.length} assumptions, each moved alone; the largest swing of{' '}
            {kpiLabel(t.kpi.kpi, t.kpi.of)}: {t.bars[0]?.label ?? 'none'}.
          </p>
          <figure className="fw-chart">
            <TornadoChart
              result={t}
              kpiLabel={kpiLabel(t.kpi.kpi, t.kpi.of)}
              unit={kpiUnit(t.kpi.kpi)}
              top={15}
            />
          </figure>
        </>
      );
    }
    case 'global': {
      const g = r as GlobalSensitivityResult;
      return (
        <figure className="fw-chart">
          <RankingChart result={g} kpiLabel={kpiLabel(g.kpi.kpi, g.kpi.of)} top={15} />
        </figure>
      );
    }
    case 'sweep': {
      if ('x' in r) {
        const g = r as GridResult;
        const label = kpiLabel(g.kpi.kpi, g.difference ? 'difference' : g.kpi.of);
        return (
          <>
            <p>{gridBreakEvenText(g)}</p>
            <figure className="fw-chart">
              <GridHeatmap result={g} kpiLabel={label} unit={kpiUnit(g.kpi.kpi)} />
            </figure>
          </>
        );
      }
      const w = r as SweepResult;
      const one = w.without === null || w.kpi.kpi === 'overtakeWeek';
      return (
        <>
          <p>{sweepCrossingText(w)}</p>
          <figure className="fw-chart">
            <SweepChart
              xValues={w.values}
              xLabel={w.label}
              xUnit={w.unit}
              yLabel={kpiLabel(w.kpi.kpi, 'scenario')}
              yUnit={kpiUnit(w.kpi.kpi)}
              curves={
                one
                  ? [{ key: 'with', label: kpiLabel(w.kpi.kpi, w.kpi.of), values: w.selected }]
                  : [
                      { key: 'with', label: 'With data products', values: w.scenario },
                      { key: 'without', label: 'Without', values: w.without! },
                    ]
              }
              marks={w.crossings.map((c) => ({
                value: c.value,
                label: `Break-even ${formatValue(c.value, w.unit, false)}`,
                kind: 'crossing' as const,
              }))}
            />
          </figure>
        </>
      );
    }
    default: {
      const week = (run as StepRun<'seek'>).spec.week;
      return (
        <p data-testid="report-seek-answer">
          {'best' in r
            ? cheapestAnswerText(r as CheapestResult, week)
            : seekAnswerText(r as SeekResult, week)}
        </p>
      );
    }
  }
}

export function AnalysesSection({
  analyses,
}: {
  analyses: ReportAnalyses | undefined;
}): ReactElement | null {
  if (!analyses) return null;
  const steps = analyses.steps.filter((a) => a.run.result !== null);
  const mc = analyses.uncertainty?.run.snapshot ? analyses.uncertainty : null;
  if (!mc && steps.length === 0) return null;
  return (
    <section
      className="fw-report__section"
      aria-labelledby="report-analyses"
      data-testid="report-analyses"
    >
      <h2 id="report-analyses">Analyses</h2>
      {mc ? <Uncertainty {...mc} /> : null}
      {steps.map(({ run, stale }) => (
        <section key={run.slot} className="fw-report__keep" data-analysis={run.slot}>
          <h3>{TITLES[run.slot]}</h3>
          {stale ? <p className="fw-report__note">{STALE}</p> : null}
          <Settings rows={stepSettings(run)} />
          <StepFigure run={run} />
          <Command command={run.command} />
        </section>
      ))}
    </section>
  );
}
