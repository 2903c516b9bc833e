/**
 * The generated loop table of docs/MODEL.md section 1: every loop the analysis finds in the
 * default scenario, with and without data products (expected values, 156 weeks), set against the
 * documented loops of simulation/analysis/loop-names.ts; and the documented loops it does not find.
 */
import { withPreset } from '../simulation';
import { loopDominance } from '../simulation/analysis/loop-dominance';
import { DOCUMENTED_LOOPS } from '../simulation/analysis/loop-names';
import type { LoopGroup, RunLoops } from '../simulation/analysis/loops';

const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function leadWeeks(run: RunLoops, id: string): string {
  const periods = run.periods.filter((p) => p.loopId === id);
  if (periods.length === 0) return '-';
  return periods
    .map((p) => (p.fromWeek === p.toWeek ? `${p.fromWeek}` : `${p.fromWeek}-${p.toWeek}`))
    .join(', ');
}

export function loopTable(): string {
  const scenario = withPreset();
  const d = loopDominance(
    { ...scenario, simulation: { ...scenario.simulation, weeks: 156, mode: 'expected' } },
    { backend: 'codegen' },
  );
  const [withRun, withoutRun] = d.runs.map((r) => r.loops) as [RunLoops, RunLoops];
  const ids: string[] = [];
  for (const r of [withRun, withoutRun])
    for (const g of r.groups) if (!ids.includes(g.id)) ids.push(g.id);
  const find = (r: RunLoops, id: string): LoopGroup | undefined =>
    r.groups.find((g) => g.id === id);
  const head = [
    'Loop',
    'Documented',
    'Measured',
    'Elementary loops (with / without)',
    'Mean share with',
    'Mean share without',
    'Leads (weeks, with)',
    'Leads (weeks, without)',
  ];
  const rows = ids.map((id) => {
    const a = find(withRun, id);
    const b = find(withoutRun, id);
    const g = (a ?? b)!;
    const doc = DOCUMENTED_LOOPS.find((x) => x.id === id);
    const where = g.inFlywheel ? '' : ' (inside each source or consumer)';
    return [
      `**${id}** ${g.name}${where}`,
      doc ? doc.polarity : 'not documented',
      g.polarity,
      `${a?.loopCount ?? 0} / ${b?.loopCount ?? 0}`,
      a ? pct(a.weight) : '-',
      b ? pct(b.weight) : '-',
      g.inFlywheel ? leadWeeks(withRun, id) : '-',
      g.inFlywheel ? leadWeeks(withoutRun, id) : '-',
    ];
  });
  const missing = DOCUMENTED_LOOPS.filter((doc) => !ids.includes(doc.id)).map(
    (doc) => `${doc.id} (${doc.name})`,
  );
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    '',
    `Documented loops with no active loop in these runs: ${missing.length === 0 ? 'none' : missing.join('; ')}.`,
  ].join('\n');
}
