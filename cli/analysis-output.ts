/**
 * The JSON and CSV of `flywheel sensitivity`, `sweep` and `seek`: `meta` (with the command that
 * reproduces the numbers), `settings` (what was analysed), and `results` (the analysis's own
 * result objects from simulation/analysis, unchanged). CSV has one row per bar, sweep value,
 * grid cell or factor.
 */
import type { GlobalSensitivityResult } from '../simulation/analysis/global';
import type { GridResult } from '../simulation/analysis/grid';
import type { CheapestResult } from '../simulation/analysis/optimise';
import type { SeekResult } from '../simulation/analysis/seek';
import type { SweepResult } from '../simulation/analysis/sweep';
import type { TornadoResult } from '../simulation/analysis/tornado';
import type { AnalysisCommandSpec } from '../renderer/report/analysis-command';
import { CSV_EOL, csvNumber, csvRecord, csvText } from './csv';
import { writeJson, type JsonValue } from './json-writer';

export interface AnalysisMeta {
  readonly appVersion: string;
  readonly generatedBy: string;
  readonly scenarioName: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly weeks: number;
  readonly stepWeeks: number;
  readonly mode: 'stochastic' | 'expected';
  /** The command that gives these numbers again. */
  readonly command: string;
}

export type AnalysisResults =
  | {
      readonly kind: 'sensitivity';
      readonly tornado: TornadoResult;
      readonly global: GlobalSensitivityResult | null;
    }
  | { readonly kind: 'sweep'; readonly sweep: SweepResult }
  | { readonly kind: 'grid'; readonly grid: GridResult }
  | { readonly kind: 'seek'; readonly seek: SeekResult }
  | { readonly kind: 'cheapest'; readonly cheapest: CheapestResult };

export interface AnalysisReport {
  readonly meta: AnalysisMeta;
  readonly settings: AnalysisCommandSpec;
  readonly results: AnalysisResults;
}

const json = (v: unknown): JsonValue => v as JsonValue;

export function writeAnalysisJson(report: AnalysisReport, write: (chunk: string) => void): void {
  const results = Object.fromEntries(
    Object.entries(report.results).filter(([key]) => key !== 'kind'),
  );
  writeJson(
    {
      meta: json(report.meta),
      settings: json({ analysis: report.results.kind, ...report.settings }),
      results: json(results),
    },
    write,
  );
  write('\n');
}

const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '' : csvNumber(v);

function rows(write: (chunk: string) => void, header: readonly string[], body: string[][]): void {
  write(csvRecord(header.map(csvText)) + CSV_EOL);
  for (const r of body) write(csvRecord(r) + CSV_EOL);
}

export function writeAnalysisCsv(report: AnalysisReport, write: (chunk: string) => void): void {
  const r = report.results;
  switch (r.kind) {
    case 'sensitivity': {
      const global = new Map((r.global?.factors ?? []).map((f) => [f.name, f]));
      const extra = r.global ? ['globalRank', 'srrc', 'firstOrder'] : [];
      rows(
        write,
        [
          'rank',
          'parameter',
          'label',
          'unit',
          'value',
          'low',
          'high',
          'kpiAtLow',
          'kpiAtHigh',
          'swing',
          ...extra,
        ],
        r.tornado.bars.map((b) => {
          const g = global.get(b.name);
          return [
            String(b.rank),
            csvText(b.name),
            csvText(b.label),
            csvText(b.unit),
            num(b.value),
            num(b.low),
            num(b.high),
            num(b.kpiAtLow),
            num(b.kpiAtHigh),
            num(b.swing),
            ...(r.global ? [g ? String(g.rank) : '', num(g?.srrc), num(g?.firstOrder)] : []),
          ];
        }),
      );
      return;
    }
    case 'sweep': {
      const s = r.sweep;
      rows(
        write,
        [s.parameter, 'scenario', 'without', 'difference'],
        s.values.map((v, i) => [
          num(v),
          num(s.scenario[i]),
          num(s.without?.[i]),
          num(s.difference?.[i]),
        ]),
      );
      return;
    }
    case 'grid': {
      const g = r.grid;
      const body: string[][] = [];
      g.y.values.forEach((y, j) =>
        g.x.values.forEach((x, i) => {
          const k = j * g.x.values.length + i;
          body.push([num(x), num(y), num(g.values[k]), num(g.difference?.[k])]);
        }),
      );
      rows(write, [g.x.parameter, g.y.parameter, g.kpi.kpi, 'difference'], body);
      return;
    }
    case 'seek': {
      const s = r.seek;
      const at = s.answer ?? s.closest;
      rows(
        write,
        ['parameter', 'target', 'reached', 'value', 'kpi', 'current', 'kpiAtCurrent'],
        [
          [
            csvText(s.parameter),
            num(s.target),
            String(s.reached),
            num(at?.value),
            num(at?.kpi),
            num(s.current.value),
            num(s.current.kpi),
          ],
        ],
      );
      return;
    }
    case 'cheapest': {
      const c = r.cheapest;
      const at = c.best ?? c.closest;
      rows(
        write,
        ['parameter', 'current', 'value', 'from', 'to', 'reached', 'kpi', 'target'],
        c.parameters.map((p, i) => [
          csvText(p.parameter),
          num(p.current),
          num(at?.values[i]),
          num(p.from),
          num(p.to),
          String(c.reached),
          num(at?.kpi),
          num(c.target),
        ]),
      );
      return;
    }
  }
}
