/**
 * Variables of one AI consumer: development (shortened by reuse, gated by its sources going live
 * and integrating), a learning curve in effective data, adoption that follows trust, and its
 * effect on the experience levers.
 */
import { IMPACT_FIELDS, IMPACT_LEVERS, type ImpactLever } from './entities';
import { clamp01, constant, max, mean, stepShareInside, type ModelBuilder } from './declare';
import type { SourceVars } from './sources';
import { pow } from '../engine/dmath';

export interface ConsumerRef {
  readonly prefix: string;
  readonly label: string;
  readonly startWeek: string;
  readonly devWeeks: string;
  readonly devCostUsd: string;
  readonly runCostUsdPerWeek: string;
  readonly impact: Record<ImpactLever, string>;
}

export interface ConsumerVars {
  readonly ref: ConsumerRef;
  readonly deployWeek: string;
  readonly deployed: string;
  readonly performance: string;
  readonly impact: string;
  readonly effects: Record<ImpactLever, string>;
  readonly cost: string;
}

export function deployedName(prefix: string): string {
  return `${prefix}.deployed`;
}

/** What the parts of a consumer's declaration share. */
interface ConsumerContext {
  readonly m: ModelBuilder;
  readonly ref: ConsumerRef;
  readonly label: string;
  readonly v: (name: string) => string;
  /** One input per source. */
  readonly over: (pick: (s: SourceVars) => string) => string[];
  /** An auxiliary over the sources, or the constant 0 with none. */
  readonly listOrZero: (
    name: string,
    unit: string,
    description: string,
    inputs: string[],
    f: typeof mean,
  ) => string;
}

export function declareConsumer(
  m: ModelBuilder,
  ref: ConsumerRef,
  sources: readonly SourceVars[],
): ConsumerVars {
  const x: ConsumerContext = {
    m,
    ref,
    label: ref.label,
    v: (name) => `${ref.prefix}.${name}`,
    over: (pick) => sources.map(pick),
    listOrZero: (name, unit, description, inputs, f) =>
      inputs.length === 0
        ? m.aux(name, unit, description, [], () => 0)
        : m.auxList(name, unit, description, inputs, f),
  };
  const { devEff, deployWeek, deployed, developing } = declareDevelopment(x);
  const { performance, inputTrust } = declareLearning(x, deployed);
  const { impact, effects } = declareAdoptionAndEffects(x, deployed, performance, inputTrust);
  const cost = declareConsumerCost(x, developing, devEff, deployed);
  return { ref, deployWeek, deployed, performance, impact, effects, cost };
}

/** Development (shortened by reuse) and deployment (gated by its sources and integration). */
function declareDevelopment(x: ConsumerContext): {
  devEff: string;
  deployWeek: string;
  deployed: string;
  developing: string;
} {
  const { m, ref, label, v, over, listOrZero } = x;
  const reuse = listOrZero(
    v('reuse'),
    'fraction',
    'Mean reuse its sources allow (APIs and metadata).',
    over((s) => s.reuse),
    mean,
  );
  const devEff = m.aux(
    v('devWeeksEffective'),
    'weeks',
    'Development time after reuse: devWeeks x (1 - time-to-market gain x reuse).',
    [ref.devWeeks, 'timeToMarketGain', reuse],
    (d, gain, r) => d * (1 - gain * r),
  );
  const integration = listOrZero(
    v('integrationWeeks'),
    'weeks',
    'Weeks to integrate its slowest source.',
    over((s) => s.integrationWeeks),
    max,
  );
  const dataReady = listOrZero(
    v('dataReadyWeek'),
    'week',
    'Week its last source goes live.',
    over((s) => s.liveWeek),
    max,
  );
  const deployWeek = m.aux(
    v('deployWeek'),
    'week',
    `Week ${label} deploys: development done, and its data-dependent part done after every source is live and integrated.`,
    [ref.startWeek, devEff, dataReady, integration, 'dataDependentDevelopmentShare'],
    (start, dev, ready, integ, share) => Math.max(start + dev, ready + integ + share * dev),
  );
  const deployed = m.aux(
    deployedName(ref.prefix),
    'flag',
    `1 once ${label} is deployed.`,
    ['time', deployWeek],
    (t, w) => (t >= w ? 1 : 0),
    { metric: true, label: `${label} deployed` },
  );
  const developing = m.aux(
    v('developing'),
    'fraction',
    'Share of the step spent in development (from the start week for the effective development weeks, at least one).',
    ['time', 'dt', ref.startWeek, devEff],
    (t, dt, start, dev) => stepShareInside(t, dt, start, start + Math.max(dev, 1)),
  );
  return { devEff, deployWeek, deployed, developing };
}

/** The learning curve: effective data from its sources, error, performance. */
function declareLearning(
  x: ConsumerContext,
  deployed: string,
): { performance: string; inputTrust: string } {
  const { m, label, v, over, listOrZero } = x;
  const coverage = listOrZero(
    v('inputCoverage'),
    'fraction',
    'Mean coverage of its sources (datasets).',
    over((s) => s.coverage),
    mean,
  );
  const inputQuality = listOrZero(
    v('inputQuality'),
    'fraction',
    'Mean delivered quality of its sources (quality x availability x freshness).',
    over((s) => s.delivered),
    mean,
  );
  const inputTrust = listOrZero(
    v('inputTrust'),
    'fraction',
    'Mean trust in its sources.',
    over((s) => s.trust),
    mean,
  );
  const effectiveData = m.aux(
    v('effectiveData'),
    'events',
    'Effective data: fresh events x coverage x quality^k.',
    ['freshEvents', coverage, inputQuality, 'dataQualityExponent'],
    (ev, c, q, k) => ev * c * pow(q, k),
  );
  const error = m.aux(
    v('error'),
    'fraction',
    'Learning curve: error = min(1, g + a x (D_eff / D_ref)^beta) (an error rate cannot pass 100%).',
    [
      'irreducibleError',
      'reducibleErrorAtReference',
      effectiveData,
      'referenceEffectiveEvents',
      'learningCurveExponent',
    ],
    (g, a, d, ref0, beta) => Math.min(1, g + a * pow(Math.max(d, 1) / ref0, beta)),
  );
  const performance = m.aux(
    v('performance'),
    'fraction',
    'Share of the gap between the rule-based experience and the accuracy ceiling that the deployed model closes.',
    [deployed, 'heuristicError', error, 'irreducibleError'],
    (on, h, e, g) => (h > g ? on * clamp01((h - e) / (h - g)) : 0),
    { metric: true, label: `${label} performance` },
  );
  return { performance, inputTrust };
}

/** Adoption follows trust; impact = performance x adoption; its effect on each lever. */
function declareAdoptionAndEffects(
  x: ConsumerContext,
  deployed: string,
  performance: string,
  inputTrust: string,
): { impact: string; effects: Record<ImpactLever, string> } {
  const { m, ref, label, v } = x;
  const adoption = v('adoption');
  m.flow(
    v('adoptionChange'),
    'fraction/week',
    'Use of the AI feature moves toward what trust in its inputs allows (time constant at least one step).',
    [deployed, 'minimumAdoption', inputTrust, adoption, 'adoptionAdjustmentWeeks', 'dt'],
    (on, min, tr, a, tau, dt) => (on * (min + (1 - min) * tr) - a) / Math.max(tau, dt),
  );
  m.stock(
    adoption,
    'fraction',
    'Share of traffic and decisions that use the AI feature.',
    { initial: constant(0), inflows: [v('adoptionChange')] },
    { metric: true, label: `${label} adoption` },
  );
  const impact = m.aux(
    v('impact'),
    'fraction',
    'Performance x adoption: the share of its full effect the consumer delivers.',
    [performance, adoption],
    (p, a) => p * a,
    { metric: true, label: `${label} impact` },
  );

  const effects = Object.fromEntries(
    IMPACT_LEVERS.map((lever) => [
      lever,
      m.aux(
        v(`effect.${lever}`),
        IMPACT_FIELDS[lever].unit,
        `Effect on ${lever}: impact x its ${lever} weight.`,
        [ref.impact[lever], impact],
        (w, i) => w * i,
      ),
    ]),
  ) as Record<ImpactLever, string>;
  return { impact, effects };
}

function declareConsumerCost(
  x: ConsumerContext,
  developing: string,
  devEff: string,
  deployed: string,
): string {
  const { m, ref, v } = x;
  const cost = m.aux(
    v('cost'),
    'usd/week',
    'Development cost spread over the effective development weeks; running cost once deployed (its compute part scaled to the business).',
    [developing, ref.devCostUsd, devEff, deployed, ref.runCostUsdPerWeek, 'runningCostScale'],
    (dev, c, w, on, run, scale) => (dev * c) / Math.max(w, 1) + on * run * scale,
  );
  return cost;
}
