/**
 * The step analyses as CSV files (pure): a tornado's bars, a global ranking, a sweep's curves, a
 * grid's cells and a goal seek's answer, each row with its numbers as numbers (the CSV layer
 * escapes text cells against formula injection).
 */
import type {
  CheapestResult,
  GlobalSensitivityResult,
  GridResult,
  SeekResult,
  SweepResult,
  TornadoResult,
} from '../../simulation';
import { csvNumber, csvRecord, csvText, CSV_EOL } from '../export/csv';
import type { TracePoint } from './store';

const line = (cells: readonly string[]): string => csvRecord([...cells]) + CSV_EOL;
const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '' : csvNumber(v);

export function tornadoCsv(r: TornadoResult): string {
  let out = line([
    'rank',
    'parameter',
    'label',
    'unit',
    'value',
    'low',
    'high',
    `${r.kpi.kpi}_at_low`,
    `${r.kpi.kpi}_at_high`,
    'swing',
    'base',
    'error',
  ]);
  for (const b of r.bars)
    out += line([
      String(b.rank),
      csvText(b.name),
      csvText(b.label),
      csvText(b.unit),
      num(b.value),
      num(b.low),
      num(b.high),
      num(b.kpiAtLow),
      num(b.kpiAtHigh),
      Number.isFinite(b.swing) ? csvNumber(b.swing) : 'Infinity',
      num(r.base),
      csvText(b.error ?? ''),
    ]);
  return out;
}

export function rankingCsv(r: GlobalSensitivityResult): string {
  let out = line([
    'rank',
    'parameter',
    'label',
    'unit',
    'srrc',
    'first_order',
    'draws',
    'r_squared',
  ]);
  for (const f of r.factors)
    out += line([
      String(f.rank),
      csvText(f.name),
      csvText(f.label),
      csvText(f.unit),
      num(f.srrc),
      num(f.firstOrder),
      String(r.draws),
      num(r.rSquared),
    ]);
  return out;
}

export function sweepCsv(r: SweepResult): string {
  let out = line([csvText(r.parameter), 'with', 'without', 'difference', `selected_${r.kpi.kpi}`]);
  r.values.forEach((v, i) => {
    out += line([
      num(v),
      num(r.scenario[i]),
      num(r.without?.[i]),
      num(r.difference?.[i]),
      num(r.selected[i]),
    ]);
  });
  for (const c of r.crossings)
    out += line([csvText(`crossing (${c.direction})`), num(c.value), '', '', '']);
  return out;
}

export function gridCsv(r: GridResult): string {
  let out = line([
    csvText(r.x.parameter),
    csvText(r.y.parameter),
    csvText(r.kpi.kpi),
    'difference',
  ]);
  const nx = r.x.values.length;
  r.values.forEach((v, k) => {
    out += line([
      num(r.x.values[k % nx]),
      num(r.y.values[Math.floor(k / nx)]),
      num(v),
      num(r.difference?.[k]),
    ]);
  });
  return out;
}

export function seekCsv(r: SeekResult | CheapestResult, trace: readonly TracePoint[]): string {
  if ('best' in r) {
    let out = line([
      'point',
      ...r.parameters.map((p) => csvText(p.parameter)),
      csvText(r.kpi.kpi),
      'meets_target',
      'change',
    ]);
    const row = (name: string, p: CheapestResult['current'] | null): void => {
      if (p)
        out += line([
          csvText(name),
          ...p.values.map(num),
          num(p.kpi),
          String(p.meetsTarget),
          num(p.change),
        ]);
    };
    row('current', r.current);
    row(r.reached ? 'cheapest' : 'closest', r.reached ? r.best : r.closest);
    return out;
  }
  let out = line([csvText(r.parameter), csvText(r.kpi.kpi), 'meets_target']);
  const meets = (k: number | null): string =>
    k === null ? '' : String(r.direction === 'higher' ? k >= r.target : k <= r.target);
  for (const t of [...trace].sort((a, b) => a.value - b.value))
    out += line([num(t.value), num(t.kpi), meets(t.kpi)]);
  return out;
}
