/**
 * Whether an analysis's results still describe the scenario on screen: the analysed scenario
 * (which may carry the analysis's own seed) against the current one with that seed.
 */
import { scenarioHash, type Scenario } from '../../../simulation';

const hashes = new WeakMap<Scenario, string>();
function hashOf(s: Scenario): string {
  let h = hashes.get(s);
  if (h === undefined) {
    h = scenarioHash(s);
    hashes.set(s, h);
  }
  return h;
}

export function isStale(analysed: Scenario, current: Scenario): boolean {
  if (analysed === current) return false;
  const seed = analysed.simulation.seed;
  const comparable =
    current.simulation.seed === seed
      ? current
      : { ...current, simulation: { ...current.simulation, seed } };
  return hashOf(analysed) !== (comparable === current ? hashOf(current) : scenarioHash(comparable));
}
