/**
 * What `flywheel sensitivity`, `sweep` and `seek` print on a terminal: what was analysed, the
 * results as tables (a tornado with bars, a sweep with its crossings, a grid as a map of where
 * the scenario is ahead), the answer of a search in a sentence, and the command that reproduces
 * it. KPI values are formatted as the app's cards format them. Pure.
 */
import { COMPARISON_ONLY_INFO, KPI_INFO } from '../simulation/analysis/kpis';
import type { KpiSelector } from '../simulation/analysis/evaluate';
import type { GlobalSensitivityResult } from '../simulation/analysis/global';
import type { GridResult } from '../simulation/analysis/grid';
import type { CheapestResult } from '../simulation/analysis/optimise';
import type { SeekResult } from '../simulation/analysis/seek';
import type { SweepResult } from '../simulation/analysis/sweep';
import type { TornadoResult } from '../simulation/analysis/tornado';
import {
  formatCompact,
  formatDisplayDelta,
  formatDisplayValue,
} from '../simulation/narrative/format';
import type { AnalysisReport } from './analysis-output';
import { table, wrap } from './summary';
import { terminalText } from './terminal';

const unitOf = (kpi: KpiSelector): string =>
  kpi.kpi === 'overtakeWeek' || kpi.kpi === 'netValueGapFromCostUsd'
    ? COMPARISON_ONLY_INFO[kpi.kpi].unit
    : KPI_INFO[kpi.kpi].unit;

/** A KPI value as the cards write it (a difference signed, in its unit's terms). */
export function kpiText(v: number | null, kpi: KpiSelector): string {
  const unit = unitOf(kpi);
  if (kpi.of === 'difference' && !(unit === 'week' && kpi.kpi === 'overtakeWeek'))
    return v === null ? 'n/a' : formatDisplayDelta(v, unit);
  return formatDisplayValue(v, unit);
}

/** What the KPI is, in words. */
export function kpiLabel(kpi: KpiSelector): string {
  const label =
    kpi.kpi === 'overtakeWeek'
      ? 'With ahead for good from'
      : kpi.kpi === 'netValueGapFromCostUsd'
        ? COMPARISON_ONLY_INFO[kpi.kpi].label
        : KPI_INFO[kpi.kpi].label;
  return kpi.of === 'difference'
    ? `${label}, scenario minus without data products`
    : kpi.of === 'without'
      ? `${label}, without data products`
      : label;
}

/** A parameter's value: four significant digits (units are named in the heading). */
export const valueText = (v: number | null | undefined, digits = 4): string =>
  v === null || v === undefined ? '' : formatCompact(v, digits);

/** A target: a plain value in the KPI's unit (a difference's target is not a change). */
export function targetText(v: number, kpi: KpiSelector): string {
  return formatDisplayValue(v, unitOf(kpi));
}

/** A factor's value now: "0.75", or "0.7 to 0.8 (4 assumptions, set together)" for a mixed group. */
export function currentText(value: number, range: readonly [number, number] | undefined): string {
  if (!range || range[0] === range[1]) return valueText(value);
  return `mixed, ${valueText(range[0])} to ${valueText(range[1])}`;
}

/** Shortens a name to `width` characters, keeping both ends. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  const keep = width - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}\u2026${text.slice(text.length - (keep - head))}`;
}

function bar(fraction: number, width: number): string {
  const n = Number.isFinite(fraction)
    ? Math.round(Math.max(0, Math.min(1, fraction)) * width)
    : width;
  return '\u2588'.repeat(n);
}

/** Columns of text: left-aligned where `left[c]`, else right-aligned; two spaces apart. */
function columns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left: readonly boolean[],
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (left[c] ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function tornadoLines(t: TornadoResult, width: number, top: number): string[] {
  const shown = t.bars.slice(0, top);
  const finite = shown.map((b) => b.swing).filter(Number.isFinite);
  const largest = Math.max(0, ...finite);
  const cells = shown.map((b) => [
    String(b.rank),
    b.name,
    `${valueText(b.low)}\u2013${valueText(b.high)}`,
    kpiText(b.kpiAtLow, t.kpi),
    kpiText(b.kpiAtHigh, t.kpi),
    Number.isFinite(b.swing)
      ? formatDisplayDelta(b.swing, unitOf(t.kpi)).replace(/^\+/, '')
      : 'reached/not',
  ]);
  const header = ['#', 'Parameter', 'Range', 'KPI at low', 'KPI at high', 'Swing'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const barWidth = 8;
  const rest = widths.reduce((s, w, c) => (c === 1 ? s : s + w + 2), 0) + 2 + barWidth;
  const nameWidth = Math.max(16, Math.min(widths[1]!, width - rest));
  const bars = shown.map((b) => bar(largest > 0 ? b.swing / largest : 0, barWidth));
  return namedRows(header, cells, nameWidth, bars);
}

/**
 * Rows whose name (column 1) fits its width stay one line; a longer name gets a line of its own
 * above its numbers, so that names are never cut (they are what --param takes). `after` is
 * text after each row (a bar).
 */
function namedRows(
  header: readonly string[],
  cells: readonly (readonly string[])[],
  nameWidth: number,
  after: readonly string[] = [],
): string[] {
  const rows: string[][] = [];
  const extra: string[] = [];
  const above = new Map<number, string>();
  // The rank as the table's rank column shows it: right-aligned, two spaces before the name.
  const rankWidth = Math.max(header[0]!.length, ...cells.map((r) => r[0]!.length));
  cells.forEach((r, i) => {
    if (r[1]!.length > nameWidth) above.set(rows.length, `${r[0]!.padStart(rankWidth)}  ${r[1]}`);
    rows.push(r[1]!.length > nameWidth ? ['', '', ...r.slice(2)] : [...r]);
    extra.push(after[i] ?? '');
  });
  const left = header.map((_, c) => c === 1);
  // The rank column is as wide as every rank, those written above their row included.
  const lines = columns([header[0]!.padStart(rankWidth), ...header.slice(1)], rows, left);
  const out = lines.slice(0, 2);
  lines.slice(2).forEach((line, i) => {
    const name = above.get(i);
    if (name !== undefined) out.push(name);
    out.push(extra[i] ? `${line}  ${extra[i]}` : line);
  });
  return out;
}

function globalLines(g: GlobalSensitivityResult, width: number, top: number): string[] {
  const rows = g.factors
    .slice(0, top)
    .map((f) => [
      String(f.rank),
      f.name,
      f.srrc === null ? '' : f.srrc.toFixed(3),
      f.firstOrder === null ? '' : f.firstOrder.toFixed(3),
    ]);
  const r2 = g.rSquared === null ? null : Math.round(g.rSquared * 100);
  return [
    ...wrap(
      `Global ranking over ${g.draws} Monte Carlo draws, every uncertain assumption varying at once (standardised rank regression coefficients; first-order shares of the KPI's rank variance):`,
      width,
    ),
    '',
    ...namedRows(['#', 'Parameter', 'SRRC', 'First-order'], rows, Math.max(16, width - 30)),
    '',
    ...wrap(
      g.note ??
        `R\u00b2 = ${g.rSquared!.toFixed(2)}: ranks of the assumptions, added up, explain ${r2}% of the KPI's ranks; the rest is interactions, non-monotone effects and simulation noise (first-order shares sum to ${g.firstOrderSum.toFixed(2)}).`,
      width,
    ),
  ];
}

function sweepLines(s: SweepResult, width: number): string[] {
  const near = s.values.reduce(
    (best, v, i) => (Math.abs(v - s.current) < Math.abs(s.values[best]! - s.current) ? i : best),
    0,
  );
  const kpi = s.kpi;
  const value = (v: number | null) => kpiText(v, { ...kpi, of: 'scenario' });
  const rows = s.values.map((v, i) => [
    `${valueText(v)}${i === near ? ' *' : ''}`,
    value(s.scenario[i]!),
    ...(s.without
      ? [value(s.without[i]!), kpiText(s.difference![i]!, { ...kpi, of: 'difference' })]
      : []),
  ]);
  const header = s.without ? [s.unit, 'Scenario', 'Without', 'Difference'] : [s.unit, 'Scenario'];
  const lines = [
    ...table(header, rows),
    '',
    `* the scenario's value, ${currentText(s.current, s.currentRange)}`,
  ];
  if (s.without) {
    lines.push('');
    if (s.crossings.length === 0)
      lines.push(...wrap('The curves do not cross in this range: one is ahead throughout.', width));
    for (const c of s.crossings)
      lines.push(
        ...wrap(
          `The curves cross at ${valueText(c.value)} (${c.refined ? 'located to the tolerance' : 'interpolated'}): the scenario ${c.direction === 'up' ? 'falls behind below it and is ahead above it' : 'is ahead below it and falls behind above it'}.`,
          width,
        ),
      );
  }
  return lines;
}

function gridLines(g: GridResult, width: number): string[] {
  const nx = g.x.values.length;
  const diff = g.difference;
  const lines = [
    ...wrap(
      `Where the scenario is ahead (+) or behind (.) of the same business without data products on ${KPI_INFO[g.kpi.kpi as keyof typeof KPI_INFO]?.label ?? g.kpi.kpi}: ${g.y.parameter} (rows) against ${g.x.parameter} (columns).`,
      width,
    ),
    '',
  ];
  if (diff) {
    const labels = g.y.values.map((v) => valueText(v));
    const lw = Math.max(...labels.map((l) => l.length));
    for (let j = g.y.values.length - 1; j >= 0; j--) {
      let row = '';
      for (let i = 0; i < nx; i++) {
        const d = diff[j * nx + i];
        row += d === null || d === undefined ? ' ?' : d >= 0 ? ' +' : ' .';
      }
      lines.push(`${labels[j]!.padStart(lw)} ${row}`);
    }
    const first = valueText(g.x.values[0]);
    const last = valueText(g.x.values[nx - 1]);
    lines.push(`${' '.repeat(lw)} ${first}${last.padStart(Math.max(1, 2 * nx - first.length))}`);
    const points = g.breakEven?.lines.flat() ?? [];
    lines.push('');
    lines.push(
      ...wrap(
        points.length === 0
          ? 'No break-even inside the grid: one is ahead everywhere.'
          : `Break-even line (${points.length} points in JSON), for example ${points
              .filter((_, k) => k % Math.max(1, Math.floor(points.length / 4)) === 0)
              .slice(0, 4)
              .map(([x, y]) => `(${valueText(x)}, ${valueText(y)})`)
              .join(', ')}.`,
        width,
      ),
    );
  }
  const finite = g.values.filter((v): v is number => v !== null);
  if (finite.length > 0)
    lines.push(
      ...wrap(
        `${kpiLabel(g.kpi)}: from ${kpiText(Math.min(...finite), g.kpi)} to ${kpiText(Math.max(...finite), g.kpi)} over the grid.`,
        width,
      ),
    );
  return lines;
}

function seekLines(r: SeekResult, width: number): string[] {
  const reach = r.direction === 'higher' ? 'at least' : 'at most';
  const head = `Which value of ${r.parameter} (${r.unit}) makes ${kpiLabel(r.kpi)} ${reach} ${targetText(r.target, r.kpi)}? Searched ${valueText(r.from)} to ${valueText(r.to)} (${r.evaluations} runs).`;
  const mixed = r.currentRange && r.currentRange[0] !== r.currentRange[1];
  const now = mixed
    ? `Now: ${currentText(r.current.value, r.currentRange)}; every value tried sets them all to it.`
    : `Now: ${valueText(r.current.value)} gives ${kpiText(r.current.kpi, r.kpi)}${r.current.meetsTarget ? ' (the target is already met)' : ''}.`;
  const a = r.answer;
  const o = r.otherSide;
  const up = o !== null && a !== null && o.value < a.value;
  const body = r.reached
    ? `Answer: the target is met from ${valueText(a!.value, 6)} ${up ? 'upwards' : 'downwards'}: there ${kpiText(a!.kpi, r.kpi)}${o ? `, just ${up ? 'below' : 'above'} it ${kpiText(o.kpi, r.kpi)}` : ''} (located within ${formatCompact(r.tolerance, 2)}).`
    : `Not reachable in this range: the closest is ${valueText(r.closest?.value)}, giving ${kpiText(r.closest?.kpi ?? null, r.kpi)}.`;
  const more =
    r.crossings.length > 1
      ? `The KPI crosses the target ${r.crossings.length} times in the range; this is the crossing nearest the scenario's value.`
      : '';
  return [
    ...wrap(head, width),
    '',
    ...wrap(body, width),
    ...wrap(now, width),
    ...(more ? wrap(more, width) : []),
    ...(r.note ? wrap(r.note, width) : []),
  ];
}

function cheapestLines(r: CheapestResult, width: number): string[] {
  const reach = r.direction === 'higher' ? 'at least' : 'at most';
  const at = r.best ?? r.closest;
  const cost =
    r.cost.kind === 'change'
      ? 'the smallest total change (each as a share of its range)'
      : `the lowest ${r.cost.kpi.kpi}`;
  const rows = r.parameters.map((p, i) => [
    fit(p.parameter, Math.max(16, width - 40)),
    currentText(p.current, p.currentRange),
    valueText(at?.values[i]),
    `${valueText(p.from)}\u2013${valueText(p.to)}`,
  ]);
  return [
    ...wrap(
      `The combination with ${cost} that makes ${kpiLabel(r.kpi)} ${reach} ${targetText(r.target, r.kpi)} (${r.evaluations} runs):`,
      width,
    ),
    '',
    ...table(['Parameter', 'Now', r.reached ? 'Cheapest' : 'Closest', 'Range'], rows),
    '',
    ...wrap(
      r.reached
        ? `It gives ${kpiText(r.best!.kpi, r.kpi)} (now ${kpiText(r.current.kpi, r.kpi)}).`
        : `No combination in these ranges reaches the target; the closest gives ${kpiText(r.closest?.kpi ?? null, r.kpi)} (now ${kpiText(r.current.kpi, r.kpi)}).`,
      width,
    ),
  ];
}

export interface AnalysisTextOptions {
  readonly width?: number;
  /** Rows of rankings shown. */
  readonly top?: number;
}

export function analysisText(report: AnalysisReport, options: AnalysisTextOptions = {}): string {
  const width = Math.max(60, Math.min(120, options.width ?? 80));
  const top = options.top ?? Infinity;
  const m = report.meta;
  const r = report.results;
  const settings = `${m.weeks} weeks, step ${m.stepWeeks}, seed ${m.seed}, ${m.mode}`;
  const lines = [`${terminalText(m.scenarioName)} (${settings})`, ''];
  switch (r.kind) {
    case 'sensitivity': {
      const t = r.tornado;
      const range =
        t.range.kind === 'plausible'
          ? 'its plausible range'
          : `\u00b1${Math.round(t.range.fraction * 100)}% of its value`;
      lines.push(
        ...wrap(
          `Tornado of ${kpiLabel(t.kpi)}: each of ${t.bars.length} assumptions moved alone over ${range}. As it is: ${kpiText(t.base, t.kpi)}.`,
          width,
        ),
        '',
        ...tornadoLines(t, width, top),
      );
      const hidden = t.bars.length - Math.min(top, t.bars.length);
      const notes = [
        hidden > 0 ? `${hidden} more rows with --top ${t.bars.length}, or in JSON and CSV.` : '',
        t.fixed.length > 0
          ? `${t.fixed.length} assumptions have a single-value range and were left out.`
          : '',
      ].filter(Boolean);
      if (notes.length) lines.push('', ...wrap(notes.join(' '), width));
      if (r.global) lines.push('', ...globalLines(r.global, width, top));
      break;
    }
    case 'sweep':
      lines.push(
        ...wrap(
          `${kpiLabel({ ...r.sweep.kpi, of: 'scenario' })} over ${r.sweep.parameter}:`,
          width,
        ),
        '',
        ...sweepLines(r.sweep, width),
      );
      break;
    case 'grid':
      lines.push(...gridLines(r.grid, width));
      break;
    case 'seek':
      lines.push(...seekLines(r.seek, width));
      break;
    case 'cheapest':
      lines.push(...cheapestLines(r.cheapest, width));
      break;
  }
  lines.push('', 'Reproduce these numbers:', `  ${terminalText(m.command)}`);
  return `${lines.join('\n')}\n`;
}
