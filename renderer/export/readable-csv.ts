/**
 * The series as a spreadsheet reader wants them: columns named by their labels with the unit in
 * words ("Active users (people)", "AI performance (%)", "Revenue (USD per week)"), the scenarios
 * named in full, and each number rounded to the precision its unit deserves (whole people and
 * dollars, percentages to two decimals, yes/no for flags). The machine form (metric names, full
 * precision: series.ts writeSeriesCsv) is what `flywheel run --format csv` writes and stays an
 * option of the app's Export menu. Pure.
 */
import { metricSeries, type MetricInfo } from '../../simulation';
import { csvRecord, csvText, CSV_EOL } from './csv';
import { metricUnion, type SeriesRun } from './series';

/** How a unit is written in a header and how its numbers are shown. */
interface UnitStyle {
  /** The unit in words, as it follows the label in parentheses ('' for none). */
  readonly words: string;
  /** Multiplier applied before rounding (100 for fractions shown as percent). */
  readonly scale: number;
  /** Decimals kept; null: four significant digits. */
  readonly decimals: number | null;
  /** Flags are written yes/no. */
  readonly flag?: boolean;
}

const UNIT_STYLES: Readonly<Record<string, UnitStyle>> = {
  fraction: { words: '%', scale: 100, decimals: 2 },
  'fraction/week': { words: '% per week', scale: 100, decimals: 3 },
  'relative change': { words: '% against week 0', scale: 100, decimals: 2 },
  flag: { words: 'yes/no', scale: 1, decimals: 0, flag: true },
  usd: { words: 'USD', scale: 1, decimals: 0 },
  'usd/week': { words: 'USD per week', scale: 1, decimals: 0 },
  'usd/order': { words: 'USD per order', scale: 1, decimals: 2 },
  people: { words: 'people', scale: 1, decimals: 0 },
  'people/week': { words: 'people per week', scale: 1, decimals: 0 },
  events: { words: 'events', scale: 1, decimals: 0 },
  'events/week': { words: 'events per week', scale: 1, decimals: 0 },
  'sessions/week': { words: 'sessions per week', scale: 1, decimals: 0 },
  'searches/week': { words: 'searches per week', scale: 1, decimals: 0 },
  'orders/week': { words: 'orders per week', scale: 1, decimals: 0 },
  'sessions/person/week': { words: 'sessions per person per week', scale: 1, decimals: 3 },
  'incidents/week': { words: 'incidents per week', scale: 1, decimals: 3 },
  dimensionless: { words: 'index', scale: 1, decimals: 4 },
};

/** A unit not in the table: its own name (slashes read "per"), four significant digits. */
export function unitStyle(unit: string): UnitStyle {
  return UNIT_STYLES[unit] ?? { words: unit.replace(/\//g, ' per '), scale: 1, decimals: null };
}

/** A column's header: "Active users (people)", "AI performance (%)". */
export function readableHeader(metric: Pick<MetricInfo, 'label' | 'unit'>): string {
  const words = unitStyle(metric.unit).words;
  return words === '' ? metric.label : `${metric.label} (${words})`;
}

/** A number as the column shows it: rounded for its unit, plain digits, '' when not finite. */
export function readableNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '';
  const style = unitStyle(unit);
  if (style.flag) return value > 0 ? 'yes' : 'no';
  const v = value * style.scale;
  // toFixed, never exponents; trailing zeros after the point say nothing.
  const fixed =
    style.decimals === null ? Number(v.toPrecision(4)).toFixed(10) : v.toFixed(style.decimals);
  const text = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return text === '-0' ? '0' : text;
}

/** Full names of the runs of a with/without comparison. */
const RUN_TITLES: Readonly<Record<string, string>> = {
  with: 'With data products',
  without: 'Without data products',
};

/** The series as readable CSV, one record per call of `write`. */
export function writeReadableSeriesCsv(
  runs: readonly SeriesRun[],
  write: (chunk: string) => void,
): void {
  // The business as a whole first (users, revenue, AI performance...), then each data product,
  // AI consumer and own pipeline (names with a dot), each group in the model's order.
  const all = metricUnion(runs);
  const metrics = [
    ...all.filter((m) => !m.name.includes('.')),
    ...all.filter((m) => m.name.includes('.')),
  ];
  write(csvRecord(['Scenario', 'Week', ...metrics.map(readableHeader)].map(csvText)) + CSV_EOL);
  for (const r of runs) {
    const points = r.run.series.points;
    const time = r.run.series.time;
    const own = new Set(r.run.metrics.map((m) => m.name));
    const columns = metrics.map((m) => (own.has(m.name) ? metricSeries(r.run, m.name) : null));
    const name = csvText(RUN_TITLES[r.name] ?? r.name);
    for (let k = 0; k < points; k++) {
      const cells: string[] = [name, readableNumber(time[k]!, 'week')];
      columns.forEach((c, i) => cells.push(c ? readableNumber(c[k]!, metrics[i]!.unit) : ''));
      write(csvRecord(cells) + CSV_EOL);
    }
  }
}
