/**
 * Surprise-behaviour flags (Sterman, Business Dynamics ch. 21, test 10): behaviour a modeller
 * would not expect of this model, found in a comparison's runs. A flag is not an error: it says
 * "look here", because either the model or the expectation is wrong. The model tests assert that
 * no preset raises one and that each flag does fire on a run built to show it.
 *
 * Every flag reads only the runs' own series (the same in every backend), so the CLI, the app and
 * the report would flag alike.
 */
import { seriesOf } from '../engine/run';
import type { Scenario } from '../scenario/types';
import { statusQuo } from '../scenario/derive';
import { runScenario, type Comparison, type RunOptions, type ScenarioRun } from './simulate';

export type SurpriseId =
  | 'status-quo-drifts'
  | 'users-beyond-market'
  | 'quality-without-data'
  | 'ai-without-data'
  | 'lift-beyond-ceiling'
  | 'negative-spending'
  | 'pays-back-before-any-ai'
  | 'with-wins-on-nothing';

export interface Surprise {
  readonly id: SurpriseId;
  /** The run it was found in ('status quo' for the status quo). */
  readonly run: string;
  /** What was seen, in words, with the numbers. */
  readonly text: string;
}

/** How far the status quo may move over the horizon before it is flagged (the 2%). */
export const STATUS_QUO_DRIFT = 0.02;

const last = (a: Float64Array): number => a[a.length - 1]!;
const max = (a: Float64Array): number => a.reduce((m, v) => (v > m ? v : m), -Infinity);
const has = (r: ScenarioRun, name: string): boolean => r.series.model.slotOf.has(name);
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function statusQuoSurprises(sq: ScenarioRun): Surprise[] {
  const a = seriesOf(sq.series, 'activeUsers');
  const start = a[0]!;
  const drift = start > 0 ? last(a) / start - 1 : 0;
  if (Math.abs(drift) <= STATUS_QUO_DRIFT) return [];
  return [
    {
      id: 'status-quo-drifts',
      run: 'status quo',
      text: `with no data products and no AI, active users move ${pct(drift)} over the horizon: every run shares that trend (acquisition ${sq.scenario.parameters.acquisitionPerWeek} per week does not hold this business still)`,
    },
  ];
}

function runSurprises(r: ScenarioRun): Surprise[] {
  const out: Surprise[] = [];
  const flag = (id: SurpriseId, text: string): void => {
    out.push({ id, run: r.name, text });
  };
  const p = r.scenario.parameters;
  const market = p.marketSize ?? 0;
  const active = seriesOf(r.series, 'activeUsers');
  if (max(active) > market * (1 + 1e-9))
    flag('users-beyond-market', `active users reach ${max(active)} in a market of ${market}`);
  const events = seriesOf(r.series, 'freshEvents');
  const quality = seriesOf(r.series, 'meanSourceQuality');
  const ai = seriesOf(r.series, 'meanAiPerformance');
  for (let k = 0; k < events.length; k++) {
    if (events[k]! > 0) continue;
    if (quality[k]! > 0) {
      flag('quality-without-data', `data quality ${quality[k]} in week ${k} with no data at all`);
      break;
    }
    if (ai[k]! > 0) {
      flag('ai-without-data', `AI performance ${ai[k]} in week ${k} with no data at all`);
      break;
    }
  }
  for (const [lever, ceiling] of [
    ['conversion', 'maxConversionLift'],
    ['basket', 'maxBasketLift'],
    ['sessions', 'maxSessionLift'],
  ] as const) {
    const name = `lever.${lever}`;
    if (!has(r, name)) continue;
    const top = max(seriesOf(r.series, name));
    if (top > (p[ceiling] ?? Infinity) * (1 + 1e-9))
      flag(
        'lift-beyond-ceiling',
        `the ${lever} lift reaches ${top}, above its ceiling ${p[ceiling]}`,
      );
  }
  const spending = seriesOf(r.series, 'spending');
  const lowest = spending.reduce((m, v) => (v < m ? v : m), Infinity);
  if (lowest < 0) flag('negative-spending', `data and AI spending falls to ${lowest} a week`);
  const k = r.kpis;
  if (
    k.paybackWeek !== null &&
    (k.firstAiDeploymentWeek === null || k.paybackWeek < k.firstAiDeploymentWeek)
  )
    flag(
      'pays-back-before-any-ai',
      `net value passes the status quo's in week ${k.paybackWeek}, before any AI consumer is deployed (${k.firstAiDeploymentWeek ?? 'never'})`,
    );
  return out;
}

/** With beating without although no AI consumer has any effect: only cost can explain it. */
function comparisonSurprises(c: Comparison): Surprise[] {
  const d = c.differences;
  if (!d || d.cumulativeNetValueUsd === null || d.netValueGapFromCostUsd === null) return [];
  const noEffect = c.runs[0]!.scenario.aiConsumers.every((a) =>
    Object.values(a.impact).every((v) => v === 0),
  );
  const earned = d.cumulativeNetValueUsd - d.netValueGapFromCostUsd;
  const scale = Math.max(1, Math.abs(d.cumulativeNetValueUsd));
  if (!noEffect || Math.abs(earned) <= 1e-6 * scale) return [];
  return [
    {
      id: 'with-wins-on-nothing',
      run: c.runs[0]!.name,
      text: `no AI consumer has any effect, yet the runs differ by ${earned} in net value beyond their spending`,
    },
  ];
}

/** Every surprise in a comparison of `scenario` and in its status quo. */
export function surprisesOf(c: Comparison, options: RunOptions = {}): Surprise[] {
  const scenario: Scenario = c.runs[0]!.scenario;
  const sq = runScenario(statusQuo(scenario), {
    ...options,
    settings: c.runs[0]!.series.settings,
  });
  return [
    ...statusQuoSurprises({ ...sq, name: 'status quo' }),
    ...c.runs.flatMap(runSurprises),
    ...comparisonSurprises(c),
  ];
}
