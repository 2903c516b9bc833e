/** Report inputs for the tests: a scenario, its comparison and the report props. */
import { readFileSync } from 'node:fs';
import {
  compareWithWithout,
  computeHeadline,
  hasDataProducts,
  serializeScenario,
  withPreset,
  type Headline,
  type Scenario,
} from '../../simulation';
import { scenarioHash } from '../../simulation/scenario/hash';
import type { ReportProps } from '../../renderer/report/ReportDocument';
import { reproducibilityOf } from '../../renderer/report/reproduce';
import type { AppStyleSources } from '../../renderer/report/styles';

const headlines = new Map<string, Headline>();

/** The scenario's headline results (codegen, once per scenario: the same numbers as the app's). */
export function headlineFor(scenario: Scenario): Headline | null {
  if (!hasDataProducts(scenario)) return null;
  const key = scenarioHash(scenario);
  if (!headlines.has(key)) headlines.set(key, computeHeadline(scenario, { backend: 'codegen' }));
  return headlines.get(key)!;
}

export function reportProps(scenario: Scenario = withPreset(), loopWeek = 52): ReportProps {
  return {
    scenario,
    comparison: compareWithWithout(scenario, { backend: 'codegen' }),
    generatedOn: '2026-11-24',
    reproducibility: reproducibilityOf(scenario, { kind: 'preset', preset: 'with' }, '0.1.0'),
    loopWeek,
    scenarioText: serializeScenario(scenario),
    headline: headlineFor(scenario),
  };
}

/** The app's stylesheets read from disk (Vitest turns CSS imports, `?raw` too, into empty text). */
export function appStyles(): AppStyleSources {
  const read = (p: string): string =>
    readFileSync(new URL(`../../renderer/${p}`, import.meta.url), 'utf8');
  return { theme: read('theme/theme.css'), app: read('app.css'), loop: read('loop/loop.css') };
}
