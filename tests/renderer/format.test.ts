import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  axisUnitLabel,
  formatCompact,
  formatDelta,
  formatInputValue,
  formatPercent,
  formatTick,
  formatValue,
  formatValues,
  isCountUnit,
} from '../../renderer/format/format';

describe('formatting with units', () => {
  it('compacts magnitudes to three significant digits', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(12)).toBe('12');
    expect(formatCompact(999.4)).toBe('999');
    expect(formatCompact(999.6)).toBe('1k');
    expect(formatCompact(1234)).toBe('1.23k');
    expect(formatCompact(1_005_243.8)).toBe('1.01M');
    expect(formatCompact(119_667_286)).toBe('120M');
    expect(formatCompact(-2_500)).toBe('\u22122.5k');
    expect(formatCompact(4.2e9)).toBe('4.2B');
    expect(formatCompact(0.000123)).toBe('0.00012');
  });

  it('formats values in their units', () => {
    expect(formatValue(119_667_286.14, 'usd')).toBe('$120M');
    expect(formatValue(-3_520_000, 'usd')).toBe('\u2212$3.52M');
    expect(formatValue(12_000, 'usd/week')).toBe('$12k/week');
    expect(formatValue(1_005_243.8, 'people')).toBe('1.01M people');
    expect(formatValue(1_005_243.8, 'people', false)).toBe('1.01M');
    expect(formatValue(0.5541, 'fraction')).toBe('55.4%');
    expect(formatValue(0.0123, 'fraction/week')).toBe('1.2%/week');
    expect(formatValue(80, 'week')).toBe('week 80');
    expect(formatValue(12.5, 'weeks')).toBe('week 12.5');
    expect(formatValue(null, 'week')).toBe('not reached');
    expect(formatValue(1.0993, 'dimensionless')).toBe('1.1');
    expect(formatValue(1, 'flag')).toBe('yes');
    expect(formatValue(Number.NaN, 'usd')).toBe('NaN');
  });

  it('formats signed differences: percentage points for fractions, weeks for weeks', () => {
    expect(formatDelta(11_073_001, 'usd')).toBe('+$11.1M');
    expect(formatDelta(-1_045_253, 'usd')).toBe('\u2212$1.05M');
    expect(formatDelta(0.2491, 'fraction')).toBe('+24.9 pp');
    expect(formatDelta(-0.05, 'fraction')).toBe('\u22125.0 pp');
    expect(formatDelta(-12, 'week')).toBe('\u221212 weeks');
    expect(formatDelta(1, 'week')).toBe('+1 week');
    expect(formatDelta(-175, 'incidents')).toBe('\u2212175 incidents');
    expect(formatDelta(0, 'usd')).toBe('\u00b1$0');
    expect(formatDelta(null, 'usd')).toBe('\u2013');
  });

  it('labels axes and ticks', () => {
    expect(formatTick(0.4, 'fraction')).toBe('40%');
    expect(formatTick(0.05, 'fraction')).toBe('5.0%');
    expect(formatTick(2_000_000, 'usd')).toBe('$2M');
    expect(formatTick(-500_000, 'usd/week')).toBe('\u2212$500k');
    expect(formatTick(1_100_000, 'people')).toBe('1.1M');
    expect(axisUnitLabel('usd/week')).toBe('USD per week');
    expect(axisUnitLabel('fraction')).toBe('%');
    expect(axisUnitLabel('furlongs')).toBe('furlongs');
  });

  it('writes input values as a user would type them, and knows count units', () => {
    expect(formatInputValue(0.7000000000000001)).toBe('0.7');
    expect(formatInputValue(10_000_000)).toBe('10,000,000');
    expect(formatInputValue(-1234.5)).toBe('-1,234.5');
    expect(formatInputValue(999)).toBe('999');
    expect(formatInputValue(0.000012)).toBe('0.000012');
    expect(formatInputValue(1e21)).toBe('1e+21');
    expect(formatPercent(0.12345, 2)).toBe('12.35%');
    expect(isCountUnit('people')).toBe(true);
    expect(isCountUnit('usd')).toBe(false);
    expect(isCountUnit('fraction')).toBe(false);
    expect(isCountUnit('week')).toBe(false);
  });
});

describe('relative change', () => {
  it('reads as a signed percent, its differences in points', () => {
    expect(formatValue(0.0622, 'relative change')).toBe('+6.2%');
    expect(formatValue(-0.025, 'relative change')).toBe('\u22122.5%');
    expect(formatDelta(0.087, 'relative change')).toBe('+8.7 pp');
    expect(formatTick(0.05, 'relative change')).toBe('5.0%');
  });
});

describe('values side by side (cards, readouts, tables)', () => {
  it('puts both on one scale with enough decimals to read their difference', () => {
    expect(formatValues([1_005_312, 930_996], 'people', false)).toEqual(['1.005M', '0.931M']);
    expect(formatValues([1_005_312, 930_996], 'people')).toEqual([
      '1.005M people',
      '0.931M people',
    ]);
    expect(formatValues([120_400_000, 109_500_000], 'usd')).toEqual(['$120.4M', '$109.5M']);
    expect(formatValues([7_680_000, -3_140_000], 'usd')).toEqual(['$7.68M', '\u2212$3.14M']);
    expect(formatValues([12_000, 9_000], 'usd/week')).toEqual(['$12k/week', '$9k/week']);
    expect(formatValues([1.0993, 1.025], 'dimensionless')).toEqual(['1.099', '1.025']);
    expect(formatValues([5, 7], 'people')).toEqual(['5 people', '7 people']);
    expect(formatValues([0.554, 0.279], 'fraction')).toEqual(['55.4%', '27.9%']);
    expect(formatValues([75, null], 'week')).toEqual(['week 75', 'not reached']);
    expect(formatValues([1_000_000, null], 'people')).toEqual(['1M people', 'not reached']);
  });

  it('never shows two values whose difference contradicts the exact one', () => {
    const magnitude = fc.double({ min: -1e10, max: 1e10, noNaN: true });
    fc.assert(
      fc.property(
        magnitude,
        magnitude,
        fc.constantFrom('usd', 'people', 'dimensionless', 'incidents'),
        (a, b, unit) => {
          const [x, y] = formatValues([a, b], unit, false).map(readBack);
          const exact = a - b;
          // Each shown value is off by at most half a unit of its last digit: their difference
          // by at most one unit, which is at most a twentieth of the difference (or its last
          // digit's unit when the difference is too small for the three decimals shown).
          const last = lastDigitUnit(formatValues([a, b], unit, false)[0]!);
          expect(Math.abs(x! - y! - exact)).toBeLessThanOrEqual(
            Math.max(Math.abs(exact) / 20, last) * 1.000001 + 1e-9,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** A display value read back as a number ("−$3.14M" -> -3.14e6). */
function readBack(text: string): number {
  const m = /^(\u2212?)\$?([0-9.]+)([kMBT]?)/.exec(text)!;
  return (m[1] ? -1 : 1) * Number(m[2]) * SUFFIX[m[3]!]!;
}

/** One unit of the last digit shown ("1.005M" -> 1000). */
function lastDigitUnit(text: string): number {
  const m = /([0-9.]+)([kMBT]?)/.exec(text)!;
  const decimals = m[1]!.includes('.') ? m[1]!.split('.')[1]!.length : 0;
  return 10 ** -decimals * SUFFIX[m[2]!]!;
}
