/**
 * Arbitraries of whole scenario documents (format version 2): a valid scenario with named
 * variants (changes found by diffing edited copies, plus hand-written patterns), pinned runs
 * (inputs of edited copies) and a comparison choice naming runs that exist. Every draw is a
 * document the loader accepts.
 */
import fc from 'fast-check';
import {
  diffScenarios,
  MAX_COMPARED_RUNS,
  runInputsOf,
  type RunRef,
  type Scenario,
  type Variant,
} from '../../simulation';
import { scenarioArb, type ScenarioArbOptions } from './arbitraries';
import { edited, editsArb } from './edits';

const runNameArb = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((t) => new Date(t).toISOString());

const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);

export function documentArb(o: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  return scenarioArb(o).chain((base) =>
    fc
      .record({
        names: fc.uniqueArray(runNameArb, {
          maxLength: 6,
          selector: (s) => s.toLowerCase(),
        }),
        variantEdits: fc.array(editsArb(5), { maxLength: 6 }),
        pinEdits: fc.array(fc.tuple(editsArb(4), isoDate, hex16), { maxLength: 6 }),
        pattern: fc.boolean(),
        picks: fc.array(fc.nat(20), { maxLength: MAX_COMPARED_RUNS }),
        baseline: fc.option(fc.nat(20), { nil: null }),
      })
      .map(({ names, variantEdits, pinEdits, pattern, picks, baseline }): Scenario => {
        const nVariants = Math.min(variantEdits.length, names.length);
        const variants: Variant[] = names.slice(0, nVariants).map((name, i) => ({
          name,
          changes: [
            ...(pattern && i === 0
              ? [{ kind: 'set' as const, name: 'ownPipelineTemplate.maturity.*', value: 0.5 }]
              : []),
            ...diffScenarios(base, edited(base, variantEdits[i]!)),
          ],
        }));
        const pinnedRuns = names.slice(nVariants).flatMap((name, i) => {
          const p = pinEdits[i];
          if (!p) return [];
          return [
            { name, pinnedAt: p[1], kpiFingerprint: p[2], inputs: runInputsOf(edited(base, p[0])) },
          ];
        });
        const refs: RunRef[] = [
          { kind: 'base' },
          ...variants.map((v) => ({ kind: 'variant' as const, name: v.name })),
          ...pinnedRuns.map((p) => ({ kind: 'pin' as const, name: p.name })),
        ];
        const runs = [...new Set(picks.map((i) => i % refs.length))].map((i) => refs[i]!);
        const choice =
          runs.length > 0 || baseline !== null
            ? {
                comparison: {
                  runs,
                  baseline: baseline === null ? null : refs[baseline % refs.length]!,
                },
              }
            : {};
        return {
          ...base,
          ...(variants.length > 0 ? { variants } : {}),
          ...(pinnedRuns.length > 0 ? { pinnedRuns } : {}),
          ...choice,
        };
      }),
  );
}
