/**
 * `npx tsx bench/fingerprint.ts`: a SHA-256 of every number the engine produces for the presets
 * (every variable at every point, both modes, both backends, KPIs, a small Monte Carlo summary).
 * Run before and after a performance change: the hashes must not move (results stay bit-identical).
 */
import { createHash } from 'node:crypto';
import {
  compareWithWithout,
  PRESETS,
  prepareModel,
  runPrepared,
  settingsOf,
  type PresetName,
} from '../simulation';
import { runMonteCarlo } from '../simulation/analysis/montecarlo';
import { statusQuo } from '../simulation/scenario/derive';

const hash = (parts: readonly (string | Float64Array)[]): string => {
  const h = createHash('sha256');
  for (const p of parts)
    h.update(typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  return h.digest('hex').slice(0, 16);
};

const json = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x instanceof Float64Array
      ? Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')
      : x,
  );

for (const name of Object.keys(PRESETS) as PresetName[]) {
  const base = PRESETS[name]();
  for (const scenario of [base, statusQuo(base)]) {
    for (const mode of ['expected', 'stochastic'] as const) {
      for (const weeks of [156, 520]) {
        const parts: string[] = [];
        for (const backend of ['interpreter', 'codegen'] as const) {
          const run = runPrepared(
            prepareModel(scenario, backend),
            settingsOf(scenario, { mode, weeks, seed: 11 }),
          );
          parts.push(hash([run.values, run.time]));
        }
        console.log(`${scenario.name.padEnd(40)} ${mode.padEnd(10)} ${weeks} ${parts.join(' ')}`);
      }
    }
  }
  for (const mode of ['expected', 'stochastic'] as const) {
    const s = { ...base, simulation: { ...base.simulation, mode, seed: 5 } };
    const c = compareWithWithout(s, { backend: 'codegen' });
    const i = compareWithWithout(s, { backend: 'interpreter' });
    const kp = (x: typeof c): string =>
      hash([
        json(x.runs.map((r) => r.kpis)),
        json(x.differences),
        ...x.runs.map((r) => r.series.values),
      ]);
    console.log(`compare ${name} ${mode} ${kp(c)} ${kp(i)}`);
  }
}
const w = PRESETS.with();
const summary = runMonteCarlo(
  { scenario: w, settings: settingsOf(w, { weeks: 104, seed: 3 }), draws: 300, pilotDraws: 40 },
  { backend: 'codegen' },
);
console.log(`montecarlo with 300 draws ${hash([json(summary)])}`);
