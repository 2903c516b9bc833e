/**
 * Structural edits of a scenario that have consequences beyond one list, shared by the app's
 * editor (on Immer drafts) and by variants (changes.ts), so both mean the same thing.
 */
import { CONSUMER_FIELDS } from '../model/entities';
import type { RunInputs } from './types';

/**
 * Removes the data product `id` in place. Every consumer that used it builds its own pipeline
 * from raw data instead (ownPipelines + 1, up to the field's maximum), so the business still has
 * that data, as it would without the product. Returns the names of those consumers, or null when
 * there is no such product.
 */
export function removeDataProductFrom(s: RunInputs, id: string): string[] | null {
  const index = s.dataProducts.findIndex((p) => p.id === id);
  if (index < 0) return null;
  s.dataProducts.splice(index, 1);
  const moved: string[] = [];
  for (const c of s.aiConsumers) {
    const at = c.uses.indexOf(id);
    if (at < 0) continue;
    c.uses.splice(at, 1);
    c.ownPipelines = Math.min(CONSUMER_FIELDS.ownPipelines.max, c.ownPipelines + 1);
    moved.push(c.name);
  }
  return moved;
}
