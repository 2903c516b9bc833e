/**
 * `flywheel calibrate` as a child process on real files: the fit in text and JSON, the calibrated
 * scenario written with --out, and every malformed history giving a clear message and exit 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { parseScenarioText, serializeScenario, withPreset } from '../../simulation';
import { syntheticHistory } from '../calibration/synthetic';
import { ensureBuilt, flywheel, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
// Word of mouth (bassImitationPerYear) is left out: over two years a business near rest cannot tell it
// from churn (the fit reports r = 1.000 between them), so conversion is the third parameter.
const truth = { baseChurnPerWeek: 0.016, baseConversion: 0.03, sessionsPerUserPerWeek: 1.3 };
const FIT = 'baseChurnPerWeek,baseConversion,sessionsPerUserPerWeek';

beforeAll(async () => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder('flywheel-calibrate-'));
  const s = withPreset();
  const h = syntheticHistory(s, {
    weeks: 104,
    metrics: ['activeUsers', 'sessions', 'orders'],
    noise: 0.02,
    seed: 11,
    truth,
  });
  const rows = h.periods.map((_, i) => [i, ...h.series.map((x) => Math.round(x.values[i]!))]);
  const csv = (header: string, body: (string | number)[][]) =>
    `${header}\n${body.map((r) => r.join(',')).join('\n')}\n`;
  const header = 'week,activeUsers,sessions,orders';
  const files: Record<string, string | Uint8Array> = {
    'shop.json': serializeScenario(s),
    'kpis.csv': csv(header, rows),
    'colons.csv': csv(header.replace(/,/g, ':'), rows).replace(/,/g, ':'),
    'text.csv': csv(
      header,
      rows.map((r, i) => (i === 7 ? [r[0]!, 'about a million', r[2]!, r[3]!] : r)),
    ),
    'gaps.csv': csv(
      header,
      rows.filter((_, i) => i < 10 || i > 12),
    ),
    'duplicate.csv': csv(header, [...rows.slice(0, 6), rows[5]!, ...rows.slice(6)]),
    'empty.csv': '',
    'huge.csv': `${header}\n${Array.from({ length: 1_000_000 }, (_, i) => `${i},1,2,3`).join('\n')}\n`,
    'binary.csv': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
    'unknown.csv': csv(
      'week,activeUsers,visitors',
      rows.map((r) => r.slice(0, 3)),
    ),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const sheet = [
    [{ value: 'week' }, { value: 'activeUsers' }, { value: 'sessions' }, { value: 'orders' }],
    ...rows.map((r) => r.map((v) => ({ value: Number(v) }))),
  ];
  const blob = await writeXlsxFile(sheet as never).toBlob();
  writeFileSync(join(dir, 'kpis.xlsx'), new Uint8Array(await blob.arrayBuffer()));
});
afterAll(() => cleanup());

describe('flywheel calibrate', () => {
  it('recovers the parameters from a CSV history, in text', () => {
    const r = flywheel(['calibrate', 'shop.json', '--data', 'kpis.csv', '--fit', FIT], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Calibrated the status quo of 'E-commerce with data products' to kpis\.csv: 3 series, 312 figures, 3 parameters fitted/,
    );
    expect(r.stdout).toMatch(/baseChurnPerWeek +0\.012 +0\.01\d+ +0\.01\d+ to 0\.01\d+/);
    expect(r.stdout).toMatch(/activeUsers +104 +0\.\d{3} +\d\.\d%/);
  });

  it('JSON: { meta, fitted: { NAME: { value, low, high } }, statistics, scenario }; --out writes the scenario', () => {
    const r = flywheel(
      [
        'calibrate',
        'shop.json',
        '--data',
        'kpis.xlsx',
        '--fit',
        FIT,
        '--weights',
        'orders=2',
        '--format',
        'json',
        '--out',
        'cal.json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      meta: { data: string; seed: number; weights: Record<string, number> };
      fitted: Record<string, { value: number; low: number; high: number }>;
      statistics: { series: Record<string, { r2: number; um: number; us: number; uc: number }> };
      scenario: { provenance: Record<string, { kind: string; file: string }> };
    };
    expect(out.meta).toMatchObject({ data: 'kpis.xlsx', seed: 1, weights: { orders: 2 } });
    for (const [name, t] of Object.entries(truth)) {
      expect(out.fitted[name]!.low, name).toBeLessThanOrEqual(t);
      expect(out.fitted[name]!.high, name).toBeGreaterThanOrEqual(t);
    }
    const st = out.statistics.series.orders!;
    expect(st.um + st.us + st.uc).toBeCloseTo(1, 9);
    expect(out.scenario.provenance.baseChurnPerWeek).toMatchObject({
      kind: 'calibrated',
      file: 'kpis.xlsx',
    });
    const written = parseScenarioText(readFileSync(join(dir, 'cal.json'), 'utf8'));
    expect(written.ok).toBe(true);
    if (written.ok) {
      expect(written.scenario.parameters.baseChurnPerWeek).toBe(out.fitted.baseChurnPerWeek!.value);
      expect(written.scenario.calibration?.history.series.map((x) => x.metric)).toEqual([
        'activeUsers',
        'sessions',
        'orders',
      ]);
    }
    // The same seed gives the same numbers.
    const again = flywheel(
      [
        'calibrate',
        'shop.json',
        '--data',
        'kpis.xlsx',
        '--fit',
        FIT,
        '--weights',
        'orders=2',
        '--format',
        'json',
      ],
      dir,
    );
    expect((JSON.parse(again.stdout) as typeof out).fitted).toEqual(out.fitted);
  });

  it.each([
    ['colons.csv', /colons\.csv: only one column found .*separated by commas, semicolons or tabs/],
    [
      'text.csv',
      /text\.csv: row 9, column 'activeUsers': text where a number belongs \("about a million"\)/,
    ],
    ['gaps.csv', /gaps\.csv: no row for weeks 10-12: the fit skips them\n.*pass --allow-gaps/],
    ['duplicate.csv', /duplicate\.csv: week 5 appears twice \(rows 7 and 8\)/],
    ['empty.csv', /empty\.csv: the file is empty/],
    ['huge.csv', /huge\.csv: the file has more than 5,000 data rows/],
    ['binary.csv', /binary\.csv: this is a binary file, not CSV text or an \.xlsx workbook/],
    [
      'unknown.csv',
      /unknown\.csv: unknown column "visitors": columns after the first are named as the model's metrics \(.*activeUsers/,
    ],
    ['missing.csv', /missing\.csv: cannot read: no such file/],
  ])('%s: a clear message and exit 2', (file, message) => {
    const r = flywheel(['calibrate', 'shop.json', '--data', file, '--fit', FIT], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.(ts|mjs):\d+/);
  });

  it('--variant NAME adopts the fit as a new variant: the base keeps its values, flywheel run --variant runs the fitted ones; a name already taken exits 2 before the fit', () => {
    const r = flywheel(
      [
        'calibrate',
        'shop.json',
        '--data',
        'kpis.csv',
        '--fit',
        FIT,
        '--variant',
        'Fitted to kpis',
        '--out',
        'as-variant.json',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Scenario written to as-variant.json with the fit as its variant 'Fitted to kpis' (the base keeps its values)",
    );
    const written = parseScenarioText(readFileSync(join(dir, 'as-variant.json'), 'utf8'));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const doc = written.scenario;
    expect(doc.parameters).toEqual(withPreset().parameters);
    expect(doc.provenance).toBeUndefined();
    expect(doc.calibration?.file).toBe('kpis.csv');
    expect(doc.variants?.map((v) => v.name)).toEqual(['Fitted to kpis']);
    const changes = doc.variants![0]!.changes;
    const fitted = Object.fromEntries(doc.calibration!.fitted.map((f) => [f.name, f.value]));
    expect(changes.map((c) => (c.kind === 'set' ? c.name : c.kind)).sort()).toEqual(
      FIT.split(',').sort(),
    );
    for (const c of changes) if (c.kind === 'set') expect(c.value, c.name).toBe(fitted[c.name]);
    // The variant runs with the fitted values: its runs differ from the base's.
    const runs = (args: string[]) =>
      (
        JSON.parse(
          flywheel(['run', 'as-variant.json', ...args, '--format', 'json'], dir).stdout,
        ) as {
          runs: unknown;
        }
      ).runs;
    expect(runs(['--variant', 'Fitted to kpis'])).not.toEqual(runs([]));

    const taken = flywheel(
      [
        'calibrate',
        'as-variant.json',
        '--data',
        'kpis.csv',
        '--fit',
        FIT,
        '--variant',
        'fitted TO kpis',
        '--out',
        'again.json',
      ],
      dir,
    );
    expect(taken.code).toBe(2);
    expect(taken.stdout).toBe('');
    expect(taken.stderr).toMatch(
      /--variant 'fitted TO kpis': "fitted TO kpis" is already the name of a variant or pinned run\./,
    );
    expect(taken.stderr).not.toMatch(/Calibrating/);
  });

  it('flywheel report on the calibrated scenario shows the fit: source, charts, the same statistics and estimates', () => {
    const r = flywheel(
      [
        'calibrate',
        'shop.json',
        '--data',
        'kpis.csv',
        '--fit',
        FIT,
        '--format',
        'json',
        '--out',
        'for-report.json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      meta: { date: string };
      fitted: Record<string, { value: number; low: number; high: number }>;
      statistics: { series: Record<string, { r2: number; mape: number; uc: number }> };
    };
    const rep = flywheel(['report', 'for-report.json', '--out', 'cal-report.html'], dir);
    expect(rep.stderr).toBe('');
    expect(rep.code).toBe(0);
    const html = readFileSync(join(dir, 'cal-report.html'), 'utf8');
    const section = /<section[^>]*data-testid="report-calibration"[\s\S]*?<\/section>/.exec(
      html,
    )![0];
    expect(section).toContain(
      `<dt>Data</dt><dd>kpis.csv</dd><dt>Adopted</dt><dd>${out.meta.date}</dd>`,
    );
    expect(section.match(/<svg/g)).toHaveLength(3);
    for (const [metric, st] of Object.entries(out.statistics.series)) {
      const row = new RegExp(`<tr data-fit-series="${metric}">[\\s\\S]*?</tr>`).exec(section)![0];
      expect(row, metric).toContain(
        `<td>${st.r2.toFixed(3)}</td><td>${(100 * st.mape).toFixed(1)}%</td>`,
      );
      expect(row, metric).toContain(`<td>${st.uc.toFixed(2)}</td>`);
    }
    const churn = out.fitted.baseChurnPerWeek!;
    const four = (x: number) => String(Number(x.toPrecision(4)));
    expect(section).toContain(
      `<td>${four(churn.value)}</td><td>${four(churn.low)} to ${four(churn.high)}</td>`,
    );
  });

  it('gaps are fitted around with --allow-gaps (and reported on standard error)', () => {
    const r = flywheel(
      ['calibrate', 'shop.json', '--data', 'gaps.csv', '--fit', 'baseChurnPerWeek', '--allow-gaps'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no row for weeks 10-12/);
    expect(r.stdout).toMatch(/3 series, 303 figures/);
  });

  it.each([
    [['shop.json', '--data', 'kpis.csv'], /--fit NAME\[,NAME\.\.\.\] is required/],
    [['shop.json', '--fit', 'baseChurnPerWeek'], /--data FILE is required/],
    [['shop.json', '--data', 'kpis.csv', '--fit', 'churn'], /--fit: no assumption named 'churn'/],
    [
      ['shop.json', '--data', 'kpis.csv', '--fit', 'baseChurnPerWeek', '--weights', 'orders=x'],
      /--weights: expected NAME=WEIGHT/,
    ],
    [
      ['shop.json', '--data', 'kpis.csv', '--fit', 'baseChurnPerWeek', '--weights', 'visits=2'],
      /--weights: the data has no column 'visits'/,
    ],
    [
      ['shop.json', '--data', 'kpis.csv', '--fit', 'baseChurnPerWeek', '--out', 'kpis.csv'],
      /would overwrite an input/,
    ],
    [
      ['shop.json', '--data', 'kpis.csv', '--fit', 'baseChurnPerWeek', '--format', 'xml'],
      /--format: expected 'text' or 'json'/,
    ],
    [['--data', 'kpis.csv', '--fit', 'baseChurnPerWeek'], /name the scenario to calibrate/],
  ])('bad flags %j: exit 2', (args, message) => {
    const r = flywheel(['calibrate', ...args], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--help shows the usage with examples', () => {
    const r = flywheel(['calibrate', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: flywheel calibrate SCENARIO\.json --data FILE --fit NAME/);
    expect(r.stdout).toMatch(/Examples:\n {2}flywheel calibrate my-shop\.json --data kpis\.csv/);
    expect(flywheel(['help', 'calibrate'], dir).stdout).toBe(r.stdout);
    expect(flywheel(['--help'], dir).stdout).toMatch(/flywheel calibrate SCENARIO --data F/);
  });
});
