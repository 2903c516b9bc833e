import { describe, expect, it } from 'vitest';
import { compareWithWithout, withPreset } from '../../simulation';
import { parseCsv } from '../../renderer/export/csv';
import { metricUnion, seriesCsv, seriesJson, type SeriesJson } from '../../renderer/export/series';

describe('series exports', () => {
  it('CSV round-trips into the same numbers as the JSON', () => {
    const scenario = withPreset();
    const c = compareWithWithout(
      { ...scenario, simulation: { ...scenario.simulation, weeks: 60 } },
      { backend: 'codegen' },
    );
    const json = JSON.parse(seriesJson(c, scenario, '0.1.0')) as SeriesJson;
    const [header, ...rows] = parseCsv(seriesCsv(c));
    expect(header).toEqual(['run', 'week', ...metricUnion(c.runs).map((m) => m.name)]);
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
});
