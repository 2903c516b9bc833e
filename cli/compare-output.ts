/**
 * What `flywheel compare` writes: a KPI table that fits a terminal (text, under 80 lines and 80
 * columns for 8 runs), or every run's name, KPIs and differences from the baseline (JSON, CSV).
 * The cells are the app's comparison table's (runTableCells), so they read the same. Pure.
 */
import { KPI_INFO } from '../simulation/analysis/kpis';
import { KPI_KEYS, type KpiKey } from '../simulation/analysis/montecarlo-draws';
import { runTable, SCREEN_TABLE_KEYS, type RunTableRow } from '../simulation/analysis/run-table';
import { runTableCells, runTableLabel } from '../simulation/analysis/run-table-text';
import { scenarioHash } from '../simulation/scenario/hash';
import { compareArg } from '../renderer/report/reproduce';
import type { ComparedRuns } from './compare-runs';
import { CSV_EOL, csvNumber, csvRecord, csvText } from './csv';
import { table } from './summary';
import { terminalText } from './terminal';

export interface CompareMeta {
  readonly appVersion: string;
  /** The command that reproduces the comparison. */
  readonly command: string;
  /** 0-based index of the baseline run. */
  readonly baseline: number;
  readonly settings: { weeks: number | null; seed: number | null; mode: string | null };
}

const WIDTH = 80;

const fit = (text: string, width: number): string =>
  text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;

const settingsText = (s: {
  weeks: number;
  seed: number;
  mode: string;
  stepWeeks: number;
}): string => `${s.weeks} weeks, step ${s.stepWeeks}, seed ${s.seed}, ${s.mode}`;

export function compareTable(
  c: ComparedRuns,
  baseline: number,
  keys: readonly KpiKey[] = KPI_KEYS,
): RunTableRow[] {
  return runTable(
    c.runs.map((r) => r.kpis),
    baseline,
    keys,
  );
}

export function compareText(c: ComparedRuns, meta: CompareMeta): string {
  const b = meta.baseline;
  const names = c.compared.map((r) => terminalText(r.label));
  const tags = names.map((_, i) => `[${i + 1}]`);
  const base = c.compared[b]!.scenario.simulation;
  const lines = [
    fit(`Comparing ${c.compared.length} runs against ${tags[b]} ${names[b]}`, WIDTH),
    fit(`The baseline runs ${settingsText(base)}.`, WIDTH),
    '',
  ];
  const nameWidth = Math.min(24, Math.max(...names.map((n) => n.length)));
  c.compared.forEach((r, i) => {
    const changes = c.changes[i]!;
    const what =
      i === b
        ? `the baseline: ${terminalText(r.arg)}`
        : changes.length === 0
          ? `runs as the baseline does (${terminalText(r.arg)})`
          : `${terminalText(changes[0]!)}${changes.length > 1 ? ` (+${changes.length - 1} more)` : ''}`;
    lines.push(
      fit(`${tags[i]!.padStart(4)} ${fit(names[i]!, nameWidth).padEnd(nameWidth)}  ${what}`, WIDTH),
    );
  });
  lines.push('');
  const rows = compareTable(c, b, SCREEN_TABLE_KEYS);
  const cells = rows.map((row) => runTableCells(row, b));
  const value = (r: number, i: number): string =>
    `${cells[r]![i]!.best ? '*' : ''}${cells[r]![i]!.value}`;
  const labels = rows.map((row) =>
    runTableLabel({ ...row, label: row.label.replace(/ at horizon$/, '') }),
  );
  const keyWidth = Math.max(...labels.map((l) => l.length));
  const widthOf = (i: number): number =>
    Math.max(8, ...rows.map((_, r) => Math.max(value(r, i).length, cells[r]![i]!.delta.length)));
  // As many runs per block as fit beside the labels; each result is a line of values and, under
  // it, a line of differences from the baseline.
  for (let start = 0; start < c.compared.length;) {
    let end = start;
    let used = keyWidth;
    while (end < c.compared.length && (end === start || used + 2 + widthOf(end) <= WIDTH)) {
      used += 2 + widthOf(end);
      end++;
    }
    const runs = Array.from({ length: end - start }, (_, k) => start + k);
    const header = ['Key result', ...runs.map((i) => fit(`${tags[i]} ${names[i]}`, widthOf(i)))];
    const body = rows.flatMap((_, r) => [
      [labels[r]!, ...runs.map((i) => value(r, i))],
      ['', ...runs.map((i) => cells[r]![i]!.delta)],
    ]);
    lines.push(...table(header, body).filter((_, k) => k !== 1), '');
    start = end;
  }
  lines.push(
    fit(
      `Under each value its difference from ${tags[b]}; * the best of the ${c.compared.length} runs.`,
      WIDTH,
    ),
    fit(`Final values are at each run's horizon.`, WIDTH),
    `Reproduce: ${terminalText(meta.command)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** One best-of list per KPI, 1-based. */
function bestOf(rows: readonly RunTableRow[]): Record<string, number[]> {
  return Object.fromEntries(rows.map((r) => [r.key, r.best.map((i) => i + 1)]));
}

export function compareJson(c: ComparedRuns, meta: CompareMeta): string {
  const rows = compareTable(c, meta.baseline);
  const value = {
    meta: {
      appVersion: meta.appVersion,
      generatedBy: 'flywheel compare',
      command: meta.command,
      baseline: meta.baseline + 1,
      settings: meta.settings,
      engineRuns: c.engineRuns,
    },
    runs: c.compared.map((r, i) => ({
      index: i + 1,
      name: r.label,
      source: compareArg(r.source),
      file: r.source.fileName,
      kind: r.kind,
      runName: r.source.name,
      scenarioName: r.scenario.name,
      scenarioHash: scenarioHash(r.scenario),
      simulation: r.scenario.simulation,
      changesFromBaseline: c.changes[i],
      kpis: c.runs[i]!.kpis,
      differencesFromBaseline:
        i === meta.baseline
          ? null
          : Object.fromEntries(rows.map((row) => [row.key, row.deltas[i] ?? null])),
    })),
    best: bestOf(rows),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function compareCsv(c: ComparedRuns, meta: CompareMeta): string {
  const rows = compareTable(c, meta.baseline);
  const header = [
    'run',
    'name',
    'source',
    'kpi',
    'label',
    'unit',
    'value',
    'difference_from_baseline',
    'best',
  ];
  const records = [csvRecord(header)];
  c.compared.forEach((r, i) => {
    for (const row of rows) {
      const v = row.values[i] ?? null;
      const d = row.deltas[i] ?? null;
      records.push(
        csvRecord([
          String(i + 1),
          csvText(r.label),
          csvText(compareArg(r.source)),
          row.key,
          csvText(KPI_INFO[row.key].label),
          csvText(row.unit),
          v === null ? '' : csvNumber(v),
          d === null ? '' : csvNumber(d),
          row.best.includes(i) ? 'yes' : '',
        ]),
      );
    }
  });
  return records.join(CSV_EOL) + CSV_EOL;
}
