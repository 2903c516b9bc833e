/**
 * Loop knock-outs (Sterman, Business Dynamics ch. 21, "boundary adequacy" and "behaviour
 * anomaly"): switch a feedback loop off by cutting one of its links, run again, and see what
 * changes. A link X -> Y is cut by giving Y, in place of X, X's own value at week 0 for the whole
 * run: everything else in the model still sees X move, only Y no longer does.
 *
 * LOOP_KNOCKOUTS names, for every loop of docs/MODEL.md section 1 (the ids of
 * loop-names.ts's DOCUMENTED_LOOPS), the links that switch it off and the KPI it documents; the
 * model tests switch each off in turn and fail if one changes nothing, and docs/MODEL.md shows
 * how much each changes.
 */
import { compileModel } from '../engine/compile';
import { runModel, seriesOf, type RunSeries } from '../engine/run';
import type { ModelDecl, VariableDecl } from '../engine/types';
import { buildFlywheelModel } from '../model/flywheel';
import { statusQuo, withoutDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { computeKpis, type Kpis } from './kpis';
import { settingsOf } from './simulate';

/** A link X -> Y: `from` is X's name, `to` a name or pattern of Y (`*` for any text). */
export interface Link {
  readonly from: string;
  readonly to: string;
}

export interface LoopKnockout {
  /** The loop's id in docs/MODEL.md section 1 (DOCUMENTED_LOOPS). */
  readonly id: string;
  /** The links whose cut switches the loop off. */
  readonly cut: readonly Link[];
  /**
   * What the loop's documentation says it moves, in the `with` run: a KPI, or a metric's value at
   * the horizon.
   */
  readonly kpi: keyof Kpis | `final:${string}`;
  readonly what: string;
  /** Its name, where the loop analysis's table (DOCUMENTED_LOOPS) has none. */
  readonly name?: string;
}

export const LOOP_KNOCKOUTS: readonly LoopKnockout[] = [
  {
    id: 'R1',
    cut: [{ from: 'freshEvents', to: 'aiConsumer.*.effectiveData' }],
    kpi: 'finalAiPerformance',
    what: 'the AI no longer learns from the data the flywheel adds',
  },
  {
    id: 'R2',
    cut: [{ from: 'activeUsers', to: 'adoption' }],
    kpi: 'finalActiveUsers',
    what: 'word of mouth no longer grows with the customer base',
  },
  {
    id: 'B1',
    cut: [{ from: 'potentialUsers', to: 'adoption' }],
    kpi: 'finalActiveUsers',
    what: 'adoption no longer thins as the pool of potential users drains',
  },
  {
    id: 'B3',
    cut: [{ from: 'dataVolumeIndex', to: '*.ownerLoad' }],
    kpi: 'finalDataQuality',
    what: "owners' load no longer grows with the data their products hold and serve",
  },
  {
    id: 'B4',
    cut: [{ from: 'freshEvents', to: 'eventsAgeing' }],
    kpi: 'finalAiPerformance',
    what: 'old events no longer age out faster as the stock grows',
  },
  {
    id: 'B5',
    name: 'Cost (a force in the economics, not a feedback loop)',
    cut: [{ from: 'spending', to: 'netValue' }],
    kpi: 'cumulativeNetValueUsd',
    what: 'data and AI spending no longer counts against net value',
  },
  {
    id: 'B6',
    cut: [{ from: '*.availability', to: '*.trustTarget' }],
    kpi: 'finalTrust',
    what: 'incidents and downtime no longer lower the trust a source earns',
  },
  {
    id: 'B7',
    cut: [{ from: 'activeUsers', to: 'churn' }],
    kpi: 'finalActiveUsers',
    what: 'churn no longer grows with the customer base',
  },
  {
    id: 'B8',
    cut: [{ from: 'lapsedUsers', to: 'winBack' }],
    kpi: 'final:lapsedUsers',
    what: 'win-back no longer follows the lapsed pool',
  },
  {
    id: 'R3',
    cut: [{ from: 'potentialUsers', to: 'adoption' }],
    kpi: 'finalActiveUsers',
    what: 'won-back users are no longer adopted again as the pool refills',
  },
];

function globMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`).test(name);
}

/**
 * The declaration with every link cut: each cut input is replaced by a constant auxiliary that
 * holds the input's value at week 0 (`initialValues`). Throws when a link matches nothing.
 */
export function cutLinks(
  decl: ModelDecl,
  links: readonly Link[],
  initialValues: (name: string) => number,
): ModelDecl {
  const constants = new Map<string, VariableDecl>();
  const used = new Set<Link>();
  const variables = decl.variables.map((v): VariableDecl => {
    if (v.kind !== 'auxiliary' && v.kind !== 'flow') return v;
    let inputs = v.equation.inputs;
    for (const link of links) {
      if (!globMatches(link.to, v.name)) continue;
      const sources = inputs.filter((i) => globMatches(link.from, i));
      if (sources.length === 0) continue;
      used.add(link);
      inputs = inputs.map((i) => {
        if (!sources.includes(i)) return i;
        const name = `knockout.${i}`;
        if (!constants.has(name)) {
          const value = initialValues(i);
          constants.set(name, {
            kind: 'auxiliary',
            name,
            unit: 'dimensionless',
            description: `${i} held at its week-0 value (a cut link).`,
            equation: { inputs: [], fn: () => value },
          });
        }
        return name;
      });
    }
    return inputs === v.equation.inputs ? v : { ...v, equation: { ...v.equation, inputs } };
  });
  for (const link of links)
    if (!used.has(link)) throw new Error(`no link ${link.from} -> ${link.to} in the model`);
  return { variables: [...variables, ...constants.values()] };
}

function run(scenario: Scenario, links: readonly Link[]): RunSeries {
  const built = buildFlywheelModel(scenario);
  const settings = settingsOf(scenario);
  const compiled = compileModel(built.decl, { backend: 'interpreter' });
  const base = runModel(compiled, built.parameterValues, settings);
  if (links.length === 0) return base;
  const cut = cutLinks(built.decl, links, (name) => seriesOf(base, name)[0]!);
  return runModel(compileModel(cut, { backend: 'interpreter' }), built.parameterValues, settings);
}

export interface KnockedOutRun {
  readonly kpis: Kpis;
  readonly series: RunSeries;
}

/**
 * The runs of the scenario (`with`, against its status quo) and of the same business without data
 * products, with the links cut (none: the model as it is).
 */
export function knockedOut(
  scenario: Scenario,
  links: readonly Link[],
): { readonly with: KnockedOutRun; readonly without: KnockedOutRun } {
  const sq = run(statusQuo(scenario), []);
  const of = (s: Scenario): KnockedOutRun => {
    const series = run(s, links);
    return { kpis: computeKpis(series, sq), series };
  };
  return { with: of(scenario), without: of(withoutDataProducts(scenario)) };
}

/** What a knock-out measures (its `kpi`) in a run. */
export function knockoutMeasure(k: Pick<LoopKnockout, 'kpi'>, r: KnockedOutRun): number {
  if (k.kpi.startsWith('final:')) {
    const s = seriesOf(r.series, k.kpi.slice('final:'.length));
    return s[s.length - 1]!;
  }
  return r.kpis[k.kpi as keyof Kpis] as number;
}
