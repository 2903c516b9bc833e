/**
 * Loop dominance as CSV: one row per week per run, the week's leading loop and a column per loop
 * with its relative score. The one writer of `flywheel loops --format csv` and of the Loops view's
 * CSV export, so both give the same file for the same scenario.
 */
import type { LoopDominance } from '../../simulation/analysis/loop-dominance';
import { CSV_EOL, csvNumber, csvRecord, csvText } from './csv';

export function loopsCsv(dominance: LoopDominance, write: (chunk: string) => void): void {
  const ids: string[] = [];
  for (const r of dominance.runs)
    for (const g of r.loops.groups) if (!ids.includes(g.id)) ids.push(g.id);
  write(csvRecord(['run', 'week', 'leader', ...ids].map(csvText)) + CSV_EOL);
  for (const r of dominance.runs) {
    const byId = new Map(r.loops.groups.map((g) => [g.id, g]));
    for (let k = 0; k < r.loops.time.length; k++) {
      const cells = [
        csvText(r.name),
        csvNumber(r.loops.time[k]!),
        csvText(r.loops.leader[k] ?? ''),
        ...ids.map((id) => {
          const g = byId.get(id);
          return g ? csvNumber(g.relativeScore[k]!) : '';
        }),
      ];
      write(csvRecord(cells) + CSV_EOL);
    }
  }
}
