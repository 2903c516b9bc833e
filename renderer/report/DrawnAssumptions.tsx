/**
 * The methodology's list of what Monte Carlo draws and how: every assumption of the catalogue
 * with a distribution (simulation/scenario/assumptions.ts, the list `flywheel run --runs` and the
 * app's Uncertainty analysis draw from), grouped by what it belongs to, with its triangular range
 * and why the range is what it is.
 */
import type { ReactElement } from 'react';
import { assumptionsOf, formatCompact, type Assumption, type Scenario } from '../../simulation';
import { axisUnitLabel } from '../format/format';

interface Group {
  readonly key: string;
  readonly title: string;
  readonly rows: Assumption[];
}

function groupsOf(drawn: readonly Assumption[]): Group[] {
  const groups = new Map<string, Group>();
  for (const a of drawn) {
    const o = a.owner;
    const [key, title] =
      o.kind === 'parameter'
        ? ['parameters', 'Business and model parameters']
        : o.kind === 'ownPipeline'
          ? ['own', 'Own pipelines (every consumer team’s)']
          : o.kind === 'dataProduct'
            ? [`dp:${o.id}`, `Data product: ${o.name}`]
            : [`ai:${o.id}`, `AI consumer: ${o.name}`];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title, rows: [] }));
    g.rows.push(a);
  }
  return [...groups.values()];
}

const num = (v: number): string => formatCompact(v, 3);

export function DrawnAssumptions({ scenario }: { scenario: Scenario }): ReactElement {
  const all = assumptionsOf(scenario);
  const drawn = all.filter((a) => a.distribution !== null);
  // Many assumptions share their reason (every product's maturities, say): each reason once.
  const reasons: string[] = [];
  const reasonOf = new Map<string, number>();
  for (const a of drawn) {
    const why = a.distributionSource ?? a.source;
    if (!reasonOf.has(why)) reasonOf.set(why, reasons.push(why));
  }
  return (
    <div data-testid="report-drawn">
      <h3>What Monte Carlo draws, and how</h3>
      <p>
        {`Each Monte Carlo draw takes a new seed for the weekly demand noise and a value for each of the ${drawn.length} uncertain assumptions below (of ${all.length} the model reads), from a triangular distribution over its plausible range with its mode at the scenario’s value. The runs with and without data products and the status quo of a draw share its values, so their differences come from the data products alone. Draw number i is the same in every Monte Carlo of this scenario and seed: in the app, the report and `}
        <code>flywheel run --runs</code>
        {
          '. The rest are held at the scenario’s values: choices the scenario makes (what is built, when, for whom) and facts of the business it states.'
        }
      </p>
      {groupsOf(drawn).map((g) => (
        <table key={g.key} className="fw-report__table fw-report__table--drawn">
          <caption>{g.title}</caption>
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col">Low</th>
              <th scope="col">Mode</th>
              <th scope="col">High</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((a) => (
              <tr key={a.name} data-assumption={a.name}>
                <th scope="row">
                  {a.label} <span className="fw-report__unit">({axisUnitLabel(a.unit)})</span>
                </th>
                <td>{num(a.distribution!.lo)}</td>
                <td>{num(a.distribution!.mode)}</td>
                <td>{num(a.distribution!.hi)}</td>
                <td>{`[${reasonOf.get(a.distributionSource ?? a.source)}]`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p>Why each range is what it is:</p>
      <ol className="fw-report__reasons">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ol>
    </div>
  );
}
