/** `flywheel loops` as a child process: JSON, CSV and text on real files, and bad input (exit 2). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeScenario } from '../../simulation/scenario/load';
import { withPreset } from '../../simulation/scenario/presets';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import { ensureBuilt, flywheel, parseCsv, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
});
afterAll(() => cleanup());

interface LoopJson {
  id: string;
  name: string;
  polarity: string;
  variables: string[];
  relativeScore: number[];
  inFlywheel: boolean;
}
interface RunJson {
  name: string;
  loops: LoopJson[];
  dominance: { leader: (string | null)[]; shifts: { week: number; from: string; to: string }[] };
}

describe('flywheel loops --format json', () => {
  const r = (): { meta: Record<string, unknown>; runs: RunJson[] } => {
    const out = flywheel(['loops', '--weeks', '104', '--format', 'json'], dir);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as { meta: Record<string, unknown>; runs: RunJson[] };
  };

  it('has with and without, every loop with a score per week, and the numbers of the engine', () => {
    const doc = r();
    expect(doc.meta.generatedBy).toBe('flywheel loops');
    expect(doc.meta.mode).toBe('expected');
    expect(doc.meta.command).toBe('flywheel loops --weeks 104 --mode expected --format json');
    expect(doc.runs.map((x) => x.name)).toEqual(['with', 'without']);
    const engine = loopDominance(
      { ...withPreset(), simulation: { ...withPreset().simulation, weeks: 104, mode: 'expected' } },
      { backend: 'codegen' },
    );
    doc.runs.forEach((run, i) => {
      const groups = engine.runs[i]!.loops.groups;
      expect(run.loops.map((l) => l.id)).toEqual(groups.map((g) => g.id));
      for (const loop of run.loops) {
        expect(['R', 'B']).toContain(loop.polarity);
        expect(loop.relativeScore).toHaveLength(105);
        expect(loop.variables.length).toBeGreaterThan(1);
        const g = groups.find((x) => x.id === loop.id)!;
        expect(loop.relativeScore).toEqual([...g.relativeScore]);
      }
      // The flywheel's absolute shares add up to at most 1 each week (grouped loops may cancel).
      // The status quo starts at rest: until the first source goes live nothing on a loop
      // changes and every share is 0; from then on the shares add up to more than a half.
      let atRest = true;
      for (let k = 1; k <= 104; k++) {
        const sum = run.loops
          .filter((l) => l.inFlywheel)
          .reduce((s, l) => s + Math.abs(l.relativeScore[k]!), 0);
        expect(sum).toBeLessThanOrEqual(1 + 1e-9);
        if (atRest && sum === 0) continue;
        atRest = false;
        expect(sum, `week ${k}`).toBeGreaterThan(0.5);
      }
      expect(atRest).toBe(false);
    });
  });

  it('names the documented loops it finds', () => {
    const ids = r().runs[0]!.loops.map((l) => l.id);
    for (const id of ['R1', 'R2', 'B1', 'B4']) expect(ids).toContain(id);
  });
});

describe('flywheel loops --format csv and text', () => {
  it('writes one row per week per run with a column per loop', () => {
    const out = flywheel(['loops', '--preset', 'mesh', '--weeks', '52', '--format', 'csv'], dir);
    expect(out.code, out.stderr).toBe(0);
    const rows = parseCsv(out.stdout);
    expect(rows[0]!.slice(0, 3)).toEqual(['run', 'week', 'leader']);
    expect(rows[0]).toContain('R1');
    expect(rows.slice(1).filter((x) => x[0] === 'with')).toHaveLength(53);
    expect(rows.slice(1).filter((x) => x[0] === 'without')).toHaveLength(53);
  });

  it('prints a summary that names the leading loops and the shifts', () => {
    const out = flywheel(['loops', '--weeks', '60'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Which loop drives the flywheel');
    expect(out.stdout).toContain('With data products:');
    expect(out.stdout).toContain('Without data products:');
    expect(out.stdout).toContain('R1');
    expect(out.stdout).toContain('Shifts of the leading loop:');
  });

  it('reads a scenario file; one without data products has one run', () => {
    const s = withPreset();
    const file = join(dir, 'no-products.flywheel.json');
    writeFileSync(
      file,
      serializeScenario({
        ...s,
        dataProducts: [],
        aiConsumers: s.aiConsumers.map((c) => ({ ...c, uses: [], ownPipelines: 1 })),
      }),
    );
    const out = flywheel(['loops', 'no-products.flywheel.json', '--format', 'json'], dir);
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as { runs: RunJson[] };
    expect(doc.runs).toHaveLength(1);
  });
});

describe('flywheel loops: bad input', () => {
  it.each([
    [['loops', '--weeks', '0'], '--weeks: expected a whole number from 1 to 520'],
    [['loops', '--mode', 'fast'], "--mode: expected 'stochastic' or 'expected'"],
    [['loops', '--format', 'yaml'], "--format: expected 'text' or 'json' or 'csv'"],
    [['loops', '--preset', 'nope'], "--preset: unknown preset 'nope'"],
    [['loops', '--bogus'], "unknown option '--bogus'"],
    [['loops', 'missing.json'], 'missing.json: cannot read: no such file'],
    [['loops', 'a.json', 'b.json'], 'expected at most one scenario file'],
  ])('%j exits 2 with a message', (args, message) => {
    const out = flywheel(args, dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });

  it('--help shows usage with examples', () => {
    for (const args of [
      ['loops', '--help'],
      ['help', 'loops'],
    ]) {
      const out = flywheel(args, dir);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Usage: flywheel loops');
      expect(out.stdout).toContain('Examples:');
    }
  });
});
