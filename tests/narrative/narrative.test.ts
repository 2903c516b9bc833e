import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  comparisonValues,
  formatValue,
  metricSeries,
  renderTemplate,
  templateNames,
  withPreset,
} from '../../simulation';

const expected = () => {
  const s = withPreset();
  return compareWithWithout({ ...s, simulation: { ...s.simulation, mode: 'expected' } });
};

describe('formatValue', () => {
  it('formats each unit in plain words', () => {
    expect(formatValue(1_005_263, 'people')).toBe('1.01 million people');
    expect(formatValue(93_076, 'people')).toBe('93,100 people');
    expect(formatValue(-3_233_284, 'usd')).toBe('\u2212$3.23 million');
    expect(formatValue(789_000, 'usd/week')).toBe('$789,000 a week');
    expect(formatValue(0.5518, 'fraction')).toBe('55.2%');
    expect(formatValue(0.025, 'fraction')).toBe('2.5%');
    expect(formatValue(0.38, 'change')).toBe('+38%');
    expect(formatValue(-0.071, 'change')).toBe('\u22127.1%');
    expect(formatValue(0, 'change')).toBe('0%');
    expect(formatValue(76, 'week')).toBe('week 76');
    expect(formatValue(1.0989, 'index')).toBe('1.10');
    expect(formatValue(null, 'week')).toBe('not reached');
  });
});

describe('comparisonValues', () => {
  it('reads every value from the runs at the chosen week', () => {
    const c = expected();
    const v = comparisonValues(c, 80);
    const withUsers = metricSeries(c.runs[0]!, 'activeUsers')[80]!;
    const withoutUsers = metricSeries(c.runs[1]!, 'activeUsers')[80]!;
    expect(v.get('week')!.value).toBe(80);
    expect(v.get('with.activeUsers')!.value).toBe(withUsers);
    expect(v.get('without.activeUsers')!.value).toBe(withoutUsers);
    expect(v.get('change.activeUsers')!.value).toBeCloseTo(withUsers / withoutUsers - 1, 12);
    expect(v.get('gap.cumulativeNetValue')!.value).toBe(
      metricSeries(c.runs[0]!, 'cumulativeNetValue')[80]! -
        metricSeries(c.runs[1]!, 'cumulativeNetValue')[80]!,
    );
    expect(v.get('with.paybackWeek')!.value).toBe(c.runs[0]!.kpis.paybackWeek);
    expect(v.get('overtakeWeek')!.value).toBe(c.differences!.overtakeWeek);
  });

  it('clamps weeks outside the horizon to its ends', () => {
    const c = expected();
    expect(comparisonValues(c, -5).get('week')!.value).toBe(0);
    expect(comparisonValues(c, 9999).get('week')!.value).toBe(156);
  });
});

describe('renderTemplate', () => {
  it('puts the formatted simulated numbers into the sentence', () => {
    const c = expected();
    const v = comparisonValues(c, 80);
    const r = renderTemplate(
      'By {week}, active users are {change.activeUsers} higher with data products.',
      v,
    );
    const pct = (v.get('change.activeUsers')!.value! * 100).toPrecision(2);
    expect(r.unknown).toEqual([]);
    expect(r.used).toEqual(['week', 'change.activeUsers']);
    expect(r.text).toBe(`By week 80, active users are +${Number(pct)}% higher with data products.`);
  });

  it('uses the fallback text for values that were never reached, and reports unknown names', () => {
    const c = expected();
    const v = comparisonValues(c, 80);
    expect(c.runs[1]!.kpis.paybackWeek).toBeNull();
    expect(renderTemplate('Payback: {without.paybackWeek?not within the horizon}.', v).text).toBe(
      'Payback: not within the horizon.',
    );
    const r = renderTemplate('{with.nonsense} and {with.activeUsers}', v);
    expect(r.unknown).toEqual(['with.nonsense']);
    expect(r.text.startsWith('{with.nonsense?}')).toBe(true);
    expect(templateNames('{a.b} {c?d}')).toEqual(['a.b', 'c']);
  });
});
