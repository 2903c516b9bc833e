/**
 * The scenario panel's fields, generated from the model's registries (parameters.ts PARAMETERS,
 * entities.ts MATURITY_FIELDS / PRODUCT_FIELDS / CONSUMER_FIELDS / IMPACT_FIELDS): label, unit,
 * valid range, explanation, source and grade are read from there, never copied. A field is
 * addressed by its path in the scenario (`['parameters', 'marketSize']`), written the same way as
 * the validator's issue paths (`parameters.marketSize`, `dataProducts[1].maturity.quality`).
 */
import {
  ALLOWED_STEP_WEEKS,
  ANATOMY_PARTS,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  MAX_HORIZON_WEEKS,
  PARAMETER_GROUPS,
  PARAMETERS,
  PRODUCT_FIELDS,
  consumerReference,
  formatPath,
  ownPipelineReference,
  productReference,
  withPreset,
  assumptionsOf,
  type Grade,
  type Maturity,
  type Provenance,
  type ParameterGroup,
  type Scenario,
} from '../../simulation';

export type FieldPath = readonly (string | number)[];

export interface NumberField {
  readonly kind: 'number';
  readonly path: FieldPath;
  /** The path as the validator writes it: `dataProducts[0].maturity.quality`. */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly source: string;
  readonly grade: Grade | null;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly defaultValue: number;
  /** Drawn as a slider (bounded, human-scale ranges) rather than only a number box. */
  readonly slider: boolean;
}

export interface ChoiceField {
  readonly kind: 'choice';
  readonly path: FieldPath;
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly defaultValue: string;
}

export type Field = NumberField | ChoiceField;

/** The panel's sections, in the order an architect thinks about a business. */
export type SectionId =
  'market' | 'customers' | 'dataProducts' | 'anatomy' | 'aiConsumers' | 'economics' | 'simulation';

export const SECTIONS: readonly { readonly id: SectionId; readonly label: string }[] = [
  { id: 'market', label: PARAMETER_GROUPS.market },
  { id: 'customers', label: PARAMETER_GROUPS.customers },
  { id: 'dataProducts', label: PARAMETER_GROUPS.dataProducts },
  { id: 'anatomy', label: PARAMETER_GROUPS.anatomy },
  { id: 'aiConsumers', label: PARAMETER_GROUPS.aiConsumers },
  { id: 'economics', label: PARAMETER_GROUPS.economics },
  { id: 'simulation', label: 'Simulation' },
];

/** Registry group -> panel section ('data' parameters sit with the data products). */
const SECTION_OF_GROUP: Record<ParameterGroup, SectionId> = {
  market: 'market',
  customers: 'customers',
  data: 'dataProducts',
  dataProducts: 'dataProducts',
  anatomy: 'anatomy',
  aiConsumers: 'aiConsumers',
  economics: 'economics',
};

export const keyOf = (path: FieldPath): string => formatPath(path);

/** A slider fits when the range is a human-scale fraction or a small bounded count. */
function sliderFits(min: number, max: number, unit: string): boolean {
  if (unit.includes('usd') || unit === 'people' || unit === 'events') return false;
  return max - min <= 20;
}

interface RegistrySpec {
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly source: string;
  readonly grade: Grade;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

function numberField(
  path: FieldPath,
  spec: RegistrySpec,
  defaultValue = spec.default,
  label = spec.label,
): NumberField {
  return {
    kind: 'number',
    path,
    key: keyOf(path),
    label,
    unit: spec.unit,
    description: spec.description,
    source: spec.source,
    grade: spec.grade,
    min: spec.min,
    max: spec.max,
    integer: spec.integer === true,
    defaultValue,
    slider: sliderFits(spec.min, spec.max, spec.unit),
  };
}

/** Global parameters of one section, in registry order. */
export function parameterFields(section: SectionId): NumberField[] {
  return PARAMETERS.filter((p) => SECTION_OF_GROUP[p.group] === section).map((p) =>
    numberField(['parameters', p.name], p),
  );
}

// Defaults of products, consumers and the own-pipeline template: the built-in scenario's entity
// with the same id, else a new one's (simulation/scenario/reference.ts; the report marks changed
// values against the same defaults).

/**
 * The eight anatomy maturities at `base` (`['dataProducts', index]` or `['ownPipeline']`), each
 * defaulting to `defaults` (productReference(id).maturity, ownPipelineReference().maturity).
 */
export function maturityFields(base: FieldPath, defaults: Maturity): NumberField[] {
  return ANATOMY_PARTS.map((part) =>
    numberField([...base, 'maturity', part], MATURITY_FIELDS[part], defaults[part]),
  );
}

/** Build and run figures of the data product `id` at `dataProducts[index]`. */
export function productFields(index: number, id: string): NumberField[] {
  const base = ['dataProducts', index];
  const ref = productReference(id);
  return (['startWeek', 'buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'] as const).map((k) =>
    numberField([...base, k], PRODUCT_FIELDS[k], ref[k]),
  );
}

/** Build figures of the own-pipeline template (what a consumer builds without data products). */
export function ownPipelineFields(): NumberField[] {
  const ref = ownPipelineReference();
  return (['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'] as const).map((k) =>
    numberField(['ownPipeline', k], PRODUCT_FIELDS[k], ref[k]),
  );
}

/** Development figures of the AI consumer `id` at `aiConsumers[index]`. */
export function consumerFields(index: number, id: string): NumberField[] {
  const base = ['aiConsumers', index];
  const ref = consumerReference(id);
  return (
    ['startWeek', 'devWeeks', 'devCostUsd', 'runCostUsdPerWeek', 'ownPipelines'] as const
  ).map((k) => numberField([...base, k], CONSUMER_FIELDS[k], ref[k]));
}

/** The six experience levers of the AI consumer `id` at `aiConsumers[index]`. */
export function impactFields(index: number, id: string): NumberField[] {
  const ref = consumerReference(id);
  return IMPACT_LEVERS.map((lever) =>
    numberField(['aiConsumers', index, 'impact', lever], IMPACT_FIELDS[lever], ref.impact[lever]),
  );
}

const presetSimulation = withPreset().simulation;

/** Horizon, step, seed and mode: the schema's own limits, the built-in scenario's defaults. */
export function simulationFields(): Field[] {
  return [
    {
      kind: 'number',
      path: ['simulation', 'weeks'],
      key: 'simulation.weeks',
      label: 'Horizon',
      unit: 'weeks',
      description: 'How far ahead the simulation runs (1 to 10 years).',
      source: 'Scenario choice.',
      grade: null,
      min: 1,
      max: MAX_HORIZON_WEEKS,
      integer: true,
      defaultValue: presetSimulation.weeks,
      slider: false,
    },
    {
      kind: 'choice',
      path: ['simulation', 'stepWeeks'],
      key: 'simulation.stepWeeks',
      label: 'Step length',
      unit: 'weeks',
      description:
        'Length of one integration step; halve it to check that results do not depend on it.',
      options: ALLOWED_STEP_WEEKS.map((w) => ({
        value: String(w),
        label: `${w} week${w === 1 ? '' : 's'}`,
      })),
      defaultValue: String(presetSimulation.stepWeeks),
    },
    {
      kind: 'number',
      path: ['simulation', 'seed'],
      key: 'simulation.seed',
      label: 'Random seed',
      unit: 'seed',
      description: 'The same seed gives the same numbers everywhere (app, command line, report).',
      source: 'Scenario choice.',
      grade: null,
      min: 0,
      max: 4294967295,
      integer: true,
      defaultValue: presetSimulation.seed,
      slider: false,
    },
    {
      kind: 'choice',
      path: ['simulation', 'mode'],
      key: 'simulation.mode',
      label: 'Randomness',
      unit: '',
      description:
        'Stochastic draws incidents and demand noise from the seed; expected value gives smooth curves.',
      options: [
        { value: 'stochastic', label: 'Stochastic (seeded)' },
        { value: 'expected', label: 'Expected value' },
      ],
      defaultValue: presetSimulation.mode,
    },
  ];
}

/** Reads the value at `path` (undefined when the path does not exist). */
export function valueAt(scenario: Scenario, path: FieldPath): unknown {
  let node: unknown = scenario;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Writes `value` at `path` inside an (Immer draft of a) scenario. */
export function setValueAt(scenario: Scenario, path: FieldPath, value: unknown): void {
  let node: unknown = scenario;
  for (let i = 0; i < path.length - 1; i++) {
    node = (node as Record<string | number, unknown>)[path[i]!];
    if (node === null || typeof node !== 'object') throw new Error(`no field at ${keyOf(path)}`);
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

/** Parses what a user typed into a number box: plain decimals, optional thousands separators. */
export function parseNumberText(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * The label a user knows a field by, from its validator key (`parameters.marketSize` ->
 * "Addressable market"; `dataProducts[0].maturity.quality` -> "Customer 360: Quality"), or null
 * for a key that is not a field of this scenario. Used to name the other field in a cross-field
 * message.
 */
export function fieldLabelOf(scenario: Scenario, key: string): string | null {
  const entityFields = (index: number, id: string): NumberField[] =>
    key.startsWith('dataProducts[')
      ? [
          ...maturityFields(['dataProducts', index], productReference(id).maturity),
          ...productFields(index, id),
        ]
      : [...consumerFields(index, id), ...impactFields(index, id)];
  const entity = /^(dataProducts|aiConsumers)\[(\d+)\](?:\.(.+))?$/.exec(key);
  if (entity) {
    const index = Number(entity[2]);
    const spec =
      entity[1] === 'dataProducts' ? scenario.dataProducts[index] : scenario.aiConsumers[index];
    if (!spec) return null;
    if (entity[3] === undefined) return spec.name;
    if (entity[3] === 'name') return `${spec.name}: name`;
    if (entity[3].startsWith('uses')) return `${spec.name}: data products used`;
    const field = entityFields(index, spec.id).find((f) => f.key === key);
    return field ? `${spec.name}: ${field.label}` : null;
  }
  const all: Field[] = [
    ...SECTIONS.flatMap((s) => parameterFields(s.id)),
    ...simulationFields(),
    ...ownPipelineFields(),
    ...maturityFields(['ownPipeline'], ownPipelineReference().maturity),
  ];
  const field = all.find((f) => f.key === key);
  if (!field) return null;
  return key.startsWith('ownPipeline') ? `Own pipeline: ${field.label}` : field.label;
}

const namesByPath = new WeakMap<Scenario, Map<string, string>>();

/** The assumption name of the value at a path (looked up once per scenario), or null. */
export function assumptionNameAtPath(s: Scenario, path: FieldPath): string | null {
  let names = namesByPath.get(s);
  if (!names) {
    names = new Map(assumptionsOf(s).map((a) => [a.path.join('\u0000'), a.name]));
    namesByPath.set(s, names);
  }
  return names.get(path.join('\u0000')) ?? null;
}

/**
 * The provenance of the value at a field's path ("your input", "calibrated to ..."), or null when
 * it has its registry source.
 */
export function provenanceAtPath(s: Scenario, path: FieldPath): Provenance | null {
  if (!s.provenance) return null;
  const name = assumptionNameAtPath(s, path);
  return name === null ? null : (s.provenance[name] ?? null);
}
