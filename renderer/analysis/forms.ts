/**
 * The settings of the sensitivity, sweep and goal-seek analyses as a user types them (text, so a
 * half-typed value is not lost), and their reading into the simulation's specs. A setting that
 * cannot be read gives a message naming the field; what only the analysis can judge (a name or a
 * range outside the valid range) is the analysis's own message (AnalysisError) when it starts.
 * Pure.
 */
import {
  MAX_HORIZON_WEEKS,
  MAX_SWEEP_STEPS,
  type AxisSpec,
  type CostSpec,
  type DifferenceKey,
  type KpiSelector,
  type Scenario,
  type TornadoRange,
} from '../../simulation';
import { parseNumberText } from '../state/fields';
import { parseWhole, type FormCheck } from './uncertainty';

export type KpiOf = 'scenario' | 'difference';

export interface KpiForm {
  readonly kpi: DifferenceKey;
  readonly of: KpiOf;
}

export interface AxisForm {
  /** An assumption's name or a pattern; '' when none is chosen yet. */
  readonly parameter: string;
  /** Empty: the plausible range's end. */
  readonly from: string;
  readonly to: string;
}

export interface SensitivityForm extends KpiForm {
  readonly range: 'plausible' | 'relative';
  /** The relative range in percent ("20": +-20%). */
  readonly percent: string;
  /** Names or patterns; empty: every assumption. */
  readonly parameters: readonly string[];
  /** Bars shown. */
  readonly top: number;
}

export interface SweepForm extends KpiForm {
  readonly mode: 'one' | 'two';
  readonly x: AxisForm;
  readonly y: AxisForm;
  readonly steps: string;
}

export interface SeekForm extends KpiForm {
  readonly mode: 'value' | 'cheapest';
  /** One axis for 'value'; one to three for 'cheapest'. */
  readonly axes: readonly AxisForm[];
  readonly target: string;
  /** Empty: by the horizon. */
  readonly week: string;
  /** What "cheapest" minimises: the total change, or the scenario's data and AI spending. */
  readonly cost: 'change' | 'spending';
}

export const EMPTY_AXIS: AxisForm = { parameter: '', from: '', to: '' };

export const DEFAULT_SENSITIVITY: SensitivityForm = {
  kpi: 'cumulativeNetValueUsd',
  of: 'difference',
  range: 'plausible',
  percent: '20',
  parameters: [],
  top: 15,
};

export const DEFAULT_SWEEP: SweepForm = {
  kpi: 'cumulativeNetValueUsd',
  of: 'difference',
  mode: 'one',
  x: { ...EMPTY_AXIS, parameter: 'dataProduct.*.maturity.*' },
  y: { ...EMPTY_AXIS, parameter: 'ownPipelineTemplate.maturity.*' },
  steps: '20',
};

export const DEFAULT_SEEK: SeekForm = {
  kpi: 'cumulativeNetValueUsd',
  of: 'difference',
  mode: 'value',
  axes: [{ ...EMPTY_AXIS, parameter: 'dataProduct.*.maturity.*' }],
  target: '0',
  week: '',
  cost: 'change',
};

export const kpiOf = (f: KpiForm): KpiSelector => ({ kpi: f.kpi, of: f.of });

const fail = (field: string, message: string) => ({ ok: false as const, field, message });

function axisOf(form: AxisForm, name: string): FormCheck<AxisSpec> {
  if (form.parameter.trim() === '') return fail(name, `${name}: choose a parameter`);
  const read = (text: string, end: string): number | undefined | string => {
    if (text.trim() === '') return undefined;
    const v = parseNumberText(text);
    return v === null ? `${name}: the range's ${end} '${text.trim()}' is not a number` : v;
  };
  const from = read(form.from, 'start');
  if (typeof from === 'string') return fail(name, from);
  const to = read(form.to, 'end');
  if (typeof to === 'string') return fail(name, to);
  if ((from === undefined) !== (to === undefined))
    return fail(name, `${name}: give both ends of the range, or neither (the plausible range)`);
  return {
    ok: true,
    value:
      from === undefined ? { parameter: form.parameter } : { parameter: form.parameter, from, to },
  };
}

export interface SensitivitySettings {
  readonly kpi: KpiSelector;
  readonly parameters: readonly string[] | null;
  readonly range: TornadoRange;
}

export function parseSensitivity(form: SensitivityForm): FormCheck<SensitivitySettings> {
  let range: TornadoRange = { kind: 'plausible' };
  if (form.range === 'relative') {
    const p = parseNumberText(form.percent);
    if (p === null || !(p > 0 && p <= 1000))
      return fail(
        'percent',
        `Range: ±${form.percent.trim()}% is not a percentage above 0 and at most 1000`,
      );
    range = { kind: 'relative', fraction: p / 100 };
  }
  return {
    ok: true,
    value: {
      kpi: kpiOf(form),
      parameters: form.parameters.length === 0 ? null : [...form.parameters],
      range,
    },
  };
}

export interface SweepSettings {
  readonly kpi: KpiSelector;
  readonly axes: readonly AxisSpec[];
  readonly steps: number;
}

export function parseSweep(form: SweepForm): FormCheck<SweepSettings> {
  const steps = parseWhole(form.steps, 1, MAX_SWEEP_STEPS, 'Steps');
  if (typeof steps === 'string') return fail('steps', steps);
  const x = axisOf(form.x, form.mode === 'two' ? 'Across' : 'Parameter');
  if (!x.ok) return x;
  if (form.mode === 'one') return { ok: true, value: { kpi: kpiOf(form), axes: [x.value], steps } };
  const y = axisOf(form.y, 'Up');
  if (!y.ok) return y;
  if ((steps + 1) ** 2 > 40_000)
    return fail(
      'steps',
      `Steps: ${steps} makes ${(steps + 1) ** 2} runs of the grid; at most 199 steps (40,000 runs)`,
    );
  return { ok: true, value: { kpi: kpiOf(form), axes: [x.value, y.value], steps } };
}

export interface SeekSettings {
  readonly kpi: KpiSelector;
  readonly axes: readonly AxisSpec[];
  readonly target: number;
  /** By week W (the runs end there), or null: by the horizon. */
  readonly week: number | null;
  readonly cost: CostSpec;
}

export function parseSeek(form: SeekForm, scenario: Scenario): FormCheck<SeekSettings> {
  const target = parseNumberText(form.target);
  if (target === null)
    return fail(
      'target',
      `Target: '${form.target.trim()}' is not a number (dollars, weeks and shares as plain numbers)`,
    );
  let week: number | null = null;
  if (form.week.trim() !== '') {
    const w = parseWhole(form.week, 1, MAX_HORIZON_WEEKS, 'By week');
    if (typeof w === 'string') return fail('week', w);
    const step = scenario.simulation.stepWeeks;
    if (w % step !== 0)
      return fail('week', `By week: ${w} is not a whole number of ${step}-week steps`);
    week = w;
  }
  const wanted =
    form.mode === 'value' ? form.axes.slice(0, 1) : form.axes.filter((a) => a.parameter !== '');
  if (wanted.length === 0) return fail('axes', 'Choose a parameter to change');
  if (wanted.length > 3) return fail('axes', 'At most three parameters');
  const axes: AxisSpec[] = [];
  for (const [i, a] of wanted.entries()) {
    const r = axisOf(a, wanted.length > 1 ? `Parameter ${i + 1}` : 'Parameter');
    if (!r.ok) return r;
    axes.push(r.value);
  }
  const cost: CostSpec =
    form.cost === 'spending'
      ? { kind: 'kpi', kpi: { kpi: 'cumulativeSpendingUsd', of: 'scenario' } }
      : { kind: 'change' };
  return { ok: true, value: { kpi: kpiOf(form), axes, target, week, cost } };
}

/** The scenario an analysis runs: its own, or ending at week W (goal seek by week W). */
export function scenarioByWeek(scenario: Scenario, week: number | null): Scenario {
  return week === null
    ? scenario
    : { ...scenario, simulation: { ...scenario.simulation, weeks: week } };
}
