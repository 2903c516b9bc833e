/**
 * prunedModel: a model cut down to what some variables need computes those variables to the bit,
 * in both modes, with fewer equations; every parameter stays in its order.
 */
import { describe, expect, it } from 'vitest';
import { prunedModel } from '../../simulation/analysis/prune';
import { STATUS_QUO_KPI_SERIES } from '../../simulation/analysis/kpis';
import { compileModel } from '../../simulation/engine/compile';
import { runModel, seriesOf } from '../../simulation/engine/run';
import { buildFlywheelModel } from '../../simulation/model/flywheel';
import { statusQuo } from '../../simulation/scenario/derive';
import { PRESETS } from '../../simulation/scenario/presets';

describe('prunedModel', () => {
  for (const [name, make] of Object.entries(PRESETS)) {
    it(`${name}: the kept series of the status quo and of the scenario are the same to the bit`, () => {
      for (const [scenario, keep] of [
        [statusQuo(make()), STATUS_QUO_KPI_SERIES],
        [make(), ['cumulativeNetValue']],
      ] as const) {
        const built = buildFlywheelModel(scenario);
        const whole = compileModel(built.decl, { backend: 'codegen' });
        const cut = compileModel(prunedModel(built.decl, keep), { backend: 'codegen' });
        expect(cut.parameterNames).toEqual(whole.parameterNames);
        expect(cut.variables.length).toBeLessThanOrEqual(whole.variables.length);
        for (const mode of ['stochastic', 'expected'] as const) {
          const settings = { ...scenario.simulation, weeks: 104, seed: 11, mode };
          const a = runModel(whole, built.parameterValues, settings);
          const b = runModel(cut, built.parameterValues, settings);
          for (const series of keep)
            expect(Buffer.from(seriesOf(b, series).buffer)).toEqual(
              Buffer.from(seriesOf(a, series).buffer),
            );
        }
      }
    });
  }

  it('leaves out what the kept variables do not need, and names an unknown variable', () => {
    const built = buildFlywheelModel(statusQuo(PRESETS.with()));
    const cut = prunedModel(built.decl, STATUS_QUO_KPI_SERIES);
    const dynamic = (vs: readonly { kind: string }[]): number =>
      vs.filter((v) => v.kind !== 'parameter').length;
    expect(dynamic(cut.variables)).toBeLessThan(dynamic(built.decl.variables));
    expect(cut.variables.some((v) => v.name === 'flywheelMomentum')).toBe(false);
    expect(() => prunedModel(built.decl, ['noSuchVariable'])).toThrow(/noSuchVariable/);
  });
});
