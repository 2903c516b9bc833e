/**
 * `flywheel report --compare RUN ...` as users run it (a child process on real files): the
 * report's comparison of runs has the runs, what each changes against the baseline in words, the
 * KPI table with the cells and numbers of `flywheel compare` (to the bit: the same engine), every
 * chart with the runs overlaid, and the `flywheel compare` command that prints the same table,
 * which is run here as printed. Bad input exits 2 with a message naming it, and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  applyChanges,
  describeDifferences,
  removeDataProductFrom,
  runTable,
  runTableCells,
  serializeScenario,
  withPreset,
  type Kpis,
  type Scenario,
} from '../../simulation';
import { BIN, ensureBuilt, flywheel, tempFolder } from '../cli/helpers';

vi.setConfig({ testTimeout: 120_000 });

let dir = '';
let cleanup = (): void => undefined;

function planDocument(): Scenario {
  return {
    ...withPreset(),
    variants: [
      {
        name: 'skip governance',
        changes: [{ kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 }],
      },
      {
        name: 'quality 95%',
        changes: [{ kind: 'set', name: 'dataProduct.customer-360.maturity.quality', value: 0.95 }],
      },
    ],
  };
}

beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder('flywheel-compare-report-'));
  writeFileSync(join(dir, 'plan.flywheel.json'), serializeScenario(planDocument()));
  const other = withPreset();
  removeDataProductFrom(other, 'customer-360');
  writeFileSync(join(dir, 'other.flywheel.json'), serializeScenario({ ...other, name: 'Other' }));
  writeFileSync(join(dir, 'broken.flywheel.json'), '{"kind": "flywheel-lab/scenario",');
});
afterAll(() => cleanup());

const RUNS = [
  'plan.flywheel.json',
  'plan.flywheel.json#skip governance',
  'plan.flywheel.json#quality 95%',
  'other.flywheel.json',
];

/** The report's comparison section: its text and its table's cells, read from the HTML. */
function compareSection(html: string): {
  text: string;
  cells: Map<string, { value: string; text: string }[]>;
  command: string;
  charts: number[];
} {
  const section = /<section[^>]*data-testid="report-compare"[\s\S]*?<\/section>/.exec(html)?.[0];
  if (!section) throw new Error('no comparison section');
  const plain = (s: string): string =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  const cells = new Map<string, { value: string; text: string }[]>();
  for (const row of section.matchAll(/<tr data-kpi="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    cells.set(
      row[1]!,
      [...row[2]!.matchAll(/<td[^>]*data-value="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => ({
        value: m[1]!,
        text: plain(m[2]!),
      })),
    );
  }
  const charts = [...section.matchAll(/<figure[^>]*data-chart="[^"]+"[\s\S]*?<\/figure>/g)].map(
    (m) => (m[0].match(/<path[^>]*data-run=/g) ?? []).length,
  );
  const command = plain(
    /data-testid="report-compare-command"[^>]*>([\s\S]*?)<\/pre>/.exec(section)![1]!,
  );
  return { text: plain(section), cells, command, charts };
}

describe('flywheel report --compare', () => {
  it('has the runs, the changes in words, the table of flywheel compare, overlaid charts and the command', () => {
    const r = flywheel(
      [
        'report',
        'plan.flywheel.json',
        ...RUNS.flatMap((x) => ['--compare', x]),
        '--baseline',
        '2',
        '--out',
        'report.html',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const section = compareSection(readFileSync(join(dir, 'report.html'), 'utf8'));
    expect(section.text).toContain('Comparison of 4 runs');
    expect(section.text).toContain('against the baseline, skip governance');
    // What each run changes against 'skip governance', in words.
    const doc = planDocument();
    const skip = applyChanges(doc, doc.variants![0]!.changes).scenario;
    const quality = applyChanges(doc, doc.variants![1]!.changes).scenario;
    for (const target of [withPreset(), quality]) {
      const words = describeDifferences(skip, target);
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) expect(section.text).toContain(w);
    }
    // Every chart with the four runs.
    expect(section.charts.length).toBeGreaterThanOrEqual(8);
    expect(new Set(section.charts)).toEqual(new Set([4]));

    expect(section.command).toBe(
      "flywheel compare plan.flywheel.json 'plan.flywheel.json#skip governance' 'plan.flywheel.json#quality 95%' other.flywheel.json --baseline 2",
    );
    // The command as printed, in the folder of the files, prints the same table.
    const cli = spawnSync(
      'sh',
      [
        '-c',
        `${section.command.replace(/^flywheel /, `'${process.execPath}' '${BIN}' `)} --format json`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    const out = JSON.parse(cli.stdout) as { runs: { kpis: Kpis }[] };
    const rows = runTable(
      out.runs.map((x) => x.kpis),
      1,
    );
    expect(rows.length).toBe(section.cells.size);
    for (const row of rows) {
      const cells = runTableCells(row, 1);
      const got = section.cells.get(row.key)!;
      expect(got.map((c) => c.value)).toEqual(row.values.map((v) => (v === null ? '' : String(v))));
      expect(got.map((c) => c.text)).toEqual(
        cells.map((c) => `${c.best ? '★ ' : ''}${c.value}${c.delta}`),
      );
    }
  });

  it('bad input: one run, a name the file lacks, a broken file, nine runs, --baseline alone: exit 2, nothing written', () => {
    const cases: [string[], RegExp][] = [
      [['--compare', 'plan.flywheel.json'], /at least two runs/],
      [
        ['--compare', 'plan.flywheel.json', '--compare', 'plan.flywheel.json#nope'],
        /no variant or pinned run named 'nope'.*skip governance/,
      ],
      [
        ['--compare', 'plan.flywheel.json', '--compare', 'broken.flywheel.json'],
        /broken\.flywheel\.json/,
      ],
      [
        Array.from({ length: 9 }, () => ['--compare', 'plan.flywheel.json']).flat(),
        /at most 8 runs/,
      ],
      [['--baseline', '2'], /--baseline: only with --compare/],
      [
        ['--compare', 'plan.flywheel.json', '--compare', 'other.flywheel.json', '--baseline', '3'],
        /--baseline: expected a whole number from 1 to 2/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = flywheel(['report', 'plan.flywheel.json', ...args, '--out', 'bad.html'], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(existsSync(join(dir, 'bad.html'))).toBe(false);
    }
  });
});
