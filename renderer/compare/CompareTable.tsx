/**
 * The comparison's KPI table: one column per run, each key result's value on one scale, its
 * difference from the baseline under it, the best run marked (★). The same cells as `flywheel
 * compare` prints (runTable and runTableCells).
 */
import type { ReactElement } from 'react';
import { runTable, runTableCells, runTableLabel, type Kpis } from '../../simulation';
import type { ComparedRun } from './compared';
import { Swatch } from './Swatch';

export function CompareTable({
  runs,
  baseline,
}: {
  readonly runs: readonly ComparedRun[];
  readonly baseline: number;
}): ReactElement {
  const ready = runs.every((r) => r.run !== null);
  if (!ready || runs.length === 0)
    return (
      <p className="fw-empty" role="status" data-testid="compare-table-pending">
        Computing {runs.filter((r) => r.run === null).length} of {runs.length} runs…
      </p>
    );
  const rows = runTable(
    runs.map((r) => r.run!.kpis as Kpis),
    baseline,
  );
  return (
    <div className="fw-compare__table-wrap">
      <table className="fw-compare__table" data-testid="compare-table">
        <caption className="fw-visually-hidden">
          Key results of each run, with its difference from the baseline, {runs[baseline]!.label}
        </caption>
        <thead>
          <tr>
            <th scope="col">Key result</th>
            {runs.map((r, i) => (
              <th key={r.id} scope="col" data-run={r.id}>
                <Swatch color={r.color} dashed={i === baseline} />
                <span className="fw-compare__run">{r.label}</span>
                {i === baseline ? <span className="fw-compare__tag">baseline</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const cells = runTableCells(row, baseline);
            return (
              <tr key={row.key} data-kpi={row.key}>
                <th scope="row">{runTableLabel(row)}</th>
                {cells.map((c, i) => (
                  <td
                    key={runs[i]!.id}
                    className={c.best ? 'fw-compare__best' : undefined}
                    data-value={row.values[i] ?? ''}
                    data-delta={row.deltas[i] ?? ''}
                    data-best={c.best ? 'yes' : undefined}
                  >
                    <span className="fw-compare__value">
                      {c.best ? (
                        <span className="fw-compare__star" aria-label="best">
                          ★{' '}
                        </span>
                      ) : null}
                      {c.value}
                    </span>
                    {c.delta ? <span className="fw-compare__delta">{c.delta}</span> : null}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
