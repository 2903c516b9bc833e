/**
 * What a registry entry of a global model parameter holds (the entries themselves are in the
 * files of this folder, one per area; parameters.ts joins them in the model's order).
 *
 * `min`/`max` is the valid range (values outside are rejected). `plausible` is the range the
 * evidence supports; Monte Carlo draws from a triangular distribution over it (mode = default)
 * for parameters marked `uncertain`, and sensitivity analysis swings over it.
 *
 * Grades (MODEL-ANCHORS.md): PR peer-reviewed, PRp practitioner paper in a peer-reviewed journal,
 * AI academic study funded by a trade body, C consultancy/analyst, V vendor, B blog, J judgement.
 */
export type Grade = 'PR' | 'PRp' | 'AI' | 'C' | 'V' | 'B' | 'J';
export type ParameterGroup =
  'market' | 'customers' | 'data' | 'dataProducts' | 'anatomy' | 'aiConsumers' | 'economics';

export interface ParameterSpec {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly group: ParameterGroup;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly plausible: readonly [number, number];
  readonly uncertain: boolean;
  readonly integer?: boolean;
  readonly source: string;
  readonly grade: Grade;
  /**
   * A fact of the business rather than a constant: its plausible range follows the scenario's
   * value (value x low .. value x high, inside the valid range) instead of a fixed range;
   * `plausible` then holds that range around the default.
   */
  readonly relativeSpread?: { readonly low: number; readonly high: number };
}

export const PARAMETER_GROUPS: Record<ParameterGroup, string> = {
  market: 'Market',
  customers: 'Customers',
  data: 'Data',
  dataProducts: 'Data products',
  anatomy: 'Anatomy: what each part is worth',
  aiConsumers: 'AI consumers',
  economics: 'Economics',
};

export const p = (
  spec: Omit<ParameterSpec, 'plausible' | 'uncertain'> &
    Partial<Pick<ParameterSpec, 'plausible' | 'uncertain'>>,
): ParameterSpec => ({
  plausible: spec.relativeSpread
    ? [
        Math.max(spec.min, spec.default * spec.relativeSpread.low),
        Math.min(spec.max, spec.default * spec.relativeSpread.high),
      ]
    : [spec.min, spec.max],
  uncertain: false,
  ...spec,
});
