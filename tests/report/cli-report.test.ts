/**
 * `flywheel report` end to end: the PDF printed here in Chromium carries the KPI values that
 * `flywheel run --format json` gives for the same scenario and seed, and the reproducibility
 * block; the HTML report loads nothing and shows a hostile scenario name as text.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KPI_INFO, type ComparisonKpis, type Kpis } from '../../simulation';
import { formatDelta, formatValue, formatValues } from '../../renderer/format/format';
import { formatFileSize, pdfPageCount } from '../../cli/report-command';
import { CHROMIUM_PATH, launchChromium } from '../e2e/harness';
import { ensureBuilt, flywheel, ROOT } from '../cli/helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ARGS = ['--preset', 'with', '--seed', '7', '--weeks', '104'];
let dir: string;
// Chromium on a busy 2-core machine: generous limits; the work itself takes a few seconds.
vi.setConfig({ testTimeout: 120_000 });

function built(): void {
  ensureBuilt();
  if (flywheel(['report', '--help'], ROOT).code !== 0)
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
}

beforeAll(() => {
  built();
  dir = mkdtempSync(join(tmpdir(), 'flywheel-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext's text (of one page, when given) with every run of white space made one space. */
function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
}

interface RunJson {
  meta: { scenarioHash: string; command: string; seed: number; weeks: number };
  runs: { kpis: Kpis }[];
  differences: ComparisonKpis;
}

describe('flywheel report --out FILE.pdf', () => {
  it('prints the KPI values of flywheel run and the reproducibility block, on numbered pages', () => {
    const pdf = join(dir, 'report.pdf');
    const r = flywheel(['report', ...ARGS, '--chromium', CHROMIUM_PATH, '--out', pdf], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.?\d* x 84[12]\.?\d* pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // It says where the file went, how large it is and how many pages it has.
    expect(r.stdout).toBe(
      `Wrote the report to ${pdf} (PDF, ${formatFileSize(statSync(pdf).size)}, ${pages} pages, A4).\n`,
    );
    expect(pdfPageCount(readFileSync(pdf))).toBe(pages);

    const run = JSON.parse(flywheel(['run', ...ARGS, '--format', 'json'], dir).stdout) as RunJson;
    const text = pdfText(pdf);
    for (const key of Object.keys(KPI_INFO) as (keyof Kpis)[]) {
      const [withText, withoutText] = formatValues(
        [run.runs[0]!.kpis[key], run.runs[1]!.kpis[key]],
        KPI_INFO[key].unit,
      );
      expect(text, key).toContain(withText);
      expect(text, key).toContain(withoutText);
      expect(text, key).toContain(formatDelta(run.differences[key], KPI_INFO[key].unit));
    }
    expect(text).toContain(formatValue(run.differences.overtakeWeek, 'week'));
    // Reproducibility: the hash, the seed and the command that gives the same numbers.
    expect(text).toContain(run.meta.scenarioHash);
    expect(text).toContain('flywheel run --preset with --weeks 104 --seed 7 --mode stochastic');
    expect(run.meta.command).toBe(
      'flywheel run --preset with --weeks 104 --seed 7 --mode stochastic',
    );
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).not.toMatch(/\b1 weeks\b/);
    // Each loop's rate labels are in the text once (one loop with, one without data products).
    expect(text.match(/events fed/g)).toHaveLength(2);
    expect(text.match(/new users\/wk/g)).toHaveLength(2);

    // A heading and its note stay with what they introduce (no "Charts" alone at a page foot).
    const pageTexts = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1));
    const chartsPage = pageTexts.findIndex((t) => t.includes('Charts Solid: with data products'));
    expect(chartsPage).toBeGreaterThanOrEqual(0);
    expect(pageTexts[chartsPage]).toContain('Active users');
    expect(pageTexts[chartsPage]).toContain('Customers who browse, search and buy.');
    const reproPage = pageTexts.findIndex((t) => t.includes('Reproducibility App version'));
    expect(pageTexts[reproPage]).toContain(run.meta.command);

    // Pages as pictures (looked at while building the layout; here: every page renders).
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBe(pages);
  });

  it('prints on Letter paper with --paper letter', () => {
    const pdf = join(dir, 'letter.pdf');
    const r = flywheel(
      [
        'report',
        '--preset',
        'mesh',
        '--weeks',
        '52',
        '--paper',
        'letter',
        '--chromium',
        CHROMIUM_PATH,
        '--out',
        pdf,
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/612 x 792 pts \(letter\)/);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Wrote the report to .*letter\\.pdf \\(PDF, \\d+(\\.\\d)? [KM]B, ${/Pages:\s+(\d+)/.exec(info)![1]} pages, Letter\\)\\.\n$`,
      ),
    );
  });
});

describe('flywheel report: bad input exits 2 with a message', () => {
  it.each([
    [['report', '--out', 'r.txt'], /must end in \.pdf or \.html/],
    [['report'], /--out FILE\.pdf or --out FILE\.html is required/],
    [['report', '--paper', 'a3', '--out', 'r.pdf'], /--paper: expected 'a4' or 'letter'/],
    [['report', '--seed', '-1', '--out', 'r.html'], /--seed: expected a whole number/],
    [['report', '--preset', 'nope', '--out', 'r.html'], /unknown preset/],
    [['report', 'missing.json', '--out', 'r.html'], /missing\.json: cannot read: no such file/],
    [
      ['report', '--chromium', '/no/such/browser', '--out', 'r.pdf'],
      /--chromium \/no\/such\/browser: no such file/,
    ],
  ])('%j', (args, message) => {
    const r = flywheel(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('names every way to give a browser when none is found', () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'flywheel.mjs'), 'report', '--out', 'r.pdf'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FLYWHEEL_CHROMIUM: join(dir, 'no-browser') },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FLYWHEEL_CHROMIUM');
  });
});

describe('flywheel report --out FILE.html', () => {
  it('makes no request when opened and shows a hostile scenario name as text', async () => {
    const scenario = JSON.parse(flywheel(['presets', '--show', 'with'], dir).stdout) as {
      name: string;
    };
    scenario.name = HOSTILE;
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(scenario));
    const html = join(dir, 'report.html');
    const r = flywheel(['report', file, '--weeks', '52', '--out', html], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(r.stdout).toBe(
      `Wrote the report to ${html} (HTML, ${formatFileSize(statSync(html).size)}, self-contained: open it in a browser).\n`,
    );

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const url = pathToFileURL(html).href;
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (q) => {
        if (q.url() !== url) requests.push(q.url());
      });
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.getByTestId('report-scenario-name').textContent()).toBe(HOSTILE);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(10);
      expect(await page.getByTestId('report-command').textContent()).toBe(
        'flywheel run hostile.json --weeks 52 --seed 1 --mode stochastic',
      );
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
