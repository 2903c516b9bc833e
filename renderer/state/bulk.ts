/**
 * Bulk edits: one field set on every data product or every AI consumer at once, in one undo
 * step. The fields and their labels, units and ranges come from the assumption catalogue (a `*`
 * pattern such as `dataProduct.*.maturity.governance`), plus a consumer's own pipelines (a field of
 * its structure, not a model parameter).
 */
import {
  AssumptionError,
  assumptionsOf,
  CONSUMER_FIELDS,
  findAssumptions,
  withAssumptions,
  type Scenario,
} from '../../simulation';
import { setValueAt } from './fields';
import { workspaceStore, type WorkspaceStore } from './workspace';

export type BulkOwner = 'dataProduct' | 'aiConsumer';

export interface BulkField {
  /** A catalogue pattern (`dataProduct.*.maturity.quality`), or `aiConsumer.*.ownPipelines`. */
  readonly pattern: string;
  /** The field as the catalogue labels it, without its owner ("Quality maturity"). */
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const OWN_PIPELINES = 'aiConsumer.*.ownPipelines';

/** The fields every product (or consumer) of the scenario has, in catalogue order. */
export function bulkFields(scenario: Scenario, owner: BulkOwner): BulkField[] {
  const seen = new Map<string, BulkField>();
  for (const a of assumptionsOf(scenario)) {
    if (a.owner.kind !== owner) continue;
    const parts = a.name.split('.');
    parts[1] = '*';
    const pattern = parts.join('.');
    if (seen.has(pattern)) continue;
    const prefix = `${a.owner.name}: `;
    seen.set(pattern, {
      pattern,
      label: a.label.startsWith(prefix) ? a.label.slice(prefix.length) : a.label,
      unit: a.unit,
      min: a.min,
      max: a.max,
      integer: a.integer,
    });
  }
  const fields = [...seen.values()];
  if (owner === 'aiConsumer') {
    const f = CONSUMER_FIELDS.ownPipelines;
    fields.push({
      pattern: OWN_PIPELINES,
      label: f.label,
      unit: f.unit,
      min: f.min,
      max: f.max,
      integer: true,
    });
  }
  return fields;
}

/**
 * Sets `field` to `value` on every product (or consumer) of the scenario on screen: one edit,
 * one undo step. Returns null when done, or why not (a value out of range, nothing to set).
 */
export function bulkSet(
  field: BulkField,
  value: number,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const scenario = store.getState().scenario;
  const owners = field.pattern.startsWith('dataProduct')
    ? scenario.dataProducts
    : scenario.aiConsumers;
  const noun = field.pattern.startsWith('dataProduct') ? 'data products' : 'AI consumers';
  if (owners.length === 0) return `There are no ${noun} to set.`;
  if (!Number.isFinite(value)) return 'Expected a number.';
  const v = field.integer ? Math.round(value) : value;
  const label = `${field.label} ${v} on all ${owners.length} ${noun}`;
  if (field.pattern === OWN_PIPELINES) {
    if (v < field.min || v > field.max)
      return `${field.label}: ${value} is outside ${field.min} to ${field.max}.`;
    const ok = store.getState().edit(
      (d) => {
        for (const c of d.aiConsumers) c.ownPipelines = v;
      },
      { label },
    );
    return ok ? null : (store.getState().notice ?? 'not accepted');
  }
  let next: Scenario;
  try {
    next = withAssumptions(scenario, [[field.pattern, v]]);
  } catch (e) {
    if (e instanceof AssumptionError) return e.message;
    throw e;
  }
  const matches = findAssumptions(next, field.pattern);
  const ok = store.getState().edit(
    (d) => {
      for (const a of matches) setValueAt(d, a.path, a.value);
    },
    { label },
  );
  return ok ? null : (store.getState().notice ?? 'not accepted');
}
