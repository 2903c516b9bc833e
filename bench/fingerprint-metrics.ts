/**
 * `npx tsx bench/fingerprint-metrics.ts`: SHA-256s of every metric series (by name) and the KPIs
 * of the presets, both modes. Unlike bench/fingerprint.ts it ignores variables that are not
 * metrics, so it shows that a change which only adds parameters or intermediate variables left
 * every result bit-identical.
 */
import { createHash } from 'node:crypto';
import { compareWithWithout, PRESETS, seriesOf, type PresetName } from '../simulation';

const hash = (parts: readonly (string | Float64Array)[]): string => {
  const h = createHash('sha256');
  for (const p of parts)
    h.update(typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  return h.digest('hex').slice(0, 16);
};

const names = process.argv.slice(2);
for (const name of (names.length ? names : Object.keys(PRESETS)) as PresetName[]) {
  for (const mode of ['expected', 'stochastic'] as const) {
    const base = PRESETS[name]();
    const c = compareWithWithout({ ...base, simulation: { ...base.simulation, mode, seed: 5 } });
    const parts = c.runs.map((r) => {
      const metrics = [...r.series.model.metricNames].sort();
      return hash([
        metrics.join(','),
        ...metrics.map((m) => seriesOf(r.series, m)),
        JSON.stringify(r.kpis),
      ]);
    });
    console.log(`${name.padEnd(12)} ${mode.padEnd(10)} ${parts.join(' ')}`);
  }
}
