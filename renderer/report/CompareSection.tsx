/**
 * The report's comparison of runs (chosen in the app's Compare view, or the file's comparison
 * with `flywheel report --compare`): which runs and what each changes against the baseline in
 * words, the KPI table with the difference from the baseline under each value and the best
 * marked (the cells `flywheel compare` prints), every chart with the runs overlaid (the Compare
 * view's chart, static), and the one `flywheel compare` command that gives the same table.
 */
import type { ReactElement } from 'react';
import {
  describeDifferences,
  runTable,
  runTableCells,
  runTableLabel,
  type Kpis,
  type ScenarioRun,
} from '../../simulation';
import { OverlayChart, type OverlaySeries } from '../compare/OverlayChart';
import { Swatch } from '../compare/Swatch';
import { formatWeek } from '../format/format';
import { CHARTS, cachedSeries } from '../state/selectors';

export interface ReportCompareRun {
  /** `base`, `variant:NAME`, `pin:NAME`, `file:…`: stable within one report. */
  readonly id: string;
  readonly label: string;
  /** What kind of run it is, in words ("the scenario", "variant", "pinned run", "other file"). */
  readonly kind: string;
  readonly color: string;
  readonly run: ScenarioRun;
}

export interface ReportComparison {
  readonly runs: readonly ReportCompareRun[];
  /** Index of the baseline run. */
  readonly baseline: number;
  /** The `flywheel compare` command that reproduces the table. */
  readonly command: string;
  /** Why the command may not give these numbers (unsaved edits, a file opened by name only), or null. */
  readonly caveat: string | null;
}

/** At most this many of a run's changes are listed (then "and N more"). */
const MAX_CHANGES_SHOWN = 6;

/** What each run changes against the baseline's scenario, in words (empty for the baseline). */
export function changesAgainstBaseline(c: ReportComparison): string[][] {
  const base = c.runs[c.baseline]!.run.scenario;
  return c.runs.map((r, i) => (i === c.baseline ? [] : describeDifferences(base, r.run.scenario)));
}

function RunsList({ c }: { readonly c: ReportComparison }): ReactElement {
  const changes = changesAgainstBaseline(c);
  return (
    <ol className="fw-report__runs" data-testid="report-compare-runs">
      {c.runs.map((r, i) => {
        const list = changes[i]!;
        const s = r.run.scenario.simulation;
        return (
          <li key={r.id} data-run={r.id} className="fw-report__keep">
            <Swatch color={r.color} dashed={i === c.baseline} />
            <strong>{r.label}</strong> <span className="fw-report__unit">{r.kind}</span>
            {i === c.baseline ? <span className="fw-report__tag">baseline</span> : null}
            <span className="fw-report__run-settings">
              {' '}
              ({s.weeks} weeks, seed {s.seed}, {s.mode})
            </span>
            {i === c.baseline ? null : list.length === 0 ? (
              <p className="fw-report__changes">Runs as the baseline does.</p>
            ) : (
              <ul className="fw-report__changes" data-testid="report-compare-changes">
                {list.slice(0, MAX_CHANGES_SHOWN).map((text, k) => (
                  <li key={k}>{text}</li>
                ))}
                {list.length > MAX_CHANGES_SHOWN ? (
                  <li>and {list.length - MAX_CHANGES_SHOWN} more changes</li>
                ) : null}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function CompareKpiTable({ c }: { readonly c: ReportComparison }): ReactElement {
  const rows = runTable(
    c.runs.map((r) => r.run.kpis as Kpis),
    c.baseline,
  );
  const wide = c.runs.length > 4;
  return (
    <table
      className={`fw-report__table fw-report__table--compare${wide ? ' fw-report__table--wide' : ''}`}
      data-testid="report-compare-table"
    >
      <thead>
        <tr>
          <th scope="col">Key result</th>
          {c.runs.map((r, i) => (
            <th key={r.id} scope="col" data-run={r.id}>
              <Swatch color={r.color} dashed={i === c.baseline} />
              {r.label}
              {i === c.baseline ? <span className="fw-report__tag">baseline</span> : null}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const cells = runTableCells(row, c.baseline);
          return (
            <tr key={row.key} data-kpi={row.key}>
              <th scope="row">{runTableLabel(row)}</th>
              {cells.map((cell, i) => (
                <td
                  key={c.runs[i]!.id}
                  data-value={row.values[i] ?? ''}
                  data-best={cell.best ? 'yes' : undefined}
                  className={cell.best ? 'fw-report__best' : undefined}
                >
                  {cell.best ? '★ ' : ''}
                  {cell.value}
                  {cell.delta ? <span className="fw-report__delta">{cell.delta}</span> : null}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CompareCharts({
  c,
  week,
}: {
  readonly c: ReportComparison;
  readonly week: number;
}): ReactElement {
  return (
    <div className="fw-report__charts">
      {CHARTS.map((spec) => {
        const runs = c.runs.filter((r) => r.run.metrics.some((m) => m.name === spec.metric));
        const info = runs[0]?.run.metrics.find((m) => m.name === spec.metric);
        if (!info) return null;
        const series = runs.map((r): OverlaySeries => ({
          id: r.id,
          label: r.label,
          color: r.color,
          dashed: r.id === c.runs[c.baseline]!.id,
          time: r.run.series.time,
          values: cachedSeries(r.run, spec.metric),
        }));
        return (
          <figure
            key={spec.id}
            className="fw-chart fw-report__keep"
            data-chart={spec.id}
            data-testid={`report-compare-chart-${spec.id}`}
          >
            <figcaption className="fw-chart__title">
              {spec.title}
              <span className="fw-report__chart-description">{info.description}</span>
            </figcaption>
            <OverlayChart
              title={spec.title}
              unit={info.unit}
              series={series}
              week={week}
              interactive={false}
            />
          </figure>
        );
      })}
    </div>
  );
}

export function CompareSection({
  comparison: c,
  loopWeek,
}: {
  readonly comparison: ReportComparison | null | undefined;
  readonly loopWeek: number;
}): ReactElement | null {
  if (!c || c.runs.length < 2) return null;
  const baseline = c.runs[c.baseline]!;
  const horizons = new Set(c.runs.map((r) => r.run.scenario.simulation.weeks));
  return (
    <section
      className="fw-report__section"
      aria-labelledby="report-compare"
      data-testid="report-compare"
    >
      <h2 id="report-compare">Comparison of {c.runs.length} runs</h2>
      <p className="fw-report__note">
        Every run against the baseline, {baseline.label}: what it changes, its key results with the
        difference from the baseline under each value (★ the best of the {c.runs.length} runs), and
        every chart with the runs overlaid (the baseline dashed; the dotted line marks week{' '}
        {formatWeek(loopWeek)}).
        {horizons.size > 1
          ? ' The runs have different horizons: final values are at each run’s own.'
          : ''}
      </p>
      <RunsList c={c} />
      <CompareKpiTable c={c} />
      <h3>Charts with the runs overlaid</h3>
      <ul className="fw-report__legend" data-testid="report-compare-legend">
        {c.runs.map((r, i) => (
          <li key={r.id}>
            <Swatch color={r.color} dashed={i === c.baseline} /> {r.label}
            {i === c.baseline ? ' (baseline)' : ''}
          </li>
        ))}
      </ul>
      <CompareCharts c={c} week={loopWeek} />
      <p>The same table is printed by:</p>
      <pre className="fw-report__command" data-testid="report-compare-command">
        {c.command}
      </pre>
      {c.caveat ? <p className="fw-report__note">{c.caveat}</p> : null}
    </section>
  );
}
