/**
 * Every loop of docs/MODEL.md acts (Sterman ch. 21, boundary adequacy): each is switched off in
 * turn by cutting one of its links (simulation/analysis/knockout.ts: the cut input held at its
 * week-0 value) and must move the KPI its documentation names, at the defaults. A loop that moves
 * nothing is inert and fails here: it must act or leave the diagram and the story.
 *
 * Also: every documented loop has a knock-out; the accuracy ceiling (B2, a limit inside R1) acts
 * through its parameter; reuse shortens AI development (a link the story names).
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  cutLinks,
  knockedOut,
  knockoutMeasure,
  LOOP_KNOCKOUTS,
  withAssumption,
  withPreset,
  type Scenario,
} from '../../simulation';
import { DOCUMENTED_LOOPS } from '../../simulation/analysis/loop-names';

/** A loop that moves its KPI by less than this share is inert. */
const INERT = 1e-3;

const base: Scenario = {
  ...withPreset(),
  simulation: { ...withPreset().simulation, mode: 'expected' },
};
const today = knockedOut(base, []);

describe('each loop switched off in turn changes what its documentation says it changes', () => {
  for (const k of LOOP_KNOCKOUTS) {
    it(`${k.id} (${k.what}) moves ${k.kpi}`, () => {
      const cut = knockedOut(base, k.cut);
      const a = knockoutMeasure(k, today.with);
      const b = knockoutMeasure(k, cut.with);
      expect(Math.abs(b - a) / Math.abs(a), `${k.kpi}: ${a} -> ${b}`).toBeGreaterThan(INERT);
    });
  }

  it('covers every documented loop of the flywheel (the S loops inside a source are its own)', () => {
    const flywheel = DOCUMENTED_LOOPS.filter((l) => !l.id.startsWith('S')).map((l) => l.id);
    expect(flywheel.length).toBeGreaterThanOrEqual(9);
    for (const id of flywheel)
      expect(
        LOOP_KNOCKOUTS.map((k) => k.id),
        id,
      ).toContain(id);
  });

  it('refuses a link the model does not have', () => {
    expect(() => cutLinks({ variables: [] }, [{ from: 'a', to: 'b' }], () => 0)).toThrow(
      /no link a -> b/,
    );
  });
});

describe('the limits and links the story names act too', () => {
  it('B2 accuracy ceiling: a lower irreducible error raises AI performance', () => {
    const lower = compareWithWithout(withAssumption(base, 'irreducibleError', 0.05)).runs[0]!.kpis;
    expect(lower.finalAiPerformance).toBeGreaterThan(
      today.with.kpis.finalAiPerformance * (1 + INERT),
    );
  });

  it('B3 maintenance load: owners are loaded at the defaults, and more load lowers quality', () => {
    const heavier = compareWithWithout(withAssumption(base, 'ownerLoadPerConsumer', 0.5));
    expect(heavier.runs[0]!.kpis.finalDataQuality).toBeLessThan(
      today.with.kpis.finalDataQuality * (1 - INERT),
    );
  });

  it('reuse shortens AI development: without the time-to-market gain, AI deploys later', () => {
    const noReuse = compareWithWithout(withAssumption(base, 'timeToMarketGain', 0)).runs[0]!.kpis;
    expect(noReuse.firstAiDeploymentWeek!).toBeGreaterThan(today.with.kpis.firstAiDeploymentWeek!);
    expect(noReuse.cumulativeNetValueUsd).toBeLessThan(today.with.kpis.cumulativeNetValueUsd);
  });
});
