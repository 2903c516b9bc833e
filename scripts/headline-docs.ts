/**
 * The generated headline table of docs/MODEL.md section 7: for every preset with data products,
 * the maturity gap it assumes, the break-even gap, and how often `with` wins over the Monte Carlo
 * draws (simulation/analysis/headline.ts, the numbers `flywheel run` prints).
 */
import {
  breakEvenFigure,
  compareWithWithout,
  computeHeadline,
  formatGap,
  formatShare,
  hasDataProducts,
  PRESETS,
  type PresetName,
} from '../simulation';

const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;
const usd = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : `${v < 0 ? '-' : ''}$${(Math.abs(v) / 1e6).toFixed(2)}M`;

export function headlineTable(): string {
  const head = [
    'Preset',
    'Maturity gap assumed',
    'Break-even gap',
    '`with` wins in (95% interval)',
    'Net value gap (stochastic, seed 1)',
    'of which cost alone',
  ];
  const rows = (Object.keys(PRESETS) as PresetName[])
    .filter((name) => hasDataProducts(PRESETS[name]()))
    .map((name) => {
      const s = PRESETS[name]();
      const h = computeHeadline(s, { backend: 'codegen' });
      const d = compareWithWithout(s, { backend: 'codegen' }).differences!;
      const w = h.win!;
      return [
        `\`${name}\``,
        formatGap(h.breakEven!.currentGap),
        breakEvenFigure(h.breakEven!),
        `${formatShare(w.probability, w.wins, w.draws)} of ${w.draws} (${formatShare(w.low)} to ${formatShare(w.high)})`,
        usd(d.cumulativeNetValueUsd),
        usd(d.netValueGapFromCostUsd),
      ];
    });
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
