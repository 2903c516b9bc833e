/**
 * The methodology section's content, read from the model itself: the stocks it integrates with
 * their flows, the metrics the report charts, the eight parts of a data product and what each
 * drives in the model, and the KPI labels. No second description of the model is written here.
 */
import { ANATOMY, ANATOMY_PARTS, type ScenarioRun } from '../../simulation';

export interface ModelTerm {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
}

export interface StockTerm extends ModelTerm {
  readonly inflows: readonly string[];
  readonly outflows: readonly string[];
}

export interface Methodology {
  readonly stepWeeks: number;
  readonly stocks: readonly StockTerm[];
  readonly metrics: readonly ModelTerm[];
  readonly anatomy: readonly ModelTerm[];
}

/** Whole-business terms only: per-entity variables (`dataProduct.x.quality`) are left out. */
const isGlobal = (name: string): boolean => !name.includes('.');

export function methodologyOf(run: ScenarioRun, metricNames: readonly string[]): Methodology {
  const model = run.series.model;
  const labelOf = (name: string): string => {
    const slot = model.slotOf.get(name);
    const decl = slot === undefined ? undefined : model.variables[slot]?.decl;
    return decl?.label ?? name;
  };
  const stocks: StockTerm[] = [];
  for (const slot of model.stockSlots) {
    const decl = model.variables[slot]?.decl;
    if (!decl || decl.kind !== 'stock' || !isGlobal(decl.name)) continue;
    stocks.push({
      name: decl.name,
      label: decl.label ?? decl.name,
      unit: decl.unit,
      description: decl.description,
      inflows: decl.inflows.map(labelOf),
      outflows: decl.outflows.map(labelOf),
    });
  }
  const metrics = metricNames
    .map((name) => run.metrics.find((m) => m.name === name))
    .filter((m): m is NonNullable<typeof m> => m !== undefined);
  return {
    stepWeeks: run.series.settings.stepWeeks,
    stocks,
    metrics,
    anatomy: ANATOMY_PARTS.map((p) => ({
      name: p,
      label: ANATOMY[p].label,
      unit: 'maturity 0-1',
      description: `${ANATOMY[p].seed} ${ANATOMY[p].mechanism}`,
    })),
  };
}
