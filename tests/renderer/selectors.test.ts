import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  meshPreset,
  metricSeries,
  withPreset,
  type Scenario,
} from '../../simulation';
import { TimeSeriesChart } from '../../renderer/charts/TimeSeriesChart';
import type { ComparisonResult } from '../../renderer/engine/client';
import { isTextEntry, shortcutFor } from '../../renderer/state/keyboard';
import { createResultsStore, isComputing } from '../../renderer/state/results';
import {
  CHARTS,
  selectChartData,
  selectKpiCards,
  selectProductHealth,
  selectWeek,
} from '../../renderer/state/selectors';

let comparison: ComparisonResult;
const compare = (s: Scenario): ComparisonResult => {
  const c = compareWithWithout(s, { backend: 'codegen' });
  return { runs: c.runs, differences: c.differences };
};

beforeAll(() => {
  comparison = compare(withPreset());
});

describe('selectors', () => {
  it('builds KPI cards with deltas and the direction that is better', () => {
    const cards = selectKpiCards(comparison);
    const net = cards.find((c) => c.id === 'cumulativeNetValueUsd')!;
    expect(net.withValue).toBe(comparison.runs[0]!.kpis.cumulativeNetValueUsd);
    expect(net.withoutValue).toBe(comparison.runs[1]!.kpis.cumulativeNetValueUsd);
    expect(net.delta).toBeCloseTo(net.withValue! - net.withoutValue!, 6);
    expect(net.improved).toBe(net.delta! > 0);
    expect(net.unit).toBe('usd');
    const incidents = cards.find((c) => c.id === 'totalIncidents')!;
    expect(incidents.better).toBe('lower');
    expect(incidents.improved).toBe(incidents.delta! < 0);
    // Payback reached only with data products counts as better, with no numeric delta.
    const payback = cards.find((c) => c.id === 'paybackWeek')!;
    if (payback.withValue !== null && payback.withoutValue === null) {
      expect(payback.delta).toBeNull();
      expect(payback.improved).toBe(true);
    }
    expect(selectKpiCards(null)).toEqual([]);
  });

  it('shows each figure on one card only, and the status quo on the net value card', () => {
    for (const c of [comparison, compare(meshPreset())]) {
      const cards = selectKpiCards(c);
      // Net value above the status quo differs between with and without exactly as cumulative
      // net value does (one status quo for both): it is not a card of its own.
      expect(cards.map((k) => k.id)).not.toContain('netValueVsStatusQuoUsd');
      const deltas = cards.map((k) => k.delta).filter((d): d is number => d !== null);
      expect(new Set(deltas).size).toBe(deltas.length);
      const net = cards.find((k) => k.id === 'cumulativeNetValueUsd')!;
      const k = c.runs[0]!.kpis;
      expect(net.statusQuoValue).toBeCloseTo(k.cumulativeNetValueUsd - k.netValueVsStatusQuoUsd, 6);
    }
  });

  it('has no comparison when the scenario has no data products', () => {
    const s = withPreset();
    s.dataProducts = [];
    s.aiConsumers = s.aiConsumers.map((c) => ({ ...c, uses: [] }));
    const cards = selectKpiCards(compare(s));
    expect(
      cards.every((c) => c.withoutValue === null && c.delta === null && c.improved === null),
    ).toBe(true);
  });

  it('gives each chart both series on one time axis, cached per comparison', () => {
    for (const spec of CHARTS) {
      const data = selectChartData(comparison, spec)!;
      expect(data.series.map((s) => s.key)).toEqual(['with', 'without']);
      expect(data.series[0]!.values).toHaveLength(comparison.runs[0]!.series.points);
      expect(data.unit).not.toBe('');
      expect(selectChartData(comparison, spec)).toBe(data);
    }
    expect(selectChartData(null, CHARTS[0]!)).toBeNull();
  });

  it("reads a product's health at a week, and null for a product the run does not have", () => {
    const run = comparison.runs[0]!;
    const early = selectProductHealth(run, 'customer-360', 0)!;
    const late = selectProductHealth(run, 'customer-360', 156)!;
    expect(early.live).toBe(false);
    expect(late.live).toBe(true);
    for (const v of [late.quality, late.trust, late.availability]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(selectProductHealth(run, 'customer-360', 10_000)).toEqual(late); // clamped
    const series = (field: string): Float64Array =>
      metricSeries(run, `dataProduct.customer-360.${field}`);
    for (const k of [40, 100, 156]) {
      const h = selectProductHealth(run, 'customer-360', k)!;
      expect(h.quality).toBe(series('quality')[k]);
      expect(h.trust).toBe(series('trust')[k]);
      expect(h.availability).toBe(series('availability')[k]);
      expect(h.incidentsPerWeek).toBe(series('incidents')[k]);
      expect(h.live).toBe(series('live')[k]! > 0);
    }
    expect(selectProductHealth(run, 'no-such-product', 3)).toBeNull();
    expect(selectWeek(run, 80)).toBe(80);
  });
});

describe('results store', () => {
  it('drops results older than the ones shown and reports computing until the newest settles', () => {
    const r = createResultsStore();
    r.getState().requested(1);
    r.getState().requested(2);
    expect(isComputing(r.getState())).toBe(true);
    expect(r.getState().received(2, comparison, 5)).toBe(true);
    expect(r.getState().received(1, comparison, 5)).toBe(false); // stale
    expect(r.getState().revision).toBe(2);
    expect(isComputing(r.getState())).toBe(false);
    r.getState().requested(3);
    r.getState().failed(3, { name: 'ModelError', message: 'boom' });
    expect(isComputing(r.getState())).toBe(false);
    expect(r.getState().error?.message).toBe('boom');
    expect(r.getState().comparison).toBe(comparison); // the old results stay on screen
  });
});

describe('keyboard shortcuts', () => {
  const key = (
    k: string,
    mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
  ) => ({
    key: k,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  });
  const body = { tagName: 'BODY' };

  it('maps Ctrl/Cmd+Z to undo, Ctrl/Cmd+Shift+Z and Ctrl+Y to redo', () => {
    expect(shortcutFor(key('z', { ctrl: true }), body)).toBe('undo');
    expect(shortcutFor(key('z', { meta: true }), body)).toBe('undo');
    expect(shortcutFor(key('Z', { ctrl: true, shift: true }), body)).toBe('redo');
    expect(shortcutFor(key('z', { meta: true, shift: true }), body)).toBe('redo');
    expect(shortcutFor(key('y', { ctrl: true }), body)).toBe('redo');
    expect(shortcutFor(key('z'), body)).toBeNull();
    expect(shortcutFor(key('z', { ctrl: true, alt: true }), body)).toBeNull();
  });

  it('leaves text fields their own undo, but acts on sliders and buttons', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(shortcutFor(key('z', { ctrl: true }), { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(shortcutFor(key('z', { ctrl: true }), { tagName: 'INPUT', type: 'range' })).toBe('undo');
    expect(shortcutFor(key('z', { ctrl: true }), { tagName: 'BUTTON' })).toBe('undo');
  });
});

describe('time-series chart (server-rendered)', () => {
  it('renders both scenarios, unit-labelled axes, a legend and the current week without a browser', () => {
    const data = selectChartData(
      comparison,
      CHARTS.find((c) => c.id === 'revenue')!,
    )!;
    const svg = renderToStaticMarkup(
      createElement(TimeSeriesChart, { data, currentIndex: 80, interactive: false }),
    );
    expect(
      svg.match(
        /<path class="fw-series fw-series--(with|without)" data-series="(with|without)" d="M/g,
      ),
    ).toHaveLength(2);
    expect(svg).toContain('USD per week');
    expect(svg).toContain('>Week<');
    expect(svg).toContain('With data products');
    expect(svg).toContain('data-week="80"');
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(
      /aria-label="Revenue \(USD per week\) by week, with and without data products\. Revenue at week 80: with data products \$[\d.]+M\/week, without \$[\d.]+M\/week"/,
    );
  });
});

describe('time-series chart (golden SVG)', () => {
  it('renders a fixed dataset to the same SVG (axes, ticks, legend, paths, current week)', async () => {
    const time = Float64Array.from({ length: 11 }, (_, i) => i * 10);
    const data = {
      spec: { id: 'golden', title: 'Active users', metric: 'activeUsers' },
      unit: 'people',
      description: 'Customers who browse, search and buy.',
      time,
      series: [
        {
          key: 'with' as const,
          label: 'With data products',
          values: time.map((t) => 1_000_000 + 900 * t),
        },
        {
          key: 'without' as const,
          label: 'Without data products',
          values: time.map((t) => 1_000_000 - 400 * t),
        },
      ],
    };
    const svg = renderToStaticMarkup(
      createElement(TimeSeriesChart, { data, currentIndex: 4, interactive: false }),
    );
    await expect(svg.replaceAll('><', '>\n<')).toMatchFileSnapshot(
      './__snapshots__/time-series-chart.svg',
    );
  });
});
