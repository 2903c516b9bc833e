/**
 * The generated loop knock-out table of docs/MODEL.md section 1: each documented loop switched off
 * in turn (simulation/analysis/knockout.ts), and how much what it moves changes, with and the
 * with-minus-without gap in net value.
 */
import { withPreset } from '../simulation';
import {
  knockedOut,
  knockoutMeasure,
  LOOP_KNOCKOUTS,
  type KnockedOutRun,
} from '../simulation/analysis/knockout';
import { KPI_INFO, type Kpis } from '../simulation/analysis/kpis';
import { DOCUMENTED_LOOPS } from '../simulation/analysis/loop-names';

const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;

const signedPct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const usd = (v: number): string => `${v < 0 ? '-' : ''}$${(Math.abs(v) / 1e6).toFixed(2)}M`;

const gapOf = (r: { with: KnockedOutRun; without: KnockedOutRun }): number =>
  r.with.kpis.cumulativeNetValueUsd - r.without.kpis.cumulativeNetValueUsd;

export function knockoutTable(): string {
  const s = withPreset();
  const scenario = { ...s, simulation: { ...s.simulation, mode: 'expected' as const } };
  const today = knockedOut(scenario, []);
  const head = ['Loop', 'Switched off', 'Measured', 'Change', 'With-minus-without net value'];
  const rows = LOOP_KNOCKOUTS.map((k) => {
    const cut = knockedOut(scenario, k.cut);
    const a = knockoutMeasure(k, today.with);
    const b = knockoutMeasure(k, cut.with);
    const name = DOCUMENTED_LOOPS.find((d) => d.id === k.id)?.name ?? k.name ?? k.id;
    const measured = k.kpi.startsWith('final:')
      ? `\`${k.kpi.slice('final:'.length)}\` at the horizon`
      : KPI_INFO[k.kpi as keyof Kpis].label;
    return [
      `**${k.id}** ${name}`,
      `${k.what} (${k.cut.map((l) => `\`${l.from}\` -> \`${l.to}\``).join(', ')})`,
      measured,
      signedPct((b - a) / Math.abs(a)),
      `${usd(gapOf(today))} -> ${usd(gapOf(cut))}`,
    ];
  });
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
