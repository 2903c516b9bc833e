/**
 * Extreme-conditions and structure tests as properties (Sterman ch. 21, tests 2 and 5): for ANY
 * valid scenario - every registry parameter drawn within its valid min..max, any data products
 * and consumers with any maturities, every allowed step length, both modes - the run completes
 * (the engine throws ModelError on NaN or Infinity) and its outputs satisfy the invariants:
 * finite, users conserved, no negative stocks, fractions within [0, 1], flags 0 or 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARAMETERS, parseScenarioValue, scenarioToFile, type Scenario } from '../../simulation';
import { scenarioArb } from '../scenario/arbitraries';
import { invariantViolations, propertyRuns, run } from './helpers';

function check(s: Scenario): void {
  // The draw must be a scenario the loader accepts: these are the "valid parameters".
  const parsed = parseScenarioValue(JSON.parse(JSON.stringify(scenarioToFile(s))));
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  const r = run(s);
  expect(invariantViolations(r)).toEqual([]);
}

describe('any valid scenario runs to a finite, consistent result', () => {
  it('with every parameter drawn over its whole valid range', () => {
    fc.assert(fc.property(scenarioArb({ maxWeeks: 208, maxProducts: 4, maxConsumers: 3 }), check), {
      numRuns: propertyRuns(120),
    });
  });

  it('near the defaults, with things happening inside the horizon', () => {
    fc.assert(
      fc.property(
        scenarioArb({
          parameters: 'nearDefault',
          maxWeeks: 156,
          maxDelayWeeks: 60,
          maxProducts: 5,
          maxConsumers: 4,
        }),
        check,
      ),
      { numRuns: propertyRuns(80) },
    );
  });

  it('at the corners: every parameter at its minimum or its maximum', () => {
    // Corners are where overshoot and overflow live; fc.double reaches them only now and then.
    const corner = scenarioArb({ maxWeeks: 104, maxDelayWeeks: 30 }).chain((s) =>
      fc
        .record(
          Object.fromEntries(Object.keys(s.parameters).map((k) => [k, fc.boolean()])) as Record<
            string,
            fc.Arbitrary<boolean>
          >,
        )
        .map((high): Scenario => {
          const parameters = { ...s.parameters };
          for (const spec of PARAMETERS)
            parameters[spec.name] = high[spec.name] ? spec.max : spec.min;
          parameters.initialActiveUsers = Math.min(
            parameters.initialActiveUsers!,
            parameters.marketSize!,
          );
          if (!(parameters.heuristicError! > parameters.irreducibleError!))
            parameters.irreducibleError = parameters.heuristicError! / 2;
          return { ...s, parameters };
        }),
    );
    fc.assert(fc.property(corner, check), { numRuns: propertyRuns(80) });
  });
});
