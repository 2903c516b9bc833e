/**
 * The assumptions of a scenario as table rows: every parameter of the registry, every data
 * product's eight maturities and build figures, every AI consumer. Labels, units, defaults and
 * sources are read from the registries (simulation/model). A value is marked when it differs from
 * the built-in default scenario (simulation/scenario/reference.ts, the same defaults the workspace
 * resets to), so the default scenario has nothing marked and a user's report shows exactly what
 * was changed.
 */
import {
  ANATOMY_PARTS,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PARAMETER_GROUPS,
  PARAMETERS,
  PRODUCT_FIELDS,
  type FieldSpec,
  type ParameterGroup,
  consumerReference,
  ownPipelineReference,
  productReference,
  provenanceLabel,
  provenanceOf,
  type Scenario,
} from '../../simulation';
import { formatInputValue } from '../format/format';

export interface AssumptionCell {
  readonly value: number;
  readonly text: string;
  readonly changed: boolean;
  /** The registry default, for the marked cells' tooltip and the table's default column. */
  readonly defaultText: string;
}

export interface ParameterRow {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly source: string;
  readonly grade: string;
  /** Where this scenario's value came from when not the registry ("your input", "calibrated to ..."). */
  readonly provenance: string | null;
  readonly cell: AssumptionCell;
}

export interface ParameterGroupRows {
  readonly group: ParameterGroup;
  readonly title: string;
  readonly rows: readonly ParameterRow[];
}

/** A number as a user would type it, with a thousands separator for readability. */
export function assumptionText(value: number): string {
  const raw = formatInputValue(value);
  const n = Number(raw);
  return Number.isFinite(n) && Math.abs(n) >= 10_000
    ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 12 }).format(n)
    : raw;
}

function cellOf(value: number, defaultValue: number): AssumptionCell {
  return {
    value,
    text: assumptionText(value),
    changed: value !== defaultValue,
    defaultText: assumptionText(defaultValue),
  };
}

function provenanceLabelOf(scenario: Scenario, name: string): string | null {
  const p = provenanceOf(scenario, name);
  return p ? provenanceLabel(p) : null;
}

export function parameterGroups(scenario: Scenario): ParameterGroupRows[] {
  const groups = Object.keys(PARAMETER_GROUPS) as ParameterGroup[];
  return groups
    .map((group) => ({
      group,
      title: PARAMETER_GROUPS[group],
      rows: PARAMETERS.filter((p) => p.group === group).map((p) => ({
        name: p.name,
        label: p.label,
        unit: p.unit,
        description: p.description,
        source: p.source,
        grade: p.grade,
        provenance: provenanceLabelOf(scenario, p.name),
        cell: cellOf(scenario.parameters[p.name] ?? p.default, p.default),
      })),
    }))
    .filter((g) => g.rows.length > 0);
}

export interface EntityColumn {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
}

export interface EntityRow {
  readonly id: string;
  readonly name: string;
  /** Domain of a data product; data products used by an AI consumer. */
  readonly detail: string;
  readonly cells: readonly AssumptionCell[];
}

export interface EntityTable {
  readonly columns: readonly EntityColumn[];
  readonly rows: readonly EntityRow[];
}

const column = (key: string, f: FieldSpec): EntityColumn => ({ key, label: f.label, unit: f.unit });

const PRODUCT_BUILD_KEYS = ['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'] as const;

export function dataProductTable(scenario: Scenario): EntityTable {
  const columns = [
    ...ANATOMY_PARTS.map((p) => column(p, MATURITY_FIELDS[p])),
    ...PRODUCT_BUILD_KEYS.map((k) => column(k, PRODUCT_FIELDS[k])),
    column('startWeek', PRODUCT_FIELDS.startWeek),
  ];
  return {
    columns,
    rows: scenario.dataProducts.map((d) => {
      const ref = productReference(d.id);
      return {
        id: d.id,
        name: d.name,
        detail: d.domain,
        cells: [
          ...ANATOMY_PARTS.map((p) => cellOf(d.maturity[p], ref.maturity[p])),
          ...PRODUCT_BUILD_KEYS.map((k) => cellOf(d[k], ref[k])),
          cellOf(d.startWeek, ref.startWeek),
        ],
      };
    }),
  };
}

/** The template every consumer's own pipelines (from raw siloed data) are built from. */
export function ownPipelineTable(scenario: Scenario): EntityTable {
  const o = scenario.ownPipeline;
  const ref = ownPipelineReference();
  return {
    columns: [
      ...ANATOMY_PARTS.map((p) => column(p, MATURITY_FIELDS[p])),
      ...PRODUCT_BUILD_KEYS.map((k) => column(k, PRODUCT_FIELDS[k])),
    ],
    rows: [
      {
        id: 'ownPipeline',
        name: 'Own pipeline (template)',
        detail: '',
        cells: [
          ...ANATOMY_PARTS.map((p) => cellOf(o.maturity[p], ref.maturity[p])),
          ...PRODUCT_BUILD_KEYS.map((k) => cellOf(o[k], ref[k])),
        ],
      },
    ],
  };
}

const CONSUMER_KEYS = [
  'startWeek',
  'devWeeks',
  'devCostUsd',
  'runCostUsdPerWeek',
  'ownPipelines',
] as const;

export function aiConsumerTable(scenario: Scenario): EntityTable {
  const names = new Map(scenario.dataProducts.map((d) => [d.id, d.name]));
  return {
    columns: [
      ...CONSUMER_KEYS.map((k) => column(k, CONSUMER_FIELDS[k])),
      ...IMPACT_LEVERS.map((l) => column(l, IMPACT_FIELDS[l])),
    ],
    rows: scenario.aiConsumers.map((c) => {
      const ref = consumerReference(c.id);
      return {
        id: c.id,
        name: c.name,
        detail: c.uses.length > 0 ? c.uses.map((u) => names.get(u) ?? u).join(', ') : 'none',
        cells: [
          ...CONSUMER_KEYS.map((k) => cellOf(c[k], ref[k])),
          ...IMPACT_LEVERS.map((l) => cellOf(c.impact[l], ref.impact[l])),
        ],
      };
    }),
  };
}

/** How many values differ from the built-in default scenario (printed above the tables). */
export function changedCount(scenario: Scenario): number {
  const tables = [
    dataProductTable(scenario),
    aiConsumerTable(scenario),
    ownPipelineTable(scenario),
  ];
  return (
    parameterGroups(scenario).reduce((n, g) => n + g.rows.filter((r) => r.cell.changed).length, 0) +
    tables.reduce(
      (n, t) => n + t.rows.reduce((m, r) => m + r.cells.filter((c) => c.changed).length, 0),
      0,
    )
  );
}
