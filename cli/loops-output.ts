/** The output of `flywheel loops`: JSON, CSV and a text summary of the same analysis. */
import { dominanceShifts, type LoopGroup, type RunLoops } from '../simulation/analysis/loops';
import type { LoopDominance } from '../simulation/analysis/loop-dominance';
export { loopsCsv } from '../renderer/export/loops-csv';
import { writeJson, type JsonValue } from './json-writer';

export interface LoopsMeta {
  readonly appVersion: string;
  readonly scenarioName: string;
  readonly scenarioHash: string;
  readonly weeks: number;
  readonly stepWeeks: number;
  readonly mode: 'stochastic' | 'expected';
  readonly seed: number;
  readonly generatedBy: 'flywheel loops';
  readonly command: string;
}

const METHOD =
  'Loops That Matter (Schoenberg, Davidsen & Eberlein, SDR 36(2), 2020; flow-to-stock link score of ' +
  "Schoenberg, Hayward & Eberlein, SDR 39(2), 2023). relativeScore[k] is the loop's share of the change " +
  'in the stocks of its cycle partition at point k (sign: + reinforcing, - balancing; 0 at week 0). A loop ' +
  'groups the elementary loops that are the same mechanism across data products and AI consumers; its ' +
  'score is their sum per partition, averaged over the partitions it spans. The flywheel is the partition ' +
  'of users and data; the loop with the largest share leads, and dominates at a share of at least 0.5.';

function groupJson(g: LoopGroup): JsonValue {
  return {
    id: g.id,
    name: g.name,
    polarity: g.polarity,
    variables: [...g.variables],
    relativeScore: g.relativeScore,
    documented: g.documented,
    inFlywheel: g.inFlywheel,
    loopCount: g.loopCount,
    paths: g.paths.map((p) => ({
      id: p.id,
      name: p.name,
      polarity: p.polarity,
      variables: [...p.variables],
      loopCount: p.loopCount,
      relativeScore: p.relativeScore,
    })),
  };
}

function runJson(name: string, loops: RunLoops): JsonValue {
  return {
    name,
    week: loops.time,
    loopCount: loops.loopCount,
    inactiveLoopCount: loops.inactiveLoopCount,
    partitionCount: loops.partitionCount,
    truncated: loops.truncated,
    loops: loops.groups.map(groupJson),
    dominance: {
      leader: [...loops.leader],
      periods: loops.periods.map((p) => ({
        loopId: p.loopId,
        fromWeek: p.fromWeek,
        toWeek: p.toWeek,
        meanShare: p.meanShare,
        dominant: p.dominant,
      })),
      shifts: dominanceShifts(loops).map((s) => ({ week: s.week, from: s.from, to: s.to })),
    },
  };
}

export function loopsJson(
  meta: LoopsMeta,
  dominance: LoopDominance,
  write: (chunk: string) => void,
): void {
  writeJson(
    {
      meta: { ...meta, method: METHOD },
      runs: dominance.runs.map((r) => runJson(r.name, r.loops)),
    },
    write,
  );
  write('\n');
}

/** One row per point per run: run, week, the leading loop, then every loop's relative score. */

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const RUN_TITLES = { with: 'With data products', without: 'Without data products' } as const;

function weeks(from: number, to: number): string {
  return from === to ? `week ${from}` : `weeks ${from}-${to}`;
}

function runText(name: 'with' | 'without', loops: RunLoops, single: boolean): string[] {
  const lines: string[] = [];
  const title = single ? 'The scenario' : RUN_TITLES[name];
  lines.push(
    `${title}: ${loops.loopCount} feedback loops (${loops.inactiveLoopCount} never active) in ${loops.partitionCount} cycle partitions${loops.truncated ? ' (more exist: only the first were analysed)' : ''}`,
  );
  const flywheel = loops.groups.filter((g) => g.inFlywheel);
  const other = loops.groups.filter((g) => !g.inFlywheel);
  if (flywheel.length === 0) {
    lines.push('  No loop of the flywheel (users and data) moves in this run: nothing changes.');
  } else {
    lines.push('  Loops of the flywheel (users and data), by mean share of the change:');
    for (const g of flywheel) {
      const count = g.loopCount > 1 ? ` (${g.loopCount} loops on ${g.paths.length} paths)` : '';
      lines.push(
        `    ${g.id.padEnd(4)} ${g.polarity}  ${pct(g.weight).padStart(6)}  ${g.name}${count}`,
      );
    }
    lines.push(
      '  Which loop leads, week by week (* dominates: half the change or more every week):',
    );
    const shown = loops.periods.slice(0, 40);
    for (const p of shown) {
      const label = p.loopId ?? 'none';
      lines.push(
        `    ${weeks(p.fromWeek, p.toWeek).padEnd(15)} ${label.padEnd(4)} ${pct(p.meanShare).padStart(6)}${p.dominant ? ' *' : ''}`,
      );
    }
    if (loops.periods.length > shown.length)
      lines.push(`    ... ${loops.periods.length - shown.length} more periods (see --format json)`);
  }
  if (other.length > 0) {
    lines.push(
      '  Loops inside a data source or AI consumer (they do not feed back into users and data):',
    );
    for (const g of other) {
      const count = g.loopCount > 1 ? ` (${g.loopCount} loops)` : '';
      lines.push(`    ${g.id.padEnd(4)} ${g.polarity}  ${g.name}${count}`);
    }
  }
  return lines;
}

export function loopsText(meta: LoopsMeta, dominance: LoopDominance): string {
  const mode = meta.mode === 'expected' ? 'expected values' : `stochastic, seed ${meta.seed}`;
  const lines = [
    `Which loop drives the flywheel: ${meta.scenarioName} (${meta.weeks} weeks, ${mode})`,
    '',
  ];
  const single = dominance.runs.length === 1;
  for (const r of dominance.runs) {
    lines.push(...runText(r.name, r.loops, single), '');
  }
  lines.push('Shifts of the leading loop:');
  for (const r of dominance.runs) {
    const shifts = dominanceShifts(r.loops).filter((s) => s.from !== null);
    const text =
      shifts.length === 0
        ? 'none'
        : shifts
            .slice(0, 12)
            .map((s) => `week ${s.week} ${s.from} -> ${s.to ?? 'none'}`)
            .join(', ') + (shifts.length > 12 ? `, ... (${shifts.length} in all)` : '');
    lines.push(`  ${single ? 'scenario' : r.name}: ${text}`);
  }
  lines.push('', `Reproduce: ${meta.command}`);
  return lines.join('\n') + '\n';
}
