/**
 * Structure tests (Sterman ch. 21, test 2): users are conserved at every step, and every stock is
 * exactly the Euler integral of its declared flows - nothing enters or leaves a stock except
 * through a flow the declaration names.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_STEP_WEEKS, PRESETS, seriesAt, type PresetName } from '../../simulation';
import { CONSERVATION_TOLERANCE, invariantViolations, run, series } from './helpers';

const presetNames = Object.keys(PRESETS) as PresetName[];

describe('conservation of users: potential + active + lapsed = market at every step', () => {
  for (const name of presetNames) {
    for (const mode of ['expected', 'stochastic'] as const) {
      it(`${name}, ${mode}, every allowed step length`, () => {
        for (const stepWeeks of ALLOWED_STEP_WEEKS) {
          const s = PRESETS[name]();
          const r = run(s, { mode, stepWeeks, seed: 11 });
          const market = s.parameters.marketSize!;
          const pot = series(r, 'potentialUsers');
          const act = series(r, 'activeUsers');
          const lap = series(r, 'lapsedUsers');
          let worst = 0;
          for (let k = 0; k < r.points; k++) {
            worst = Math.max(worst, Math.abs(pot[k]! + act[k]! + lap[k]! - market) / market);
          }
          expect(worst, `step ${stepWeeks}`).toBeLessThan(CONSERVATION_TOLERANCE);
          expect(invariantViolations(r), `step ${stepWeeks}`).toEqual([]);
        }
      });
    }
  }
});

describe('every stock is the Euler integral of its declared flows', () => {
  for (const name of presetNames) {
    it(name, () => {
      const r = run(PRESETS[name](), { mode: 'stochastic', seed: 5, stepWeeks: 0.5 });
      const model = r.model;
      const dt = r.settings.stepWeeks;
      let stocks = 0;
      for (const v of model.variables) {
        if (v.decl?.kind !== 'stock') continue;
        stocks++;
        const s = seriesAt(r, v.slot);
        const inflows = v.decl.inflows.map((f) => series(r, f));
        const outflows = v.decl.outflows.map((f) => series(r, f));
        for (let k = 0; k + 1 < r.points; k++) {
          // The engine's own association: net = ((0 + in1) + in2 ...) - out1 ...; x += dt * net.
          let net = 0;
          for (const f of inflows) net += f[k]!;
          for (const f of outflows) net -= f[k]!;
          expect(s[k + 1], `${v.name} at week ${r.time[k]}`).toBe(s[k]! + dt * net);
        }
      }
      expect(stocks).toBeGreaterThan(10);
    });
  }
});
