/**
 * The two analyses of the Analyse view that build on others, in the built app in Chromium: the
 * global ranking (standardised rank regression over the draws of the last Uncertainty run) and the
 * cheapest combination of assumptions that reaches a target (bounded, seeded optimisation). Each
 * must show progress and a result, refuse what it cannot do with a message, export, and give the
 * numbers `flywheel sensitivity --runs N` and `flywheel seek --param A --param B` print for the
 * command the app shows (the CLI run here as a child process). The cheapest combination is then
 * added as a variant, whose own run must reach the target.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../renderer/export/csv';
import {
  cliResults,
  download as downloadFrom,
  eventually,
  openBuiltApp,
  shownCommand,
  stepDone,
  type OpenApp,
} from './analyse-page';

let app: OpenApp;
let page: Page;

beforeAll(async () => {
  app = await openBuiltApp();
  page = app.page;
  await page.getByTestId('view-tab-analyse').click();
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const download = (testId: string) => downloadFrom(page, testId);
const commandWords = (testId: string) => shownCommand(page, testId);
const cli = (testId: string) => cliResults(page, testId);
const done = (id: string) => stepDone(page, id);

/** Draws of the Uncertainty run the ranking reads (a ranking of ~150 assumptions needs > 150). */
const DRAWS = 240;

async function runUncertainty(draws: number): Promise<void> {
  await page.getByTestId('analysis-uncertainty-choice').click();
  await page.getByTestId('mc-draws').fill(String(draws));
  await page.getByTestId('mc-seed').fill('7');
  await page.getByTestId('mc-run').click();
  await eventually(async () =>
    Number(await page.getByTestId('mc-results').getAttribute('data-draws')),
  ).toBe(draws);
  await eventually(() => page.getByTestId('mc-status').getAttribute('data-running')).toBe('false');
}

interface Factor {
  readonly name: string;
  readonly rank: number;
  readonly srrc: number;
  readonly firstOrder: number;
}

describe('Analyse: global ranking and the cheapest combination', { timeout: 600_000 }, () => {
  it('global ranking: refused before any draws, then equal to flywheel sensitivity --runs N', async () => {
    await page.getByTestId('analysis-sensitivity-choice').click();
    // No Uncertainty run yet: the ranking has no data and says where to get it.
    expect(await page.getByTestId('global-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('global').textContent()).toContain(
      'Run the Uncertainty analysis first',
    );

    // Too few draws for the number of uncertain assumptions: refused, with what it needs.
    await runUncertainty(120);
    await page.getByTestId('analysis-sensitivity-choice').click();
    expect(await page.getByTestId('global').textContent()).toContain(
      'It reads the last Uncertainty run: 120 draws.',
    );
    await page.getByTestId('global-run').click();
    await done('global');
    expect(await page.getByTestId('global-error').textContent()).toMatch(
      /a global ranking of \d+ uncertain assumptions needs at least \d+ draws with a KPI \(got 120\): use more runs/,
    );
    expect(await page.getByTestId('global-results').count()).toBe(0);

    await runUncertainty(DRAWS);
    await page.getByTestId('analysis-sensitivity-choice').click();
    await page.getByTestId('global-run').click();
    await done('global');
    const words = await commandWords('global-command');
    expect(words).toContain('--runs');
    expect(words[words.indexOf('--runs') + 1]).toBe(String(DRAWS));
    expect(words[words.indexOf('--seed') + 1]).toBe('7');

    const json = (await cli('global-command')) as {
      global: { draws: number; rSquared: number; factors: Factor[] };
    };
    expect(json.global.draws).toBe(DRAWS);
    const csv = parseCsv((await download('global-export-csv')).text).filter((r) => r.length > 1);
    const [head, ...rows] = csv;
    const col = (n: string) => head!.indexOf(n);
    expect(rows).toHaveLength(json.global.factors.length);
    expect(json.global.factors.length).toBeGreaterThan(20);
    json.global.factors.forEach((f, i) => {
      const r = rows[i]!;
      expect(r[col('parameter')], `rank ${i + 1}`).toBe(f.name);
      expect(Number(r[col('rank')])).toBe(f.rank);
      expect(Number(r[col('srrc')])).toBe(f.srrc);
      expect(Number(r[col('first_order')])).toBe(f.firstOrder);
      expect(Number(r[col('r_squared')])).toBe(json.global.rSquared);
    });
    // Ranked by how much each explains: |SRRC| does not increase down the list.
    const sizes = json.global.factors.map((f) => Math.abs(f.srrc));
    sizes.slice(1).forEach((s, i) => expect(s).toBeLessThanOrEqual(sizes[i]! + 1e-12));
    const summary = (await page.getByTestId('global-summary').textContent())!;
    expect(summary).toContain(`Over ${DRAWS} draws the ranks of the assumptions explain`);
    expect(summary).toContain(`${Math.round(json.global.rSquared * 100)}%`);
    const bars = page.locator('[data-testid="chart-sensitivity-global"] [data-name]');
    expect(await bars.count()).toBeGreaterThan(0);
    expect(await bars.first().getAttribute('data-name')).toBe(json.global.factors[0]!.name);
    const svg = await download('global-export-svg');
    expect(svg.name).toBe('E-commerce with data products-sensitivity-global.svg');
    expect(svg.text).toContain('Global ranking');
    expect(svg.text).toContain('flywheel sensitivity');
  });

  it('cheapest combination: equal to flywheel seek with two --param, then added as a variant that reaches the target', async () => {
    await page.getByTestId('analysis-seek-choice').click();
    await page.getByTestId('seek-mode-cheapest').check();
    await page.getByTestId('seek-axis-add').click();
    await page.getByTestId('seek-axis-1-picker-search').fill('churn');
    await page.getByTestId('seek-axis-1-picker-list').selectOption('baseChurnPerWeek');
    await page.getByTestId('seek-target').fill('not a number');
    await page.getByTestId('seek-run').click();
    await eventually(() => page.getByTestId('seek-problem').textContent()).toMatch(
      /Target: 'not a number' is not a number/,
    );
    await page.getByTestId('seek-target').fill('15000000');
    await page.getByTestId('seek-run').click();
    await done('seek');
    expect(await page.getByTestId('seek-results').getAttribute('data-kind')).toBe('cheapest');
    const words = await commandWords('seek-command');
    expect(words.filter((w) => w === '--param')).toHaveLength(2);
    expect(words).toContain('baseChurnPerWeek');

    const json = (await cli('seek-command')) as {
      cheapest: {
        reached: boolean;
        target: number;
        parameters: { parameter: string }[];
        best: { values: number[]; kpi: number } | null;
      };
    };
    expect(json.cheapest.reached).toBe(true);
    const best = json.cheapest.best!;
    expect(best.kpi).toBeGreaterThanOrEqual(15_000_000);
    const answer = page.getByTestId('seek-answer');
    expect(Number(await answer.getAttribute('data-kpi'))).toBe(best.kpi);
    const rows = page.locator('[data-testid="seek-table"] tbody tr');
    expect(await rows.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      expect(await rows.nth(i).getAttribute('data-parameter')).toBe(
        json.cheapest.parameters[i]!.parameter,
      );
      expect(Number(await rows.nth(i).getAttribute('data-value'))).toBe(best.values[i]);
    }
    const csv = parseCsv((await download('seek-export-csv')).text).filter((r) => r.length > 1);
    expect(csv.length).toBeGreaterThan(1);
    expect(csv.flat().join(' ')).toContain('baseChurnPerWeek');

    await page.getByTestId('seek-variant').click();
    await eventually(() => page.getByTestId('seek-variant-outcome').textContent()).toMatch(
      /Added the variant '.+': the workspace now shows it/,
    );
    await page.getByTestId('view-tab-workspace').click();
    // The variant's run (the same seed, the combination's values set) gives the answer's gap.
    await eventually(async () =>
      Math.abs(
        Number(await page.getByTestId('kpi-cumulativeNetValueUsd').getAttribute('data-delta')) -
          best.kpi,
      ),
    ).toBeLessThan(1);
  });

  it('logged no console errors, warnings or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
