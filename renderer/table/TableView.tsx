/**
 * The weekly numbers of the runs as a table: one row per week, one column per result, for the run
 * with data products, the one without, or their difference. Columns are filtered by words; a
 * column's header opens its details; the week on screen is marked. Only the rows in sight are
 * drawn (a 520-week half-week run has over a thousand rows of about a hundred columns).
 */
import { useMemo, useRef, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { detailsStore } from '../details/store';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { cellText, columnValues, filterColumns, tableColumns } from './columns';
import { TABLE_RUN_LABELS, TABLE_RUNS, tableStore } from './store';
import './table.css';

/** Height of a body row (px, as table.css sets it) and rows drawn beyond those in sight. */
const ROW_PX = 28;
const OVERSCAN = 12;

export function TableView(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const run = useStore(tableStore, (s) => s.run);
  const filter = useStore(tableStore, (s) => s.filter);
  const focusColumn = useStore(tableStore, (s) => s.focusColumn);
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const runs = comparison?.runs ?? [];
  const columns = useMemo(() => tableColumns(runs), [runs]);
  const shown = useMemo(() => {
    const list = filterColumns(columns, filter);
    // A column asked for by the details panel comes first, so it is in sight.
    if (focusColumn === null) return list;
    const focused = list.find((c) => c.name === focusColumn);
    return focused ? [focused, ...list.filter((c) => c !== focused)] : list;
  }, [columns, filter, focusColumn]);
  const values = useMemo(
    () => shown.map((c) => columnValues(runs, run, c.name)),
    [shown, runs, run],
  );
  if (!comparison || runs.length === 0) {
    return (
      <p className="fw-empty" role="status">
        Computing the first run…
      </p>
    );
  }
  const time = runs[0]!.series.time;
  const rowCount = time.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / ROW_PX) + OVERSCAN);
  const withoutRun = runs.length > 1;
  const state = tableStore.getState();
  return (
    <section className="fw-table-view" aria-labelledby="table-heading" data-testid="table-view">
      <div className="fw-table-view__bar">
        <h2 id="table-heading" className="fw-heading">
          Weekly numbers
        </h2>
        <div className="fw-segmented" role="radiogroup" aria-label="Run shown">
          {TABLE_RUNS.map((r) => (
            <label key={r} className={`fw-segmented__option${run === r ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="table-run"
                value={r}
                checked={run === r}
                disabled={r !== 'with' && !withoutRun}
                onChange={() => state.setRun(r)}
                data-testid={`table-run-${r}`}
              />
              {TABLE_RUN_LABELS[r]}
            </label>
          ))}
        </div>
        <label className="fw-table-view__filter">
          <span>Columns</span>
          <input
            type="search"
            value={filter}
            placeholder="e.g. users, revenue, customer 360"
            onChange={(e) => state.setFilter(e.currentTarget.value)}
            data-testid="table-filter"
          />
        </label>
        <span className="fw-table-view__count" role="status" data-testid="table-count">
          {shown.length} of {columns.length} columns · {rowCount} weeks
        </span>
      </div>
      <div
        ref={(el) => {
          scroller.current = el;
          if (el && el.clientHeight > 0 && el.clientHeight !== height) setHeight(el.clientHeight);
        }}
        className="fw-table-view__scroller"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        aria-label="Weekly numbers, scrollable"
      >
        <table className="fw-table" data-testid="table" data-run={run} aria-rowcount={rowCount + 1}>
          <thead>
            <tr>
              <th scope="col" className="fw-table__week">
                Week
              </th>
              {shown.map((c) => (
                <th
                  key={c.name}
                  scope="col"
                  className={c.name === focusColumn ? 'is-focus' : undefined}
                  data-column={c.name}
                >
                  <button
                    type="button"
                    className="fw-table__header"
                    title={`${c.description} Click for its details.`}
                    onClick={(e) => detailsStore.getState().open(c.name, e.currentTarget)}
                  >
                    {c.header}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 ? (
              <tr aria-hidden="true" style={{ height: first * ROW_PX }} className="fw-table__pad" />
            ) : null}
            {Array.from({ length: last - first }, (_, i) => {
              const k = first + i;
              return (
                <tr
                  key={k}
                  aria-rowindex={k + 2}
                  aria-current={k === pointIndex ? 'true' : undefined}
                  data-point={k}
                >
                  <th scope="row" className="fw-table__week">
                    {time[k]}
                  </th>
                  {shown.map((c, j) => (
                    <td key={c.name}>{cellText(values[j]?.[k], c.unit, run === 'difference')}</td>
                  ))}
                </tr>
              );
            })}
            {last < rowCount ? (
              <tr
                aria-hidden="true"
                style={{ height: (rowCount - last) * ROW_PX }}
                className="fw-table__pad"
              />
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
