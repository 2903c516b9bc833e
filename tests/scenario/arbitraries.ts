/**
 * Hand-written fast-check arbitraries for scenarios. Every value is drawn inside the valid range
 * that the registries declare (parameters.ts, entities.ts), and the cross-field rules of the
 * schema hold (active users within the market, error without a model above the ceiling, whole
 * steps, consumers naming existing products), so every draw is a scenario the loader accepts.
 * The ranges are read from the registries, never copied.
 */
import fc from 'fast-check';
import {
  ALLOWED_STEP_WEEKS,
  ANATOMY_PARTS,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PARAMETERS,
  PRODUCT_FIELDS,
  assumptionsOf,
  type AiConsumerSpec,
  type CalibrationRecord,
  type HistoryPeriod,
  type KpiHistory,
  type Provenance,
  type DataProductSpec,
  type FieldSpec,
  type Impact,
  type Maturity,
  type ParameterSpec,
  type ParameterValues,
  type ProductBuild,
  type Scenario,
  type SimulationSettings,
} from '../../simulation';

type Range = Pick<FieldSpec, 'min' | 'max' | 'integer'>;

/** A number inside a registry range: whole numbers for integer fields, no NaN, no infinities. */
export function inRange(f: Range): fc.Arbitrary<number> {
  if (f.integer) {
    const min = Math.ceil(f.min);
    const max = Math.floor(f.max);
    if (max <= 0x7fffffff) return fc.integer({ min, max });
    return fc
      .double({ min, max, noNaN: true })
      .map((v) => Math.min(max, Math.max(min, Math.round(v))));
  }
  return fc.double({ min: f.min, max: f.max, noNaN: true, noDefaultInfinity: true });
}

/** A seed: any unsigned 32-bit integer (fc.integer stops at 2^31 - 1). */
export function uint32Arb(): fc.Arbitrary<number> {
  return fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([hi, lo]) => hi * 0x10000 + lo);
}

export function maturityArb(): fc.Arbitrary<Maturity> {
  return fc.record(
    Object.fromEntries(ANATOMY_PARTS.map((p) => [p, inRange(MATURITY_FIELDS[p])])) as Record<
      keyof Maturity,
      fc.Arbitrary<number>
    >,
  );
}

export function impactArb(): fc.Arbitrary<Impact> {
  return fc.record(
    Object.fromEntries(IMPACT_LEVERS.map((l) => [l, inRange(IMPACT_FIELDS[l])])) as Record<
      keyof Impact,
      fc.Arbitrary<number>
    >,
  );
}

/**
 * Every registry parameter within its valid min..max. `initialActiveUsers` is drawn as a share of
 * the market and `heuristicError` above `irreducibleError`, the two cross-field rules.
 */
export function parametersArb(): fc.Arbitrary<ParameterValues> {
  const free = PARAMETERS.filter(
    (p) => p.name !== 'initialActiveUsers' && p.name !== 'heuristicError',
  );
  const heuristic = PARAMETERS.find((p) => p.name === 'heuristicError') as ParameterSpec;
  return fc
    .record({
      base: fc.record(
        Object.fromEntries(free.map((p) => [p.name, inRange(p)])) as Record<
          string,
          fc.Arbitrary<number>
        >,
      ),
      activeShare: fc.double({ min: 0, max: 1, noNaN: true }),
      heuristicShare: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    })
    .map(({ base, activeShare, heuristicShare }) => {
      const irreducible = base.irreducibleError!;
      const low = Math.max(heuristic.min, irreducible);
      // Strictly above the ceiling: the schema requires heuristicError > irreducibleError.
      let h = low + (heuristic.max - low) * heuristicShare;
      if (!(h > irreducible)) h = Math.min(heuristic.max, irreducible + 1e-6);
      return {
        ...base,
        initialActiveUsers: Math.floor(base.marketSize! * activeShare),
        heuristicError: h,
      };
    });
}

/** Parameters at their defaults with a few drawn ones: closer to the business the app shows. */
export function nearDefaultParametersArb(): fc.Arbitrary<ParameterValues> {
  return fc
    .tuple(parametersArb(), fc.subarray(PARAMETERS.map((p) => p.name)))
    .map(([drawn, names]) => {
      const out: ParameterValues = Object.fromEntries(PARAMETERS.map((p) => [p.name, p.default]));
      for (const n of names) out[n] = drawn[n]!;
      if (out.initialActiveUsers! > out.marketSize!)
        out.initialActiveUsers = Math.floor(out.marketSize! / 2);
      if (!(out.heuristicError! > out.irreducibleError!))
        out.irreducibleError = out.heuristicError! / 2;
      return out;
    });
}

function productBuildArb(maxBuildWeeks: number): fc.Arbitrary<ProductBuild> {
  return fc.record({
    maturity: maturityArb(),
    buildWeeks: inRange({
      ...PRODUCT_FIELDS.buildWeeks,
      max: Math.min(PRODUCT_FIELDS.buildWeeks.max, maxBuildWeeks),
    }),
    buildCostUsd: inRange(PRODUCT_FIELDS.buildCostUsd),
    runCostUsdPerWeek: inRange(PRODUCT_FIELDS.runCostUsdPerWeek),
  });
}

const nameArb = fc.string({ minLength: 1, maxLength: 40 });

export interface ScenarioArbOptions {
  readonly maxProducts?: number;
  readonly maxConsumers?: number;
  readonly maxOwnPipelines?: number;
  /** Upper bound of the horizon drawn (weeks); keeps property tests fast. */
  readonly maxWeeks?: number;
  readonly stepWeeks?: readonly number[];
  readonly modes?: readonly SimulationSettings['mode'][];
  /** Draw every parameter over its whole valid range (default) or near the defaults. */
  readonly parameters?: 'full' | 'nearDefault';
  /** Cap on build/development weeks and start weeks drawn, so that things happen within the horizon. */
  readonly maxDelayWeeks?: number;
}

export function simulationArb(o: ScenarioArbOptions = {}): fc.Arbitrary<SimulationSettings> {
  const steps = o.stepWeeks ?? ALLOWED_STEP_WEEKS;
  return fc
    .record({
      weeks: fc.integer({ min: 1, max: o.maxWeeks ?? 156 }),
      stepWeeks: fc.constantFrom(...steps),
      seed: uint32Arb(),
      mode: fc.constantFrom(...(o.modes ?? (['stochastic', 'expected'] as const))),
    })
    .map((s) => {
      // A whole number of steps: with 2-week steps the horizon must be even.
      const whole =
        Math.max(1, Math.round(s.weeks / Math.max(1, s.stepWeeks))) * Math.max(1, s.stepWeeks);
      return { ...s, weeks: whole };
    });
}

/** A valid scenario: products with unique ids, consumers using existing products, valid numbers. */
export function scenarioArb(o: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  const delay = o.maxDelayWeeks ?? 520;
  const productIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), {
    minLength: 0,
    maxLength: o.maxProducts ?? 4,
  });
  return fc
    .record({
      name: nameArb,
      description: fc.string({ maxLength: 80 }),
      simulation: simulationArb(o),
      parameters: o.parameters === 'nearDefault' ? nearDefaultParametersArb() : parametersArb(),
      productIds,
      consumerIds: fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), {
        minLength: 0,
        maxLength: o.maxConsumers ?? 3,
      }),
      ownPipeline: productBuildArb(delay),
    })
    .chain((base) => {
      const products = fc.tuple(
        ...base.productIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: nameArb,
            domain: fc.string({ maxLength: 20 }),
            startWeek: inRange({
              ...PRODUCT_FIELDS.startWeek,
              max: Math.min(PRODUCT_FIELDS.startWeek.max, delay),
            }),
            build: productBuildArb(delay),
          }),
        ),
      );
      const consumers = fc.tuple(
        ...base.consumerIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: nameArb,
            uses:
              base.productIds.length === 0
                ? fc.constant([] as string[])
                : fc.subarray(base.productIds),
            ownPipelines: fc.integer({
              min: 0,
              max: Math.min(CONSUMER_FIELDS.ownPipelines.max, o.maxOwnPipelines ?? 2),
            }),
            startWeek: inRange({
              ...CONSUMER_FIELDS.startWeek,
              max: Math.min(CONSUMER_FIELDS.startWeek.max, delay),
            }),
            devWeeks: inRange({
              ...CONSUMER_FIELDS.devWeeks,
              max: Math.min(CONSUMER_FIELDS.devWeeks.max, delay),
            }),
            devCostUsd: inRange(CONSUMER_FIELDS.devCostUsd),
            runCostUsdPerWeek: inRange(CONSUMER_FIELDS.runCostUsdPerWeek),
            impact: impactArb(),
          }),
        ),
      );
      return fc.tuple(products, consumers).map(([ps, cs]): Scenario => ({
        name: base.name,
        description: base.description,
        simulation: base.simulation,
        parameters: base.parameters,
        dataProducts: ps.map((p): DataProductSpec => ({
          id: p.id,
          name: p.name,
          domain: p.domain,
          startWeek: p.startWeek,
          ...p.build,
        })),
        aiConsumers: cs.map((c): AiConsumerSpec => ({ ...c })),
        ownPipeline: base.ownPipeline,
      }));
    });
}

// ---- Format version 2: provenance and the calibration record ----------------------------------

/** A calendar date as the file writes it (YYYY-MM-DD), 1900 to 2199. */
export function isoDateArb(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2199, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

/** A file name as a user's file system might have it (any text, 1 to 60 UTF-16 units). */
const fileNameArb = fc.oneof(
  fc.constantFrom('kpis.csv', 'KPIs 2023-2025.xlsx', 'ventes été.csv'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
);

export function provenanceEntryArb(): fc.Arbitrary<Provenance> {
  return fc.oneof(
    isoDateArb().map((date): Provenance => ({ kind: 'input', date })),
    fc
      .record({ file: fileNameArb, date: isoDateArb() })
      .map(({ file, date }): Provenance => ({ kind: 'calibrated', file, date })),
  );
}

/** Provenance for a subset of the scenario's own assumptions (at least one). */
export function provenanceArb(s: Scenario): fc.Arbitrary<Record<string, Provenance>> {
  const names = assumptionsOf(s).map((a) => a.name);
  return fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 12 })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(() => provenanceEntryArb()))
        .map((entries) => Object.fromEntries(chosen.map((n, i) => [n, entries[i]!]))),
    );
}

/** A name as the catalogue and the model write them (dot-separated segments). */
export const modelNameArb = fc.oneof(
  fc.constantFrom(
    'activeUsers',
    'sessions',
    'orders',
    'revenue',
    'baseChurnPerWeek',
    'dataProduct.customer-360.maturity.quality',
  ),
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,12}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('.')),
);

const finiteArb = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A KPI history as the model reads it: weekly or calendar-month periods, 1 to 4 series, gaps. */
export function kpiHistoryArb(): fc.Arbitrary<KpiHistory> {
  return fc
    .record({
      frequency: fc.constantFrom('weekly' as const, 'monthly' as const),
      startDate: fc.option(isoDateArb(), { nil: null }),
      offset: fc.integer({ min: 0, max: 10 }),
      count: fc.integer({ min: 1, max: 60 }),
      days: fc.array(fc.integer({ min: 28, max: 31 }), { minLength: 60, maxLength: 60 }),
    })
    .chain(({ frequency, startDate, offset, count, days }) => {
      let from = offset;
      const periods: HistoryPeriod[] = Array.from({ length: count }, (_, i) => {
        const width = frequency === 'weekly' ? 1 : days[i]! / 7;
        const p = {
          label: frequency === 'weekly' ? `week ${from}` : `m${i}`,
          fromWeek: from,
          toWeek: from + width,
        };
        from += width;
        return p;
      });
      const series = fc.array(
        fc.record({
          metric: modelNameArb,
          aggregate: fc.constantFrom('point' as const, 'total' as const, 'average' as const),
          weight: fc.double({ min: 0, max: 1000, noNaN: true }),
          values: fc.array(fc.option(finiteArb, { nil: null, freq: 8 }), {
            minLength: count,
            maxLength: count,
          }),
        }),
        { minLength: 1, maxLength: 4 },
      );
      return series.map((ss): KpiHistory => ({ frequency, startDate, periods, series: ss }));
    });
}

export function calibrationRecordArb(): fc.Arbitrary<CalibrationRecord> {
  const fitted = fc.record({
    name: modelNameArb,
    value: finiteArb,
    low: fc.option(finiteArb, { nil: null }),
    high: fc.option(finiteArb, { nil: null }),
  });
  return fc.record({
    file: fileNameArb,
    date: isoDateArb(),
    seed: uint32Arb(),
    fitted: fc.array(fitted, { minLength: 1, maxLength: 6 }),
    history: kpiHistoryArb(),
  });
}

/** A scenario that may carry provenance, a calibration record, both or neither (format version 2). */
export function withWhereFromArb(scenarios: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  return scenarios.chain((s) =>
    fc
      .record({
        provenance: fc.option(provenanceArb(s), { nil: undefined }),
        calibration: fc.option(calibrationRecordArb(), { nil: undefined }),
      })
      .map(({ provenance, calibration }): Scenario => ({
        ...s,
        ...(provenance ? { provenance } : {}),
        ...(calibration ? { calibration } : {}),
      })),
  );
}
