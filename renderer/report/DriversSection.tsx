/**
 * The report's "What drives the flywheel": which feedback loop leads the flywheel week by week
 * (Loops That Matter), the dominance timeline of both runs and the weeks where the lead shifts.
 * The same analysis and chart as the app's Loops view.
 */
import type { ReactElement } from 'react';
import { loopDominance, type LoopDominance } from '../../simulation/analysis/loop-dominance';
import { dominanceShifts, type RunLoops } from '../../simulation/analysis/loops';
import type { Scenario } from '../../simulation';
import { colourOf, DominanceChart } from '../loops/DominanceChart';
import { chartBands, dominanceSentence } from '../loops/read';

const TITLES = { with: 'With data products', without: 'Without data products' } as const;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function leads(loops: RunLoops): string {
  const byId = new Map<string, string[]>();
  for (const p of loops.periods) {
    if (p.loopId === null) continue;
    const span = p.fromWeek === p.toWeek ? `${p.fromWeek}` : `${p.fromWeek}–${p.toWeek}`;
    byId.set(p.loopId, [...(byId.get(p.loopId) ?? []), span]);
  }
  return [...byId.entries()].map(([id, spans]) => `${id} in weeks ${spans.join(', ')}`).join('; ');
}

function overview(d: LoopDominance): string[] {
  return d.runs.map((r) => {
    const who =
      d.runs.length === 1
        ? 'In this scenario'
        : r.name === 'with'
          ? 'With data products'
          : 'Without them';
    const r1 = r.loops.groups.find((g) => g.id === 'R1');
    const flywheel = r1
      ? ` The data flywheel R1 explains ${pct(r1.weight)} of the change on average.`
      : '';
    return `${who} the lead goes to ${leads(r.loops) || 'no loop'}.${flywheel}`;
  });
}

export function DriversSection({
  scenario,
  loopWeek,
  dominance = loopDominance(scenario, { settings: { mode: 'expected' } }),
}: {
  scenario: Scenario;
  loopWeek: number;
  dominance?: LoopDominance;
}): ReactElement {
  const chart = chartBands(dominance);
  const k = Math.round(loopWeek / scenario.simulation.stepWeeks);
  const shifts = dominance.runs.flatMap((r) =>
    dominanceShifts(r.loops)
      .filter((s) => s.from !== null)
      .map((s) => ({ run: r.name, ...s })),
  );
  const name = (id: string | null): string => {
    if (id === null) return 'none';
    const g = dominance.runs.flatMap((r) => r.loops.groups).find((x) => x.id === id);
    return g ? `${id} ${g.name}` : id;
  };
  return (
    <section
      className="fw-report__section"
      aria-labelledby="report-drivers"
      data-testid="report-drivers"
    >
      <h2 id="report-drivers">What drives the flywheel</h2>
      <p>
        Each week, every feedback loop&apos;s share of the change in users and fresh data (Loops
        That Matter: Schoenberg, Davidsen &amp; Eberlein 2020, with the 2023 correction), on the
        expected-value run. Reinforcing loops are drawn above the axis, balancing loops below; the
        strip on top shows the loop that leads, and a loop dominates when it explains half the
        change or more.
      </p>
      {overview(dominance).map((t, i) => (
        <p key={i}>{t}</p>
      ))}
      <p>{dominanceSentence(dominance, k)}</p>
      <div className="fw-report__drivers">
        {dominance.runs.map((r, i) => (
          <figure key={r.name} className="fw-report__keep" data-run={r.name}>
            <DominanceChart
              title={dominance.runs.length === 1 ? 'This scenario' : TITLES[r.name]}
              loops={r.loops}
              bands={chart.bands[i]!}
              ids={chart.ids}
              currentIndex={k}
            />
          </figure>
        ))}
      </div>
      <ul className="fw-report__legend">
        {chart.ids.map((id) => (
          <li key={id}>
            {/* An SVG swatch: a presentation attribute, not an inline style (the app's CSP). */}
            <svg className="fw-report__swatch" viewBox="0 0 10 10" aria-hidden="true">
              <rect width="10" height="10" fill={colourOf(chart.ids, id)} />
            </svg>
            {id === 'other' ? 'Other loops' : name(id)}
          </li>
        ))}
      </ul>
      <table className="fw-report__table fw-report__keep" data-testid="report-shifts">
        <caption>Weeks where the leading loop changes</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Week</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {shifts.length === 0 ? (
            <tr>
              <td colSpan={4}>The same loop leads throughout.</td>
            </tr>
          ) : (
            shifts.map((s) => (
              <tr key={`${s.run}-${s.week}`}>
                <td>{s.run === 'with' ? 'With data products' : 'Without'}</td>
                <td>{s.week}</td>
                <td>{name(s.from)}</td>
                <td>{name(s.to)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
