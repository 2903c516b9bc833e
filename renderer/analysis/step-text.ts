/**
 * The sentences and settings of the step analyses as the Analyse view and the report write them:
 * a sweep's crossing, a heatmap's break-even, a goal seek's answer (or why there is none, with the
 * closest value found), and each analysis's settings as label/value pairs. Pure.
 */
import type {
  CheapestResult,
  GridResult,
  Scenario,
  SeekResult,
  SweepResult,
  TornadoRange,
} from '../../simulation';
import { formatPercent, formatValue } from '../format/format';
import { kpiLabel, kpiUnit, optionLabel } from './catalogue';
import type { StepResults, StepRun, StepSlot } from './store';

/**
 * A step analysis's result with its parameters labelled as the pickers label them ('All data
 * products: Quality maturity', not the pattern 'dataProduct.*.maturity.quality').
 */
export function relabel<R extends StepResults[StepSlot]>(r: R, scenario: Scenario): R {
  const name = (key: string, fallback: string): string => optionLabel(scenario, key) ?? fallback;
  if ('bars' in r || 'factors' in r) return r;
  if ('x' in r)
    return {
      ...r,
      x: { ...r.x, label: name(r.x.parameter, r.x.label) },
      y: { ...r.y, label: name(r.y.parameter, r.y.label) },
    };
  if ('best' in r)
    return {
      ...r,
      parameters: r.parameters.map((p) => ({ ...p, label: name(p.parameter, p.label) })),
    };
  return { ...r, label: name(r.parameter, r.label) };
}

export function sweepCrossingText(r: SweepResult): string {
  const f = (v: number): string => formatValue(v, r.unit, false);
  if (r.without === null) return 'The scenario has no data products: one run, no crossing.';
  if (r.crossings.length === 0) {
    const first = r.difference?.find((d) => d !== null) ?? 0;
    return `The curves do not cross between ${f(r.from)} and ${f(r.to)}: ${first >= 0 ? 'with' : 'without'} data products stays ahead over the whole range.`;
  }
  return r.crossings
    .map(
      (c) =>
        `With data products ${c.direction === 'up' ? 'pulls ahead' : 'falls behind'} at ${r.label} = ${f(c.value)}${c.refined ? '' : ' (interpolated)'}.`,
    )
    .join(' ');
}

export function gridBreakEvenText(r: GridResult): string {
  if (r.breakEven === null) return 'The scenario has no data products: the heatmap shows the KPI.';
  const cells = r.difference ?? [];
  const ahead = cells.filter((d) => d !== null && d > 0).length;
  const total = cells.filter((d) => d !== null).length;
  return r.breakEven.lines.length === 0
    ? `No break-even inside the grid: ${ahead === total ? 'with' : 'without'} data products is ahead in every cell.`
    : `With data products is ahead in ${ahead} of ${total} cells; the line marks where the two are equal.`;
}

const byWeek = (week: number | null): string => (week === null ? '' : ` by week ${week}`);

export function seekGoalText(r: SeekResult | CheapestResult, week: number | null): string {
  const unit = kpiUnit(r.kpi.kpi);
  return `${kpiLabel(r.kpi.kpi, r.kpi.of)} ${r.direction === 'higher' ? 'at least' : 'at most'} ${formatValue(r.target, unit)}${byWeek(week)}`;
}

const kpiText = (v: number | null, unit: string): string =>
  v === null ? 'not reached' : formatValue(v, unit);

/** The answer of a goal seek of one value, or why there is none with the closest value found. */
export function seekAnswerText(r: SeekResult, week: number | null): string {
  const unit = kpiUnit(r.kpi.kpi);
  const fx = (v: number): string => formatValue(v, r.unit, false);
  const label = kpiLabel(r.kpi.kpi, r.kpi.of);
  if (r.reached && r.answer)
    return `${r.label} = ${fx(r.answer.value)} gives ${label} ${kpiText(r.answer.kpi, unit)}${byWeek(week)} (now ${fx(r.current.value)}: ${kpiText(r.current.kpi, unit)}).`;
  return `${seekGoalText(r, week)} cannot be reached by moving ${r.label} between ${fx(r.from)} and ${fx(r.to)}.${
    r.closest
      ? ` The closest: ${fx(r.closest.value)} gives ${kpiText(r.closest.kpi, unit)}.`
      : ' No run reached a value.'
  }`;
}

export function cheapestAnswerText(r: CheapestResult, week: number | null): string {
  const unit = kpiUnit(r.kpi.kpi);
  const values = (p: CheapestResult['current']): string =>
    r.parameters
      .map((q, i) => `${q.label} = ${formatValue(p.values[i]!, q.unit, false)}`)
      .join(', ');
  if (r.reached && r.best)
    return `The cheapest combination found for ${seekGoalText(r, week)}: ${values(r.best)}, giving ${kpiText(r.best.kpi, unit)} (now ${kpiText(r.current.kpi, unit)}; ${r.evaluations} runs).`;
  return `${seekGoalText(r, week)} cannot be reached within these ranges.${
    r.closest
      ? ` The closest combination, ${values(r.closest)}, gives ${kpiText(r.closest.kpi, unit)}.`
      : ''
  }`;
}

const rangeText = (range: TornadoRange): string =>
  range.kind === 'plausible'
    ? 'each over its plausible range'
    : `±${formatPercent(range.fraction, 0)} of each value`;

const axisText = (a: { parameter: string; from?: number; to?: number }): string =>
  a.from === undefined ? `${a.parameter} (plausible range)` : `${a.parameter} ${a.from} to ${a.to}`;

/** A step analysis's settings, as the report lists them. */
export function stepSettings(run: StepRun<StepSlot>): [string, string][] {
  const sim = run.scenario.simulation;
  const common: [string, string][] = [
    ['Horizon', `${sim.weeks} weeks`],
    ['Seed', String(sim.seed)],
    ['Mode', sim.mode],
  ];
  const kpi = (k: { kpi: Parameters<typeof kpiLabel>[0]; of: Parameters<typeof kpiLabel>[1] }) =>
    [
      'KPI',
      `${kpiLabel(k.kpi, k.of)} (${k.kpi}${k.of === 'difference' ? ', --difference' : ''})`,
    ] as [string, string];
  switch (run.slot) {
    case 'tornado': {
      const s = run.spec as StepRun<'tornado'>['spec'];
      return [
        kpi(s.kpi),
        ['Assumptions', s.parameters ? s.parameters.join(', ') : 'all'],
        ['Range', rangeText(s.range)],
        ...common,
      ];
    }
    case 'global': {
      const s = run.spec as StepRun<'global'>['spec'];
      return [kpi(s.kpi), ['Monte Carlo draws', String(s.draws)], ...common];
    }
    case 'sweep': {
      const s = run.spec as StepRun<'sweep'>['spec'];
      return [
        kpi(s.kpi),
        ...s.axes.map((a, i): [string, string] => [
          s.axes.length > 1 ? (i === 0 ? 'Across' : 'Up') : 'Parameter',
          axisText(a),
        ]),
        ['Steps', String(s.steps)],
        ...common,
      ];
    }
    default: {
      const s = run.spec as StepRun<'seek'>['spec'];
      return [
        kpi(s.kpi),
        ['Target', String(s.target)],
        ['By week', s.week === null ? 'the horizon' : String(s.week)],
        ...s.axes.map((a, i): [string, string] => [`Parameter ${i + 1}`, axisText(a)]),
        ...(s.axes.length > 1
          ? [
              [
                'Cheapest by',
                s.cost.kind === 'change' ? 'the least change' : 'the least spending',
              ] as [string, string],
            ]
          : []),
        ...common,
      ];
    }
  }
}
