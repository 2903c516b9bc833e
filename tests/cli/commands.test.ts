/** `flywheel presets`, `validate`, `--help` and `--version` as child processes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../simulation/scenario/load';
import { PRESET_NAMES, PRESETS } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, ROOT, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
});
afterAll(() => cleanup());

describe('flywheel presets', () => {
  it('lists every preset with a one-line description', () => {
    const r = flywheel(['presets'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(PRESET_NAMES.length);
    PRESET_NAMES.forEach((name, i) => {
      expect(lines[i]!.startsWith(name)).toBe(true);
      expect(lines[i]).toContain(PRESETS[name]().name);
    });
  });

  it.each(PRESET_NAMES)(
    '--show %s prints a complete file that validates, and runs like the preset',
    (name) => {
      const r = flywheel(['presets', '--show', name], dir);
      expect(r.code).toBe(0);
      const parsed = parseScenarioText(r.stdout);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.scenario).toEqual(PRESETS[name]());
      const file = join(dir, `${name}.json`);
      writeFileSync(file, r.stdout);
      const v = flywheel(['validate', `${name}.json`], dir);
      expect(v.code).toBe(0);
      const s = PRESETS[name]();
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      expect(v.stdout).toBe(
        `${name}.json: valid scenario '${s.name}' (${plural(s.dataProducts.length, 'data product')}, ${plural(s.aiConsumers.length, 'AI consumer')})\n`,
      );
      const fromFile = JSON.parse(flywheel(['run', `${name}.json`, '--weeks', '12'], dir).stdout);
      const fromPreset = JSON.parse(
        flywheel(['run', '--preset', name, '--weeks', '12'], dir).stdout,
      );
      expect(fromFile.runs.map((x: { metrics: unknown }) => x.metrics)).toEqual(
        fromPreset.runs.map((x: { metrics: unknown }) => x.metrics),
      );
    },
  );

  it('an edited preset file runs with the edit', () => {
    const text = flywheel(['presets', '--show', 'with'], dir).stdout;
    const file = JSON.parse(text);
    file.parameters.marketSize = 2_000_000;
    file.parameters.initialActiveUsers = 100_000;
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(file));
    const out = JSON.parse(flywheel(['run', 'edited.json', '--weeks', '4'], dir).stdout);
    expect(out.runs[0].metrics.activeUsers[0]).toBe(100_000);
  });
});

describe('flywheel validate', () => {
  it('validates several files, exit 0 when all are valid', () => {
    writeFileSync(join(dir, 'a.json'), flywheel(['presets', '--show', 'with'], dir).stdout);
    writeFileSync(join(dir, 'b.json'), flywheel(['presets', '--show', 'without'], dir).stdout);
    const r = flywheel(['validate', 'a.json', 'b.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "a.json: valid scenario 'E-commerce with data products' (4 data products, 3 AI consumers)\n" +
        "b.json: valid scenario 'E-commerce with data products - without data products' (0 data products, 3 AI consumers)\n",
    );
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    for (const flag of ['--version', '-V']) {
      const r = flywheel([flag], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('--help describes the program and its commands', () => {
    const r = flywheel(['--help'], dir);
    expect(r.code).toBe(0);
    for (const c of ['flywheel run', 'flywheel validate', 'flywheel presets', 'Exit codes'])
      expect(r.stdout).toContain(c);
    expect(flywheel(['help'], dir).stdout).toBe(r.stdout);
  });

  it.each([
    [
      'run',
      ['--preset', '--weeks', '--seed', '--mode', '--runs', '--workers', '--format', '--out'],
    ],
    ['validate', ['FILE...']],
    ['presets', ['--show']],
  ])('flywheel %s --help lists its options', (command, options) => {
    const r = flywheel([command, '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: flywheel ${command}`);
    for (const o of options) expect(r.stdout).toContain(o);
    expect(flywheel(['help', command], dir).stdout).toBe(r.stdout);
    expect(flywheel([command, '-h'], dir).stdout).toBe(r.stdout);
  });
});

describe('bin/flywheel.mjs', () => {
  it('explains how to build when the bundle is missing', () => {
    // A copy of the shim in a folder without dist/ behaves like a fresh clone before npm install.
    const shim = readFileSync(join(ROOT, 'bin', 'flywheel.mjs'), 'utf8');
    mkdirSync(join(dir, 'fresh', 'bin'), { recursive: true });
    writeFileSync(join(dir, 'fresh', 'bin', 'flywheel.mjs'), shim);
    const r = spawnSync(process.execPath, [join(dir, 'fresh', 'bin', 'flywheel.mjs'), 'run'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run npm install');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
