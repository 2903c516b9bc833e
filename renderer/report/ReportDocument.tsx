/**
 * The report as one React document: cover, summary, KPI table, the headline results (break-even
 * gap, how often data products win), charts, the loop at a chosen week, the comparison of chosen
 * runs (when there is one), the calibration to a KPI history (when the scenario has one),
 * assumptions, methodology and
 * reproducibility. Rendered to static HTML (renderToStaticMarkup) for the HTML file, Chromium's PDF and the app's exports, from the same chart and loop
 * components the workspace shows. All text goes through React, which escapes it.
 */
import type { ReactElement } from 'react';
import { formatValue, type Comparison, type Headline, type Scenario } from '../../simulation';
import { AnalysesSection, type ReportAnalyses } from './AnalysesSection';
import { AssumptionsSection } from './AssumptionsSection';
import { CalibrationSection } from './CalibrationSection';
import { CompareSection, type ReportComparison } from './CompareSection';
import { ChartsSection, LoopSection } from './FiguresSection';
import { DriversSection } from './DriversSection';
import { HeadlineSection } from './HeadlineSection';
import { kpiRows } from './kpi-rows';
import { MethodologySection } from './MethodologySection';
import type { Reproducibility } from './reproduce';
import { summarize } from './summary';

export const REPORT_TITLE = 'Flywheel Lab simulation report';

export interface ReportProps {
  readonly scenario: Scenario;
  readonly comparison: Comparison;
  /** The day the report was made, as YYYY-MM-DD. */
  readonly generatedOn: string;
  readonly reproducibility: Reproducibility;
  /** The week the five-step loop is drawn at. */
  readonly loopWeek: number;
  /** The scenario file (serialised), embedded so the numbers can be reproduced. */
  readonly scenarioText: string;
  /** The analyses run in the app's Analyse view (the app's export; none from the CLI). */
  readonly analyses?: ReportAnalyses;
  /** The runs compared side by side (two to eight), or none: no comparison section. */
  readonly compareRuns?: ReportComparison | null;
  /**
   * The headline results (break-even gap, win probability) when already computed for this
   * scenario (the app's engine); otherwise the report computes them.
   */
  readonly headline?: Headline | null;
}

function Cover({ scenario, generatedOn, reproducibility }: ReportProps): ReactElement {
  return (
    <header className="fw-report__cover">
      <p className="fw-report__kicker">{REPORT_TITLE}</p>
      <h1 className="fw-report__title" data-testid="report-scenario-name">
        {scenario.name}
      </h1>
      {scenario.description ? <p className="fw-report__lead">{scenario.description}</p> : null}
      <dl className="fw-report__facts">
        <dt>Date</dt>
        <dd>{generatedOn}</dd>
        <dt>App version</dt>
        <dd>Flywheel Lab {reproducibility.appVersion}</dd>
        <dt>Horizon</dt>
        <dd>{formatValue(reproducibility.horizonWeeks, 'weeks')}</dd>
        <dt>Scenario hash</dt>
        <dd>
          <code>{reproducibility.scenarioHash}</code>
        </dd>
      </dl>
    </header>
  );
}

function Summary({ comparison }: ReportProps): ReactElement {
  return (
    <section className="fw-report__section" aria-labelledby="report-summary">
      <h2 id="report-summary">Summary</h2>
      {summarize(comparison).map((s) => (
        <p key={s.id} data-rule={s.id}>
          {s.text}
        </p>
      ))}
    </section>
  );
}

function KpiTable({ comparison }: ReportProps): ReactElement {
  const rows = kpiRows(comparison.runs, comparison.differences);
  const hasWithout = comparison.runs.length > 1;
  return (
    <section className="fw-report__section fw-report__keep" aria-labelledby="report-kpis">
      <h2 id="report-kpis">Key results</h2>
      <table className="fw-report__table fw-report__table--kpis" data-testid="report-kpis">
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">With data products</th>
            {hasWithout ? <th scope="col">Without</th> : null}
            {hasWithout ? <th scope="col">Difference</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-kpi={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.withText}</td>
              {hasWithout ? <td>{r.withoutText ?? ''}</td> : null}
              {hasWithout ? <td>{r.differenceText ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReproducibilitySection({ reproducibility: r, scenarioText }: ReportProps): ReactElement {
  const href = `data:application/json;charset=utf-8,${encodeURIComponent(scenarioText)}`;
  return (
    <section
      className="fw-report__section"
      aria-labelledby="report-repro"
      data-testid="report-repro"
    >
      <h2 id="report-repro">Reproducibility</h2>
      <dl className="fw-report__facts fw-report__keep">
        <dt>App version</dt>
        <dd>{r.appVersion}</dd>
        <dt>Scenario hash</dt>
        <dd>
          <code>{r.scenarioHash}</code>
        </dd>
        <dt>Seed</dt>
        <dd>{r.seed}</dd>
        <dt>Horizon</dt>
        <dd>{formatValue(r.horizonWeeks, 'weeks')}</dd>
        <dt>Step</dt>
        <dd>{formatValue(r.stepWeeks, 'weeks')}</dd>
        <dt>Mode</dt>
        <dd>{r.mode}</dd>
      </dl>
      <p>The numbers in this report are reproduced by:</p>
      <pre className="fw-report__command" data-testid="report-command">
        {r.command}
      </pre>
      <p>
        The scenario file ({r.scenarioFileName}) is reproduced below
        <span className="fw-report__screen-only">
          {' '}
          and can be saved from this link:{' '}
          <a href={href} download={r.scenarioFileName}>
            {r.scenarioFileName}
          </a>
        </span>
        .
      </p>
      <pre className="fw-report__scenario" data-testid="report-scenario-file">
        {scenarioText}
      </pre>
    </section>
  );
}

export function ReportDocument(props: ReportProps): ReactElement {
  return (
    <article className="fw-report">
      <Cover {...props} />
      <Summary {...props} />
      <KpiTable {...props} />
      <HeadlineSection
        scenario={props.scenario}
        comparison={props.comparison}
        headline={props.headline}
      />
      <ChartsSection comparison={props.comparison} loopWeek={props.loopWeek} />
      <LoopSection comparison={props.comparison} loopWeek={props.loopWeek} />
      <CompareSection comparison={props.compareRuns} loopWeek={props.loopWeek} />
      <DriversSection scenario={props.scenario} loopWeek={props.loopWeek} />
      <CalibrationSection scenario={props.scenario} />
      <AnalysesSection analyses={props.analyses} />
      <AssumptionsSection scenario={props.scenario} />
      <MethodologySection comparison={props.comparison} scenario={props.scenario} />
      <ReproducibilitySection {...props} />
    </article>
  );
}
