/**
 * The one series layout: the app's Export menu and `flywheel run` write the same CSV and JSON
 * (renderer/export/series.ts), the CSV reads back into the JSON's numbers, and non-finite values
 * stay visible as empty cells and nulls.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  computeHeadline,
  withPreset,
  type Comparison,
  type Headline,
  type Scenario,
} from '../../simulation';
import { parseCsv } from '../../renderer/export/csv';
import {
  collect,
  metricUnion,
  RUN_NAMES,
  writeSeriesCsv,
  writeSeriesJson,
  type SeriesJson,
  type SeriesMeta,
  type SeriesRun,
} from '../../renderer/export/series';
import { runCommandFor } from '../../renderer/report/reproduce';
import { ensureBuilt, flywheel, ROOT } from '../cli/helpers';

function scenarioOf(weeks: number, seed: number): Scenario {
  const base = withPreset();
  return { ...base, simulation: { ...base.simulation, weeks, seed } };
}

const runsOf = (c: Comparison): SeriesRun[] =>
  c.runs.map((run, i) => ({ name: RUN_NAMES[i]!, run, summary: null }));

function metaOf(scenario: Scenario): SeriesMeta {
  const s = scenario.simulation;
  return {
    appVersion: '0.1.0',
    seed: s.seed,
    weeks: s.weeks,
    stepWeeks: s.stepWeeks,
    mode: s.mode,
    runs: 1,
    scenarioHash: 'x',
    scenarioName: scenario.name,
    generatedBy: 'Flywheel Lab',
    command: runCommandFor({ kind: 'default' }, scenario),
  };
}

const csvOf = (c: Comparison): string => collect((w) => writeSeriesCsv(runsOf(c), [], w));
const jsonOf = (c: Comparison, scenario: Scenario, headline?: Headline): SeriesJson =>
  JSON.parse(
    collect((w) =>
      writeSeriesJson(
        { meta: metaOf(scenario), runs: runsOf(c), differences: c.differences, headline },
        w,
      ),
    ),
  ) as SeriesJson;

describe('series exports', () => {
  it('CSV round-trips into the same numbers as the JSON', () => {
    const scenario = scenarioOf(60, 1);
    const c = compareWithWithout(scenario, { backend: 'codegen' });
    const json = jsonOf(c, scenario);
    const [header, ...rows] = parseCsv(csvOf(c));
    expect(header).toEqual(['run', 'week', ...metricUnion(runsOf(c)).map((m) => m.name)]);
    expect(rows.length).toBe(json.runs.reduce((n, r) => n + r.time.length, 0));
    let checked = 0;
    for (const row of rows) {
      const run = json.runs.find((r) => r.name === row[0])!;
      const k = run.time.indexOf(Number(row[1]));
      expect(k).toBeGreaterThanOrEqual(0);
      header!.slice(2).forEach((metric, j) => {
        const cell = row[j + 2]!;
        const value = run.metrics[metric]?.[k];
        if (value === undefined) expect(cell).toBe('');
        else {
          expect(Number(cell)).toBe(value);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(1000);
    expect(json.runs[0]!.kpis.paybackWeek).toBe(c.runs[0]!.kpis.paybackWeek);
    expect(json.meta.seed).toBe(scenario.simulation.seed);
  });

  it('writes a value that is not finite as an empty cell and as null', () => {
    const c = compareWithWithout(scenarioOf(10, 1), { backend: 'codegen' });
    const run = c.runs[0]!;
    const broken = { ...run, series: { ...run.series, time: Float64Array.from(run.series.time) } };
    broken.series.time[3] = Number.NaN;
    const runs: SeriesRun[] = [{ name: 'with', run: broken, summary: null }];
    const [, ...rows] = parseCsv(collect((w) => writeSeriesCsv(runs, [], w)));
    expect(rows[3]![1]).toBe('');
    const json = JSON.parse(
      collect((w) =>
        writeSeriesJson({ meta: metaOf(scenarioOf(10, 1)), runs, differences: null }, w),
      ),
    ) as SeriesJson;
    expect(json.runs[0]!.time[3]).toBeNull();
    expect(json.runs[0]!.time[4]).toBe(run.series.time[4]);
  });
});

describe('the app and flywheel run write the same series', () => {
  it('same CSV bytes, same JSON apart from what made it', () => {
    ensureBuilt();
    const args = ['run', '--weeks', '30', '--seed', '4'];
    const cliCsv = flywheel([...args, '--format', 'csv'], ROOT);
    const cliJson = flywheel(args, ROOT);
    expect(cliCsv.code).toBe(0);
    expect(cliJson.code).toBe(0);
    const scenario = scenarioOf(30, 4);
    // The app computes in the page with the interpreter; both backends agree to the bit.
    const c = compareWithWithout(scenario, { backend: 'interpreter' });
    expect(csvOf(c)).toBe(cliCsv.stdout);
    // The headline results: the same search and draws on either backend (the app's worker runs
    // the interpreter).
    const app = jsonOf(c, scenario, computeHeadline(scenario, { backend: 'interpreter' }));
    const cli = JSON.parse(cliJson.stdout) as SeriesJson;
    expect(Object.keys(app)).toEqual(Object.keys(cli));
    expect(Object.keys(app.meta)).toEqual(Object.keys(cli.meta));
    expect(app.metrics).toEqual(cli.metrics);
    expect(app.runs).toEqual(cli.runs);
    expect(app.differences).toEqual(cli.differences);
    expect((app as unknown as { headline: unknown }).headline).toEqual(
      (cli as unknown as { headline: unknown }).headline,
    );
    expect(app.meta.command).toBe(cli.meta.command);
  });
});
