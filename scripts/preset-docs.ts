/**
 * The generated verdict table of docs/MODEL.md section 5: every preset's verdict and where its
 * with-minus-without gap comes from (expected values, 156 weeks).
 */
import {
  compareWithWithout,
  PRESETS,
  verdictOf,
  type PresetName,
  type Scenario,
} from '../simulation';

const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;
const usd = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : `${v < 0 ? '-' : ''}$${(Math.abs(v) / 1e6).toFixed(2)}M`;

const VERDICT: Record<string, string> = {
  with: 'data products',
  without: 'own pipelines',
  neither: 'neither (status quo)',
};

export function presetVerdictTable(): string {
  const head = [
    'Preset',
    'Verdict',
    'With above status quo',
    'Without above status quo',
    'With minus without',
    'of which cost alone',
    'Revenue uplift (with): more users',
    'more revenue per user',
  ];
  const rows = (Object.keys(PRESETS) as PresetName[]).map((name) => {
    const s0 = PRESETS[name]();
    const s: Scenario = { ...s0, simulation: { ...s0.simulation, mode: 'expected' } };
    const c = compareWithWithout(s);
    const w = c.runs[0]!.kpis;
    const wo = c.runs[1]?.kpis;
    return [
      `\`${name}\``,
      VERDICT[verdictOf(c)]!,
      usd(w.netValueVsStatusQuoUsd),
      usd(wo?.netValueVsStatusQuoUsd),
      usd(c.differences?.cumulativeNetValueUsd),
      usd(c.differences?.netValueGapFromCostUsd),
      usd(w.revenueUpliftFromUsersUsd),
      usd(w.revenueUpliftFromRevenuePerUserUsd),
    ];
  });
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
