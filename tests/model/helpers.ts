/**
 * Shared helpers of the model validation tests: run a scenario, read series, and check the
 * invariants every run must satisfy (finite values, conservation of users, no negative stocks,
 * fractions within [0, 1], flags 0 or 1).
 */
import {
  prepareModel,
  runPrepared,
  seriesAt,
  seriesOf,
  settingsOf,
  withPreset,
  type Backend,
  type RunSeries,
  type RunSettings,
  type Scenario,
} from '../../simulation';

/** Stocks that may legitimately be negative: a running sum of a signed flow (net value). */
export const SIGNED_STOCKS: ReadonlySet<string> = new Set(['cumulativeNetValue']);

/** Units whose values must stay within [0, 1]. */
export const UNIT_INTERVAL_UNITS: ReadonlySet<string> = new Set(['fraction', 'maturity 0-1']);

/**
 * Below the smallest normal double (2.2e-308) arithmetic rounds in whole subnormal steps: a first-
 * order adjustment of a subnormal start value (initial trust 1.5e-323, a target of 0) can land one
 * step below 0. Such dust is rounding, not a negative stock or a fraction outside [0, 1].
 */
const SUBNORMAL_DUST = 1e-300;

/** Relative tolerance of the conservation check (the 1e-9). */
export const CONSERVATION_TOLERANCE = 1e-9;

export function run(
  scenario: Scenario,
  settings: Partial<RunSettings> = {},
  backend: Backend = 'interpreter',
): RunSeries {
  return runPrepared(prepareModel(scenario, backend), settingsOf(scenario, settings));
}

export function expectedRun(
  scenario: Scenario,
  settings: Partial<RunSettings> = {},
  backend: Backend = 'interpreter',
): RunSeries {
  return run(scenario, { ...settings, mode: 'expected' }, backend);
}

export const series = (r: RunSeries, name: string): Float64Array => seriesOf(r, name);
export const final = (r: RunSeries, name: string): number => {
  const s = seriesOf(r, name);
  return s[s.length - 1]!;
};

/** The default business in expected-value mode. */
export function expectedWith(): Scenario {
  const s = withPreset();
  return { ...s, simulation: { ...s.simulation, mode: 'expected' } };
}

/** Deep copy through JSON (scenarios are plain JSON data). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Every invariant of a completed run, as a list of violations (empty when all hold). The first
 * violation per variable is reported, with its week and value.
 */
export function invariantViolations(r: RunSeries): string[] {
  const out: string[] = [];
  const at = (k: number): number => r.time[k]!;
  for (const v of r.model.variables) {
    const s = seriesAt(r, v.slot);
    for (let k = 0; k < s.length; k++) {
      const x = s[k]!;
      let problem: string | null = null;
      if (!Number.isFinite(x)) problem = 'is not finite';
      else if (v.kind === 'stock' && !SIGNED_STOCKS.has(v.name) && x < -SUBNORMAL_DUST)
        problem = 'is a negative stock';
      else if (UNIT_INTERVAL_UNITS.has(v.unit) && (x < -SUBNORMAL_DUST || x > 1))
        problem = `is outside [0, 1] (${v.unit})`;
      else if (v.unit === 'flag' && x !== 0 && x !== 1) problem = 'is a flag other than 0 or 1';
      if (problem !== null) {
        out.push(`${v.name} ${problem}: ${x} at week ${at(k)}`);
        break;
      }
    }
  }
  const market = seriesOf(r, 'marketSize')[0]!;
  const pot = seriesOf(r, 'potentialUsers');
  const act = seriesOf(r, 'activeUsers');
  const lap = seriesOf(r, 'lapsedUsers');
  for (let k = 0; k < r.points; k++) {
    const total = pot[k]! + act[k]! + lap[k]!;
    if (Math.abs(total - market) > CONSERVATION_TOLERANCE * Math.max(market, 1)) {
      out.push(`users not conserved at week ${at(k)}: ${total} vs market ${market}`);
      break;
    }
  }
  return out;
}

/**
 * Number of cases for a property test: `base`, multiplied by FLYWHEEL_PROPERTY_SCALE when set
 * (e.g. `FLYWHEEL_PROPERTY_SCALE=50 npx vitest run tests/model --testTimeout=0` for a deep search).
 */
export function propertyRuns(base: number): number {
  const scale = Number(process.env.FLYWHEEL_PROPERTY_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Bitwise equality of two runs' whole state (every variable at every point). */
export function sameBits(a: RunSeries, b: RunSeries): boolean {
  if (a.values.length !== b.values.length) return false;
  const x = new Uint8Array(a.values.buffer, a.values.byteOffset, a.values.byteLength);
  const y = new Uint8Array(b.values.buffer, b.values.byteOffset, b.values.byteLength);
  return Buffer.compare(x, y) === 0;
}
