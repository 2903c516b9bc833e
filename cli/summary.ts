/**
 * What `flywheel run` prints on a terminal: the verdict sentence, the KPIs with and without data
 * products and their difference (formatted exactly as the app's cards and the report format them),
 * Monte Carlo percentiles of the differences when there are draws, and the command that
 * reproduces the numbers. Pure: the same text for the same report, fitted to a terminal's width.
 */
import { KPI_INFO } from '../simulation/analysis/kpis';
import type { Comparison } from '../simulation/analysis/simulate';
import type { MonteCarloSummary } from '../simulation/analysis/montecarlo';
import { formatDisplayDelta, formatValue } from '../simulation/narrative/format';
import { headlineParagraph } from '../simulation/narrative/headline-text';
import { kpiRows } from '../renderer/report/kpi-rows';
import { summarize } from '../renderer/report/summary';
import type { Report } from './report';
import { terminalText } from './terminal';

/** Breaks `text` into lines of at most `width` characters at spaces (a longer word stays whole). */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && (indent + line + ' ' + word).length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** Columns of text, the first left-aligned and the others right-aligned, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)];
}

const share = (fraction: number): string =>
  fraction > 0 ? `${Math.max(1, Math.round(fraction * 100))}%` : '';

const plural = (n: number, one: string, many: string): string =>
  `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? one : many}`;

/** The KPI table: with, without and the difference (with only, for a scenario without products). */
function kpiTable(comparison: Comparison): string[] {
  const rows = kpiRows(comparison.runs, comparison.differences);
  if (comparison.runs.length < 2)
    return table(
      ['Key result', 'Value'],
      rows.map((r) => [r.label, r.withText]),
    );
  return table(
    ['Key result', 'With', 'Without', 'Difference'],
    rows
      .filter((r) => r.key !== 'overtakeWeek')
      .map((r) => [r.label, r.withText, r.withoutText ?? '', r.differenceText ?? '']),
  );
}

/** Percentiles of the differences over the Monte Carlo draws (with minus without). */
function monteCarloTable(mc: MonteCarloSummary, width: number): string[] {
  const d = mc.differencePercentiles;
  if (!d) return [];
  const keys = Object.keys(KPI_INFO) as (keyof typeof KPI_INFO)[];
  const rows = keys.map((k) => {
    const p = d[k];
    const unit = KPI_INFO[k].unit;
    const cell = (v: number | null): string => formatDisplayDelta(v, unit);
    return [KPI_INFO[k].label, cell(p.p5), cell(p.p50), cell(p.p95), share(p.nullShare)];
  });
  const overtake = d.overtakeWeek;
  rows.push([
    'With ahead for good from',
    formatValue(overtake.p5, 'week'),
    formatValue(overtake.p50, 'week'),
    formatValue(overtake.p95, 'week'),
    share(overtake.nullShare),
  ]);
  return [
    ...wrap(
      `Monte Carlo, ${plural(mc.draws, 'draw', 'draws')} over seeds and the uncertain assumptions: the difference, with minus without.`,
      width,
    ),
    '',
    ...table(['Key result', 'p5', 'median', 'p95', 'n/a'], rows),
    '',
    ...wrap(
      'n/a: the share of draws without a difference, because a week is not reached within the horizon with or without data products.',
      width,
    ),
  ];
}

export interface SummaryOptions {
  /** Terminal width in characters (sentences are wrapped to it, at most 80 wide). */
  readonly width?: number;
}

/** The terminal summary of a run, ending with a newline. */
export function runSummaryText(
  report: Report,
  comparison: Comparison,
  options: SummaryOptions = {},
): string {
  const width = Math.max(40, Math.min(80, options.width ?? 80));
  const m = report.meta;
  const two = comparison.runs.length > 1;
  const title = terminalText(m.scenarioName);
  const what = two
    ? 'with data products, against the same business without them'
    : 'a scenario with no data products (nothing to compare without them)';
  const settings = `${plural(m.weeks, 'week', 'weeks')}, step ${m.stepWeeks}, seed ${m.seed}, ${m.mode}`;
  const sentences = summarize(comparison);
  const lines = [
    ...wrap(`${title}: ${what}. ${settings}.`, width),
    '',
    ...wrap(sentences[0]?.text ?? '', width),
    '',
    ...(report.headline
      ? [...wrap(headlineParagraph(report.headline, comparison.differences), width), '']
      : []),
    ...kpiTable(comparison),
    '',
  ];
  if (report.monteCarlo) lines.push(...monteCarloTable(report.monteCarlo, width), '');
  lines.push(
    'Reproduce these numbers:',
    `  ${terminalText(m.command)}`,
    ...wrap(
      'The weekly series of every metric: add --format json or --format csv (JSON is also what a pipe or a file gets).',
      width,
    ),
  );
  return `${lines.join('\n')}\n`;
}
