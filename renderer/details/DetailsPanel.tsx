/**
 * The details of one result, beside the results: its value at the week on screen with and
 * without data products, what it means, how it is computed in words, what it reads, the
 * assumptions behind it with their sources, and links to its chart and its column of the weekly
 * table. Opened by a click on a chart, a loop step or a table column; Escape or Close shuts it.
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatDisplayDelta, formatDisplayValues, type ScenarioRun } from '../../simulation';
import { GRADE_WORDS } from '../components/NumberFieldRow';
import { unitStyle } from '../export/readable-csv';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { cachedSeries, CHARTS, selectWeek } from '../state/selectors';
import { uiStore } from '../state/ui';
import { tableStore } from '../table/store';
import { explainVariable } from './explain';
import { detailsStore } from './store';
import './details.css';

export function DetailsPanel(): ReactElement | null {
  const metric = useStore(detailsStore, (s) => s.metric);
  const comparison = useStore(resultsStore, (s) => s.comparison);
  if (metric === null || !comparison?.runs[0]) return null;
  return <Details metric={metric} runs={comparison.runs} />;
}

/** Shows the chart of `metric` in the Results view and puts the focus on it. */
export function showChart(chartId: string): void {
  uiStore.getState().setView('workspace');
  requestAnimationFrame(() => {
    const figure = document.querySelector<HTMLElement>(`[data-testid="chart-${chartId}"]`);
    figure?.scrollIntoView({ block: 'center' });
    figure?.querySelector<SVGElement>('svg')?.focus();
  });
}

/** Shows `metric`'s column of the weekly table and puts the focus on its header. */
export function showColumn(metric: string): void {
  tableStore.getState().showColumn(metric);
  uiStore.getState().setView('table');
  requestAnimationFrame(() => {
    const header = document.querySelector<HTMLElement>(
      `[data-testid="table"] th[data-column="${CSS.escape(metric)}"] button`,
    );
    header?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    header?.focus();
  });
}

function Details({ metric, runs }: { metric: string; runs: readonly ScenarioRun[] }): ReactElement {
  const withRun = runs[0]!;
  const withoutRun = runs[1] ?? null;
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const ref = useRef<HTMLElement>(null);
  const metricNames = useMemo(() => new Set(withRun.metrics.map((m) => m.name)), [withRun]);
  const info = withRun.metrics.find((m) => m.name === metric) ?? null;
  const explanation = useMemo(
    () => explainVariable(withRun.scenario, metric, (n) => metricNames.has(n)),
    [withRun, metric, metricNames],
  );
  useEffect(() => {
    ref.current?.focus();
  }, [metric]);
  const k = Math.min(pointIndex, withRun.series.points - 1);
  const week = selectWeek(withRun, k);
  const valueOf = (run: ScenarioRun | null): number | null =>
    run && run.metrics.some((m) => m.name === metric) ? cachedSeries(run, metric)[k]! : null;
  const withValue = valueOf(withRun);
  const withoutValue = valueOf(withoutRun);
  const unit = info?.unit ?? explanation?.unit ?? '';
  const [withText, withoutText] = formatDisplayValues([withValue, withoutValue], unit);
  const delta = withValue !== null && withoutValue !== null ? withValue - withoutValue : null;
  const chart = CHARTS.find((c) => c.metric === metric) ?? null;
  const label = info?.label ?? explanation?.label ?? metric;
  const unitWords = unitStyle(unit).words;
  const close = (): void => detailsStore.getState().close();
  const open = (name: string): void => detailsStore.getState().open(name);
  return (
    <aside
      ref={ref}
      className="fw-details"
      role="dialog"
      aria-modal="false"
      aria-labelledby="fw-details-title"
      tabIndex={-1}
      data-testid="details"
      data-metric={metric}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="fw-details__header">
        <h2 id="fw-details-title" className="fw-details__title">
          {label}
          {unitWords ? <span className="fw-details__unit"> ({unitWords})</span> : null}
        </h2>
        <button
          type="button"
          className="fw-button"
          onClick={close}
          aria-label="Close details"
          data-testid="details-close"
        >
          Close
        </button>
      </header>
      <p className="fw-details__week">At week {week}</p>
      <dl className="fw-details__values">
        <div>
          <dt>With data products</dt>
          <dd data-testid="details-with" data-value={withValue ?? ''}>
            {withText}
          </dd>
        </div>
        {withoutRun ? (
          <>
            <div>
              <dt>Without</dt>
              <dd data-testid="details-without" data-value={withoutValue ?? ''}>
                {withoutValue === null ? 'not in this run' : withoutText}
              </dd>
            </div>
            <div>
              <dt>Difference</dt>
              <dd data-testid="details-delta">{formatDisplayDelta(delta, unit)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      <h3 className="fw-details__heading">What it means</h3>
      <p data-testid="details-meaning">{info?.description ?? explanation?.meaning ?? ''}</p>
      {explanation ? (
        <>
          <h3 className="fw-details__heading">How it is computed</h3>
          <p data-testid="details-computed">{explanation.computed}</p>
          {explanation.reads.length > 0 ? (
            <>
              <h3 className="fw-details__heading">It reads</h3>
              <ul className="fw-details__reads" data-testid="details-reads">
                {explanation.reads.map((r) => (
                  <li key={r.name}>
                    {r.metric ? (
                      <button type="button" className="fw-linkbutton" onClick={() => open(r.name)}>
                        {r.label}
                      </button>
                    ) : (
                      r.label
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="fw-details__heading">Assumptions and sources</h3>
          {explanation.sources.length > 0 ? (
            <ul className="fw-details__sources" data-testid="details-sources">
              {explanation.sources.map((s) => (
                <li key={s.name}>
                  <span className="fw-details__source-label">{s.label}</span>{' '}
                  <span className="fw-details__source-value">
                    {formatDisplayValues([s.value], s.unit)[0]}
                  </span>
                  <span className="fw-details__source-text">
                    {s.source} (evidence: {GRADE_WORDS[s.grade]})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>
              No assumption is read directly: it follows from the results above, which have their
              own.
            </p>
          )}
        </>
      ) : null}
      <p className="fw-details__links">
        {chart ? (
          <button
            type="button"
            className="fw-button"
            onClick={() => {
              detailsStore.getState().dismiss();
              showChart(chart.id);
            }}
            data-testid="details-chart"
          >
            Show its chart
          </button>
        ) : null}
        <button
          type="button"
          className="fw-button"
          onClick={() => {
            detailsStore.getState().dismiss();
            showColumn(metric);
          }}
          data-testid="details-table"
        >
          Week by week in the table
        </button>
      </p>
    </aside>
  );
}
