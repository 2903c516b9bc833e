/**
 * "Your data": import a KPI history (CSV or .xlsx), map its columns to the model's metrics, choose
 * the parameters to fit, calibrate the status quo in a worker (progress, cancel), and read the fit
 * (data against model on every series, R2, MAPE, Theil's UM/US/UC, estimates with intervals,
 * warnings) before adopting it as the scenario's base values (one undo step).
 */
import { useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { assumptionsOf, type Aggregate, type Assumption } from '../../simulation';
import { workspaceStore } from '../state/workspace';
import {
  adoptFit,
  adoptFitAsVariant,
  calibrationStore,
  loadHistoryFile,
  metricChoices,
  setFit,
  setMapping,
} from './store';
import { FitResults } from './FitResults';
import { RunStep } from './RunStep';

async function onFile(file: File | undefined): Promise<void> {
  if (!file) return;
  await loadHistoryFile(file.name, new Uint8Array(await file.arrayBuffer()));
}

// Each step reads only what it shows (useShallow), so that a running fit's progress reports re-render
// the progress line alone (see RunStep).
function Import(): ReactElement {
  const { fileName, readError, table } = useStore(
    calibrationStore,
    useShallow((s) => ({ fileName: s.fileName, readError: s.readError, table: s.table })),
  );
  return (
    <section className="fw-calibration__step" aria-labelledby="cal-import">
      <h3 id="cal-import">1. Your KPI history</h3>
      <p className="fw-card__meta">
        Weekly or monthly figures in CSV or Excel (.xlsx): a week or date column and your KPIs
        (active customers, sessions, orders, revenue, conversion, churn).
      </p>
      <label
        className="fw-calibration__drop"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          void onFile(e.dataTransfer.files[0]);
        }}
      >
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          data-testid="history-file"
        />
        <span>{fileName ? `Read: ${fileName}` : 'Choose or drop a file'}</span>
      </label>
      {readError ? (
        <p className="fw-field__error" role="alert" data-testid="history-error">
          {fileName}: {readError}
        </p>
      ) : null}
      {table ? <Preview /> : null}
    </section>
  );
}

function Preview(): ReactElement | null {
  const { table, mapping, history } = useStore(
    calibrationStore,
    useShallow((s) => ({ table: s.table, mapping: s.mapping, history: s.history })),
  );
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const metrics = useMemo(() => metricChoices(scenario), [scenario]);
  if (!table || !mapping) return null;
  const monthly = history?.ok ? history.history.frequency === 'monthly' : false;
  const seriesOf = (col: number) => mapping.series.find((s) => s.column === col);
  return (
    <>
      <div className="fw-calibration__mapping">
        <label>
          Time column{' '}
          <select
            value={mapping.time.column}
            onChange={(e) => {
              const column = Number(e.currentTarget.value);
              setMapping((m) => ({
                ...m,
                time: { ...m.time, column },
                series: m.series.filter((s) => s.column !== column),
              }));
            }}
            data-testid="map-time"
          >
            {table.headers.map((h, i) => (
              <option key={i} value={i}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label>
          holds{' '}
          <select
            value={mapping.time.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as 'week' | 'date';
              setMapping((m) => ({ ...m, time: { ...m.time, kind } }));
            }}
            data-testid="map-time-kind"
          >
            <option value="week">week numbers (0, 1, 2, ...)</option>
            <option value="date">dates (weekly or monthly)</option>
          </select>
        </label>
        {mapping.time.kind === 'date' ? (
          <label>
            Date order{' '}
            <select
              value={mapping.dateOrder}
              onChange={(e) => {
                const dateOrder = e.currentTarget.value as 'auto' | 'dmy' | 'mdy';
                setMapping((m) => ({ ...m, dateOrder }));
              }}
            >
              <option value="auto">detect</option>
              <option value="dmy">day/month/year</option>
              <option value="mdy">month/day/year</option>
            </select>
          </label>
        ) : null}
        <label>
          <input
            type="checkbox"
            checked={mapping.excludeOutliers}
            onChange={(e) => {
              const excludeOutliers = e.currentTarget.checked;
              setMapping((m) => ({ ...m, excludeOutliers }));
            }}
          />{' '}
          Leave flagged outliers out of the fit
        </label>
      </div>
      <div className="fw-calibration__preview">
        <table data-testid="history-preview">
          <thead>
            <tr>
              {table.headers.map((h, i) => (
                <th key={i} scope="col">
                  <div>{h}</div>
                  {i === mapping.time.column ? (
                    <div className="fw-card__meta">time</div>
                  ) : (
                    <ColumnControls
                      column={i}
                      header={h}
                      monthly={monthly}
                      metrics={metrics}
                      current={seriesOf(i)}
                    />
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, 6).map((r, k) => (
              <tr key={k}>
                {r.map((c, i) => (
                  <td key={i}>
                    {c instanceof Date ? c.toISOString().slice(0, 10) : String(c ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="fw-card__meta">
          {table.rows.length} rows{table.rows.length > 6 ? ' (the first 6 shown)' : ''}
          {table.sheet ? `, sheet ${table.sheet}` : ''}
        </p>
      </div>
      <HistorySummary />
    </>
  );
}

function ColumnControls(props: {
  readonly column: number;
  readonly header: string;
  readonly monthly: boolean;
  readonly metrics: readonly { name: string; label: string; unit: string }[];
  readonly current: { metric: string; aggregate: Aggregate; weight: number } | undefined;
}): ReactElement {
  const { column, current, metrics, monthly } = props;
  const unit = metrics.find((m) => m.name === current?.metric)?.unit ?? '';
  const perWeek = /\/\s*week/.test(unit);
  return (
    <div className="fw-calibration__column">
      <select
        aria-label={`Model metric of column ${props.header}`}
        value={current?.metric ?? ''}
        onChange={(e) => {
          const metric = e.currentTarget.value;
          setMapping((m) => {
            const rest = m.series.filter((s) => s.column !== column && s.metric !== metric);
            if (metric === '') return { ...m, series: rest };
            const u = metrics.find((x) => x.name === metric)!.unit;
            const aggregate: Aggregate = monthly
              ? /\/\s*week/.test(u)
                ? 'total'
                : 'average'
              : 'point';
            return {
              ...m,
              series: [...rest, { column, metric, aggregate, weight: 1 }].sort(
                (a, b) => a.column - b.column,
              ),
            };
          });
        }}
        data-testid={`map-column-${column}`}
      >
        <option value="">(not used)</option>
        {metrics.map((m) => (
          <option key={m.name} value={m.name}>
            {m.label} ({m.name})
          </option>
        ))}
      </select>
      {current && monthly && perWeek ? (
        <select
          aria-label={`How ${props.header} covers a month`}
          value={current.aggregate}
          onChange={(e) => {
            const aggregate = e.currentTarget.value as Aggregate;
            setMapping((m) => ({
              ...m,
              series: m.series.map((s) => (s.column === column ? { ...s, aggregate } : s)),
            }));
          }}
          data-testid={`map-aggregate-${column}`}
        >
          <option value="total">monthly total</option>
          <option value="average">average week</option>
        </select>
      ) : null}
      {current ? (
        <label className="fw-calibration__weight">
          weight{' '}
          <input
            type="number"
            min={0}
            max={1000}
            step={0.5}
            value={current.weight}
            onChange={(e) => {
              const weight = Number(e.currentTarget.value);
              if (!(weight >= 0 && weight <= 1000)) return;
              setMapping((m) => ({
                ...m,
                series: m.series.map((s) => (s.column === column ? { ...s, weight } : s)),
              }));
            }}
          />
        </label>
      ) : null}
    </div>
  );
}

function HistorySummary(): ReactElement | null {
  const history = useStore(calibrationStore, (s) => s.history);
  if (!history) return null;
  if (!history.ok)
    return (
      <ul className="fw-calibration__errors" role="alert" data-testid="history-errors">
        {history.errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    );
  const h = history.history;
  return (
    <div data-testid="history-summary">
      <p>
        {h.periods.length} {h.frequency === 'weekly' ? 'weeks' : 'months'}
        {h.startDate ? ` from ${h.startDate}` : ''}, {h.series.length} series:{' '}
        {h.series
          .map((s) => `${s.metric}${s.aggregate === 'total' ? ' (monthly totals)' : ''}`)
          .join(', ')}
      </p>
      {history.flags.length > 0 ? (
        <ul className="fw-calibration__flags" data-testid="history-flags">
          {history.flags.map((f, i) => (
            <li key={i} data-kind={f.kind}>
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function FitChoice(): ReactElement {
  const fit = useStore(calibrationStore, (s) => s.fit);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  // The status quo reads the global parameters: those are the ones a history can speak to.
  const choices = useMemo(
    () => assumptionsOf(scenario).filter((a: Assumption) => a.owner.kind === 'parameter'),
    [scenario],
  );
  return (
    <section className="fw-calibration__step" aria-labelledby="cal-fit">
      <h3 id="cal-fit">2. Parameters to fit</h3>
      <p className="fw-card__meta">
        Each stays within its valid range. Fit few at a time: three to five is what a few years of
        weekly figures can usually tell apart.
      </p>
      <div className="fw-calibration__choices" data-testid="fit-choices">
        {choices.map((a) => (
          <label key={a.name} title={`${a.name}: ${a.description}`}>
            <input
              type="checkbox"
              checked={fit.includes(a.name)}
              onChange={(e) =>
                setFit(e.currentTarget.checked ? [...fit, a.name] : fit.filter((n) => n !== a.name))
              }
              data-testid={`fit-${a.name}`}
            />{' '}
            {a.label}
          </label>
        ))}
      </div>
    </section>
  );
}

export function CalibrationView(): ReactElement {
  // The finished run only: progress reports of a running fit do not re-render the view.
  const run = useStore(calibrationStore, (s) => (s.run.kind === 'done' ? s.run : null));
  return (
    <div className="fw-calibration" data-testid="calibration-view">
      <Import />
      <FitChoice />
      <RunStep />
      {run ? (
        <FitResults
          result={run.result}
          adopted={run.adopted}
          onAdopt={adoptFit}
          onAdoptAsVariant={adoptFitAsVariant}
        />
      ) : null}
    </div>
  );
}
