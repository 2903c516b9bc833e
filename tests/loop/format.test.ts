import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatCount,
  formatPercent,
  formatPointChange,
  formatRelativeChange,
  formatUsd,
  toneOfChange,
} from '../../renderer/loop/format';
import { fitText, textWidth } from '../../renderer/loop/text';

describe('loop number formatting', () => {
  it('compacts counts to three significant digits with a unit suffix', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7.25)).toBe('7.25');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(81_220)).toBe('81.2k');
    expect(formatCount(1_015_000)).toBe('1.02M');
    expect(formatCount(999_950)).toBe('1.00M');
    expect(formatCount(2_630_000_000)).toBe('2.63B');
    expect(formatCount(-12_300)).toBe('\u221212.3k');
    expect(formatCount(Number.NaN)).toBe('–');
  });

  it('formats percentages, money and changes with a real minus sign', () => {
    expect(formatPercent(0.6471, 1)).toBe('64.7%');
    expect(formatPercent(-0.024, 1)).toBe('\u22122.4%');
    expect(formatUsd(102.4)).toBe('$102');
    expect(formatUsd(1_250_000)).toBe('$1.25M');
    expect(formatRelativeChange(1.101, 1)).toBe('+10.1%');
    expect(formatRelativeChange(0.01129, 0.012)).toBe('\u22125.9%');
    expect(formatRelativeChange(5, 5)).toBe('±0%');
    expect(formatRelativeChange(5, 0)).toBe('–');
    expect(formatPointChange(0.6477, 0.6)).toBe('+4.8 pts');
    expect(formatPointChange(0.6, 0.6)).toBe('±0 pts');
  });

  it('gives a change its tone from which direction is good', () => {
    expect(toneOfChange(1.1, 1, true)).toBe('good');
    expect(toneOfChange(1.1, 1, false)).toBe('bad');
    expect(toneOfChange(0.9, 1, false)).toBe('good');
    expect(toneOfChange(1.0001, 1, true)).toBe('neutral');
  });

  it('formatCount never prints more than three significant digits plus a suffix', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e14, noNaN: true }), (v) => {
        const text = formatCount(v);
        const digits = text.replace(/[^0-9]/g, '').replace(/^0+/, '');
        return digits.length <= 3 && /^[0-9.]+[kMBT]?$/.test(text);
      }),
    );
  });
});

describe('label fitting', () => {
  it('keeps text that fits and cuts text that does not, ending in an ellipsis', () => {
    expect(fitText('Customer 360', 200, 15.5)).toBe('Customer 360');
    const cut = fitText('Recommendation feature store', 130, 15.5);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 15.5)).toBeLessThanOrEqual(130);
    expect(cut.startsWith('Recommendation'.slice(0, cut.length - 1))).toBe(true);
  });

  it('a fitted label is never wider than its room (unless one character is)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 20, max: 400 }),
        (s, room) => {
          const fitted = fitText(s, room, 15.5);
          return textWidth(fitted, 15.5) <= room || [...fitted].length <= 2;
        },
      ),
    );
  });
});
