/**
 * How sure: Monte Carlo over the catalogue's distributions and the draws' seeds, in the analysis
 * workers. Settings, Run and Cancel, progress, then KPI cards with intervals and win shares, the
 * net-value gap's histogram and every chart's percentile bands, filling in as draws arrive.
 */
import { memo, useMemo, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { uncertainParameters, type Scenario } from '../../../simulation';
import { uncertaintyController } from '../../analysis/app';
import type { UncertaintySnapshot } from '../../analysis/mc-snapshot';
import { runSource } from '../../analysis/commands';
import { analysisStore, type UncertaintyRun } from '../../analysis/store';
import { bandsCsv, drawsCsv, kpisCsv } from '../../analysis/uncertainty-csv';
import { commandFileName } from '../../export/app-exports';
import { APP_VERSION } from '../../export/version';
import { runCommandFor } from '../../report/reproduce';
import { resultsStore } from '../../state/results';
import { CHARTS } from '../../state/selectors';
import { workspaceStore } from '../../state/workspace';
import { AnalysisExports } from './AnalysisExports';
import { count, formatDuration, RunStatus } from './RunStatus';
import { isStale } from './stale';
import {
  StaggeredBandChart,
  StaggeredGapHistogram,
  StaggeredKpiIntervals,
  type BandFigure,
} from './UncertaintyFigures';

function statusText(run: UncertaintyRun | null): string {
  if (!run) return 'Not run yet.';
  const total = count(run.settings.draws);
  const took =
    run.finishedAt === null ? '' : ` in ${formatDuration(run.finishedAt - run.startedAt)}`;
  switch (run.status) {
    case 'running':
      if (run.phase === 'compiling')
        return `Starting ${run.workers} worker${run.workers > 1 ? 's' : ''}…`;
      return `${count(run.received)} of ${total} draws${run.phase === 'pilot' ? ' (the first ones fix the bands’ bins)' : ''}`;
    case 'done':
      return `${total} draws${took} on ${run.workers} worker${run.workers > 1 ? 's' : ''}${backendNote(run)}.`;
    case 'cancelled':
      return `Cancelled: showing the first ${count(run.merged)} of ${total} draws.`;
    case 'failed':
      return run.merged > 0 ? `Stopped after ${count(run.merged)} of ${total} draws.` : 'Stopped.';
  }
}

/** Which engine computed the draws (bit-identical either way: this is about speed). */
function backendNote(run: UncertaintyRun): string {
  if (run.backend === 'wasm') return ' (WebAssembly)';
  if (run.backend === 'interpreter')
    return ' (interpreter: this window may not compile WebAssembly)';
  return '';
}

const chartCache = new WeakMap<UncertaintySnapshot, BandFigure[]>();

function bandCharts(s: UncertaintySnapshot, units: ReadonlyMap<string, string>): BandFigure[] {
  let charts = chartCache.get(s);
  if (!charts) {
    charts = CHARTS.flatMap((spec) => {
      const series = s.bands.flatMap((b, r) => {
        const bands = b[spec.metric];
        return bands ? [{ key: r === 0 ? ('with' as const) : ('without' as const), bands }] : [];
      });
      return series.length === 0
        ? []
        : [
            {
              id: spec.id,
              data: { title: spec.title, unit: units.get(spec.metric) ?? '', time: s.time, series },
              draws: s.draws,
            },
          ];
    });
    chartCache.set(s, charts);
  }
  return charts;
}

function Form({ scenario, running }: { scenario: Scenario; running: boolean }): ReactElement {
  const form = useStore(analysisStore, (s) => s.uncertaintyForm);
  const drawn = useMemo(() => uncertainParameters(scenario).length, [scenario]);
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const ws = workspaceStore.getState();
    const problem = uncertaintyController.start(
      ws.scenario,
      ws.revision,
      commandFileName(),
      ws.activeVariant,
    );
    analysisStore.setState({ uncertaintyProblem: problem });
  };
  const set = analysisStore.getState().setUncertaintyForm;
  const s = scenario.simulation;
  return (
    <form className="fw-analysis-form" onSubmit={onSubmit} data-testid="mc-form">
      <label className="fw-analysis-form__field">
        <span>Draws</span>
        <input
          type="text"
          inputMode="numeric"
          value={form.draws}
          onChange={(e) => set({ draws: e.currentTarget.value })}
          data-testid="mc-draws"
          aria-describedby="mc-form-note"
        />
      </label>
      <label className="fw-analysis-form__field">
        <span>Seed</span>
        <input
          type="text"
          inputMode="numeric"
          value={form.seed}
          placeholder={String(s.seed)}
          onChange={(e) => set({ seed: e.currentTarget.value })}
          data-testid="mc-seed"
          aria-describedby="mc-form-note"
        />
      </label>
      <button
        type="submit"
        className="fw-button fw-button--primary"
        disabled={running}
        data-testid="mc-run"
      >
        Run
      </button>
      <p className="fw-analysis-form__note" id="mc-form-note">
        Each draw runs both scenarios over {s.weeks} weeks ({s.mode}) with its own seed and values
        drawn for the {drawn} uncertain assumptions (triangular over each one’s plausible range,
        peaking at the scenario’s value). Empty seed: the scenario’s ({s.seed}).
      </p>
    </form>
  );
}

function ResultsOf({ run }: { run: UncertaintyRun }): ReactElement | null {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const units = useMemo(
    () => new Map((comparison?.runs[0]?.metrics ?? []).map((m) => [m.name, m.unit])),
    [comparison],
  );
  const s = run.snapshot;
  if (!s) return null;
  const charts = bandCharts(s, units);
  const command = runCommandFor(runSource(run.fileName, run.variant), run.scenario, {
    runs: s.draws,
  });
  const sim = run.scenario.simulation;
  const caption = `Monte Carlo over ${count(s.draws)} draws of the ${run.parameters.length} uncertain assumptions and the simulation seed (base seed ${sim.seed}, ${sim.weeks} weeks, ${sim.mode}). Flywheel Lab ${APP_VERSION}. Reproduce: ${command}`;
  const exportText = (title: string, subtitle: string) => ({
    'data-export-title': title,
    'data-export-subtitle': `${subtitle} · ${run.scenario.name}`,
    'data-export-caption': caption,
  });
  return (
    <div className="fw-analysis-results" data-testid="mc-results" data-draws={s.draws}>
      <StaggeredKpiIntervals snapshot={s} />
      {s.netValueGaps && s.wins ? (
        <figure
          className="fw-chart fw-chart--wide"
          data-testid="chart-uncertainty-net-value-gap"
          {...exportText(
            'Net value gap, draw by draw (USD)',
            'Cumulative net value with data products minus without, at the horizon',
          )}
        >
          <figcaption className="fw-chart__title">
            Net value gap, draw by draw
            <span className="fw-chart__description">
              Cumulative net value with data products minus without, at the horizon, in each of{' '}
              {count(s.draws)} draws.
            </span>
          </figcaption>
          <StaggeredGapHistogram snapshot={s} />
        </figure>
      ) : null}
      <div className="fw-charts" data-testid="mc-charts">
        {charts.map((c) => (
          <figure
            key={c.id}
            className="fw-chart"
            data-testid={`chart-uncertainty-${c.id}`}
            {...exportText(
              `${c.data.title}: Monte Carlo percentiles`,
              'With and without data products, week by week; line: median, shaded: middle 90% and 50% of draws',
            )}
          >
            <figcaption className="fw-chart__title">{c.data.title}</figcaption>
            <StaggeredBandChart figure={c} />
          </figure>
        ))}
      </div>
      <AnalysisExports
        testId="mc"
        figures={[
          ...(s.netValueGaps ? [{ id: 'uncertainty-net-value-gap', label: 'Net value gap' }] : []),
          ...CHARTS.map((c) => ({ id: `uncertainty-${c.id}`, label: `${c.title} (bands)` })),
        ]}
        tables={[
          { id: 'kpis', label: 'KPIs (CSV)', suffix: 'uncertainty-kpis', build: () => kpisCsv(s) },
          {
            id: 'bands',
            label: 'Bands (CSV)',
            suffix: 'uncertainty-bands',
            build: () => bandsCsv(s),
          },
          ...(run.merge
            ? [
                {
                  id: 'draws',
                  label: 'Draws (CSV)',
                  suffix: 'uncertainty-draws',
                  build: () => drawsCsv(run.merge!, run.parameters),
                },
              ]
            : []),
        ]}
      />
      <p className="fw-analysis-command">
        The same numbers from the command line: <code data-testid="mc-command">{command}</code>
      </p>
    </div>
  );
}

/**
 * Re-rendered when what it shows changes (a new snapshot), not with every chunk of draws that
 * moves the progress bar.
 */
const Results = memo(
  ResultsOf,
  ({ run: a }, { run: b }) =>
    a.snapshot === b.snapshot &&
    a.scenario === b.scenario &&
    a.fileName === b.fileName &&
    a.variant === b.variant &&
    a.parameters === b.parameters &&
    a.merge === b.merge,
);

export function UncertaintyPanel(): ReactElement {
  const run = useStore(analysisStore, (s) => s.uncertainty);
  const problem = useStore(analysisStore, (s) => s.uncertaintyProblem);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const running = run?.status === 'running';
  const stale = run !== null && !running && isStale(run.scenario, scenario);
  return (
    <section
      className="fw-analysis"
      aria-labelledby="mc-heading"
      data-testid="analysis-uncertainty"
    >
      <h2 id="mc-heading" className="fw-heading">
        How sure? Monte Carlo
      </h2>
      <Form scenario={scenario} running={running} />
      {problem ? (
        <p className="fw-run-status__error" role="alert" data-testid="mc-problem">
          {problem}
        </p>
      ) : null}
      {run ? (
        <RunStatus
          testId="mc"
          running={running}
          done={run.received}
          total={run.phase === 'compiling' ? 0 : run.settings.draws}
          text={statusText(run)}
          error={run.error}
          onCancel={() => uncertaintyController.cancel()}
        />
      ) : null}
      {stale ? (
        <p className="fw-analysis-stale" role="note" data-testid="mc-stale">
          The scenario has changed since this analysis ran: these results are for the earlier
          version. Run it again to update them.
        </p>
      ) : null}
      {run ? <Results run={run} /> : null}
    </section>
  );
}
