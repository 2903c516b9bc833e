import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario, seriesOf, withPreset, type ScenarioRun } from '../../simulation';
import { buildLoopFrame, LOOP_STEP_IDS, MAX_INTENSITY } from '../../renderer/loop';
import { arcScales } from '../../renderer/loop/flows';
import { fieldName, readerOf } from '../../renderer/loop/read';
import { defaultRuns, expected, scaledRun } from './fixtures';
import { maxScenario } from './preview/scenarios';

const at = (run: ScenarioRun, name: string, k: number): number => seriesOf(run.series, name)[k]!;

describe('buildLoopFrame: structure', () => {
  it('has the five steps in the seed order and arcs that close the loop', () => {
    const { withRun } = defaultRuns();
    const frame = buildLoopFrame(withRun, 80);
    expect(frame.steps.map((s) => s.id)).toEqual(LOOP_STEP_IDS);
    expect(frame.steps.map((s) => s.title)).toEqual([
      'User activity',
      'Create data products',
      'AI consumes them',
      'Better experience',
      'More data',
    ]);
    expect(frame.arcs.map((a) => [a.from, a.to])).toEqual([
      ['activity', 'products'],
      ['products', 'consumers'],
      ['consumers', 'experience'],
      ['experience', 'data'],
      ['data', 'activity'],
    ]);
    expect(frame.week).toBe(80);
  });

  it("shows the seed's sub-items with the run's live values", () => {
    const { withRun } = defaultRuns();
    const frame = buildLoopFrame(withRun, 80);
    const [activity, products, consumers, experience, data] = frame.steps;
    expect(activity!.items.map((i) => i.label)).toEqual(['Browse', 'Search', 'Buy']);
    expect(activity!.headline).toMatch(/active users$/);
    expect(products!.items.map((i) => i.label)).toEqual(
      withRun.scenario.dataProducts.map((p) => p.name),
    );
    expect(consumers!.items.map((i) => i.label)).toEqual(
      withRun.scenario.aiConsumers.map((c) => c.name),
    );
    expect([...new Set(experience!.items.map((i) => i.group))]).toEqual([
      'Find products faster',
      'Buy more',
      'Stay longer',
    ]);
    expect(data!.items.map((i) => i.label)).toEqual([
      'Richer signals',
      'Behavioural depth',
      expect.stringMatching(/^Flywheel (accelerates|slows)$/),
    ]);
    // Live values: search success at week 80 is the model's, in percent with one decimal.
    const search = experience!.items.find((i) => i.id === 'search-success')!;
    expect(search.cells[0]!.text).toBe(`${(at(withRun, 'searchSuccess', 80) * 100).toFixed(1)}%`);
    // A deployed consumer shows its performance and adoption.
    const homepage = consumers!.items[0]!;
    expect(homepage.status).toBe('deployed');
    expect(homepage.cells.map((c) => c.text)).toEqual([
      `${Math.round(at(withRun, 'aiConsumer.personalized-homepage.performance', 80) * 100)}%`,
      `${Math.round(at(withRun, 'aiConsumer.personalized-homepage.adoption', 80) * 100)}%`,
    ]);
  });

  it('shows experience and data as changes against week 0 (none at week 0)', () => {
    const { withRun } = defaultRuns();
    const start = buildLoopFrame(withRun, 0);
    for (const step of start.steps.filter((s) => s.id === 'experience')) {
      for (const item of step.items) expect(item.cells[1]!.text).toMatch(/^±0/);
    }
    const later = buildLoopFrame(withRun, 80);
    const churn = later.steps[3]!.items.find((i) => i.id === 'churn')!;
    expect(churn.cells[1]!.text.startsWith('\u2212')).toBe(true); // churn fell
    expect(churn.cells[1]!.tone).toBe('good');
  });

  it('reports statuses before things are live: building, queued, in development', () => {
    const { withRun } = defaultRuns();
    const frame = buildLoopFrame(withRun, 0);
    expect(frame.steps[1]!.items.map((i) => i.status)).toEqual([
      'building',
      'planned',
      'planned',
      'planned',
    ]);
    expect(frame.steps[2]!.items[0]!.status).toBe('developing');
    expect(frame.steps[1]!.headline).toBe('0 of 4 live');
  });

  it('shows the without run as siloed own pipelines, fragmented into lanes', () => {
    const { withRun, withoutRun } = defaultRuns();
    const without = buildLoopFrame(withoutRun, 80, withRun);
    expect(without.fragmented).toBe(true);
    const rows = without.steps[1]!.items;
    expect(rows.map((i) => i.silos)).toEqual(
      withoutRun.scenario.aiConsumers.map((c) => c.ownPipelines),
    );
    expect(without.steps[1]!.note).toBe('8 siloed pipelines from raw data');
    expect(without.arcs[0]!.lanes).toBe(3);
    expect(without.arcs[1]!.lanes).toBe(3);
    expect(without.arcs[2]!.lanes).toBe(1);
    const withFrame = buildLoopFrame(withRun, 80, withRun);
    expect(withFrame.fragmented).toBe(false);
    expect(withFrame.arcs.every((a) => a.lanes === 1)).toBe(true);
  });

  it('clamps the point index into the run', () => {
    const { withRun } = defaultRuns();
    expect(buildLoopFrame(withRun, -5).pointIndex).toBe(0);
    expect(buildLoopFrame(withRun, 10_000).pointIndex).toBe(withRun.series.points - 1);
    expect(buildLoopFrame(withRun, Number.NaN).pointIndex).toBe(0);
  });

  it('describes the whole frame in words for assistive technology', () => {
    const { withoutRun, withRun } = defaultRuns();
    const frame = buildLoopFrame(withoutRun, 80, withRun);
    expect(frame.description).toContain('week 80');
    for (const step of frame.steps) expect(frame.description).toContain(step.title);
    expect(frame.description).toContain('lost: poor quality, downtime, stale data');
  });
});

describe('buildLoopFrame: arc rates from the model', () => {
  it('the activity arc carries events recorded times the live share of sources', () => {
    const { withRun } = defaultRuns();
    for (const k of [20, 30, 80]) {
      const sources = withRun.scenario.dataProducts.map((p) => `dataProduct.${p.id}`);
      const live = sources.filter((p) => at(withRun, `${p}.live`, k) > 0);
      const frame = buildLoopFrame(withRun, k);
      expect(frame.arcs[0]!.amount).toBeCloseTo(
        (at(withRun, 'eventsRecorded', k) * live.length) / sources.length,
        6,
      );
      const coverage = live.reduce((a, p) => a + at(withRun, `${p}.coverage`, k), 0) / live.length;
      expect(frame.arcs[0]!.leakFraction).toBeCloseTo(1 - coverage, 12);
    }
  });

  it('an arc rate doubles when the flow behind it doubles (same reference)', () => {
    const { withRun } = defaultRuns();
    const doubledEvents = scaledRun(withRun, 'eventsRecorded', 2);
    const doubledAdoption = scaledRun(withRun, 'adoption', 2);
    for (const k of [30, 80, 156]) {
      const base = buildLoopFrame(withRun, k, withRun);
      const events = buildLoopFrame(doubledEvents, k, withRun);
      const users = buildLoopFrame(doubledAdoption, k, withRun);
      expect(events.arcs[0]!.amount).toBeCloseTo(2 * base.arcs[0]!.amount, 6);
      expect(events.arcs[0]!.intensity).toBeCloseTo(
        Math.min(MAX_INTENSITY, 2 * base.arcs[0]!.intensity),
        12,
      );
      expect(users.arcs[4]!.intensity).toBeCloseTo(
        Math.min(MAX_INTENSITY, 2 * base.arcs[4]!.intensity),
        12,
      );
      // Other arcs do not move.
      expect(events.arcs[2]!.intensity).toBe(base.arcs[2]!.intensity);
    }
  });

  it('on its own scale a run peaks at intensity 1 on every arc that flows', () => {
    const { withRun } = defaultRuns();
    const scales = arcScales(withRun);
    for (let a = 0; a < 5; a++) {
      let peak = 0;
      for (let k = 0; k < withRun.series.points; k++) {
        peak = Math.max(peak, buildLoopFrame(withRun, k).arcs[a]!.intensity);
      }
      expect(scales[a]).toBeGreaterThan(0);
      expect(peak).toBeCloseTo(1, 12);
    }
  });

  it('on the with scale, the without loop is weaker and leaks more where its numbers say so', () => {
    const { withRun, withoutRun } = defaultRuns();
    for (const k of [60, 80, 120, 156]) {
      const w = buildLoopFrame(withRun, k, withRun);
      const wo = buildLoopFrame(withoutRun, k, withRun);
      // Data to AI: fewer events fed, and most of it lost to quality, downtime and staleness.
      expect(wo.arcs[1]!.intensity).toBeLessThan(w.arcs[1]!.intensity);
      expect(wo.arcs[1]!.leakFraction).toBeGreaterThan(w.arcs[1]!.leakFraction + 0.2);
      // AI at work: lower performance, more of it unused for lack of trust.
      expect(wo.arcs[2]!.intensity).toBeLessThan(w.arcs[2]!.intensity);
      expect(wo.arcs[2]!.leakFraction).toBeGreaterThan(w.arcs[2]!.leakFraction);
      // Experience gain: much weaker.
      expect(wo.arcs[3]!.intensity).toBeLessThan(0.6 * w.arcs[3]!.intensity);
    }
  });

  it('the data-to-AI leak is what quality^k, downtime and staleness take away', () => {
    const { withoutRun } = defaultRuns();
    const k = 100;
    const frame = buildLoopFrame(withoutRun, k);
    let sent = 0;
    let effective = 0;
    for (const c of withoutRun.scenario.aiConsumers) {
      const prefix = `aiConsumer.${c.id}`;
      const own = Array.from(
        { length: c.ownPipelines },
        (_, j) => `${prefix}.ownPipeline.${j + 1}`,
      );
      const share = own.reduce((a, p) => a + at(withoutRun, `${p}.live`, k), 0) / own.length;
      sent +=
        at(withoutRun, 'freshEvents', k) * at(withoutRun, `${prefix}.inputCoverage`, k) * share;
      effective += at(withoutRun, `${prefix}.effectiveData`, k) * share;
    }
    expect(frame.arcs[1]!.amount).toBeCloseTo(sent, 0);
    expect(frame.arcs[1]!.leakFraction).toBeCloseTo(1 - effective / sent, 12);
  });

  it('the AI arc loses exactly what adoption does not take up', () => {
    const { withRun } = defaultRuns();
    const k = 40;
    const frame = buildLoopFrame(withRun, k);
    const ids = withRun.scenario.aiConsumers.map((c) => `aiConsumer.${c.id}`);
    const performance = ids.reduce((a, p) => a + at(withRun, `${p}.performance`, k), 0);
    const impact = ids.reduce((a, p) => a + at(withRun, `${p}.impact`, k), 0);
    expect(frame.arcs[2]!.amount).toBeCloseTo(performance, 12);
    expect(frame.arcs[2]!.leakFraction).toBeCloseTo(1 - impact / performance, 12);
  });

  it('nothing flows and nothing leaks before anything is live', () => {
    const { withRun } = defaultRuns();
    const frame = buildLoopFrame(withRun, 0);
    expect(frame.arcs.slice(0, 4).map((a) => a.intensity)).toEqual([0, 0, 0, 0]);
    expect(frame.arcs.map((a) => a.leakFraction)).toEqual([0, 0, 0, 0, 0]);
    expect(frame.arcs[0]!.amountText).toBe('no live data source yet');
    expect(frame.arcs[4]!.intensity).toBeGreaterThan(0); // new users arrive regardless
  });
});

describe('buildLoopFrame: any number of products and consumers', () => {
  const base = expected(withPreset());
  const big = expected(maxScenario());

  it('copes with 0..8 products and 0..6 consumers, renamed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 155 }),
        (products, consumers, k) => {
          const dataProducts = big.dataProducts
            .slice(0, products)
            .map((p, i) => ({ ...p, name: `Renamed product ${i + 1}` }));
          const ids = new Set(dataProducts.map((p) => p.id));
          const aiConsumers = big.aiConsumers.slice(0, consumers).map((c) => ({
            ...c,
            uses: c.uses.filter((id) => ids.has(id)),
          }));
          const run = runScenario({ ...base, dataProducts, aiConsumers }, { backend: 'codegen' });
          const frame = buildLoopFrame(run, k);
          expect(frame.steps[1]!.items.filter((i) => i.silos === 0)).toHaveLength(products);
          expect(frame.steps[2]!.items).toHaveLength(consumers);
          frame.steps[1]!.items.filter((i) => i.silos === 0).forEach((item, i) =>
            expect(item.label).toBe(`Renamed product ${i + 1}`),
          );
          for (const arc of frame.arcs) {
            expect(arc.intensity).toBeGreaterThanOrEqual(0);
            expect(arc.intensity).toBeLessThanOrEqual(MAX_INTENSITY);
            expect(arc.leakFraction).toBeGreaterThanOrEqual(0);
            expect(arc.leakFraction).toBeLessThanOrEqual(1);
            expect(Number.isFinite(arc.amount)).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('readerOf: values read in place from the point-major buffer', () => {
  it('reads what seriesOf copies out, at every point of every variable', () => {
    const { withoutRun } = defaultRuns();
    const r = readerOf(withoutRun);
    const names = withoutRun.series.model.variables.map((v) => v.name);
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const series = seriesOf(withoutRun.series, name);
      for (let k = 0; k < r.points; k++) expect(r.at(name, k)).toBe(series[k]);
    }
  });

  it('gives NaN outside the run and a clear error for a name the run lacks', () => {
    const { withRun } = defaultRuns();
    const r = readerOf(withRun);
    for (const k of [-1, r.points, 2.5, Number.NaN]) expect(r.at('activeUsers', k)).toBeNaN();
    expect(() => r.at('no.such.variable', 0)).toThrow("no variable named 'no.such.variable'");
    expect(r.has('activeUsers')).toBe(true);
    expect(r.has('no.such.variable')).toBe(false);
  });

  it('builds a field name once and hands out the same string after', () => {
    const name = fieldName('dataProduct.customer-360', 'live');
    expect(name).toBe('dataProduct.customer-360.live');
    expect(fieldName('dataProduct.customer-360', 'live')).toBe(name);
    expect(fieldName('dataProduct.customer-360', 'trust')).toBe('dataProduct.customer-360.trust');
  });
});
