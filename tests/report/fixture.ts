/** Report inputs for the tests: a scenario, its comparison and the report props. */
import { readFileSync } from 'node:fs';
import { compareWithWithout, serializeScenario, withPreset, type Scenario } from '../../simulation';
import type { ReportProps } from '../../renderer/report/ReportDocument';
import { reproducibilityOf } from '../../renderer/report/reproduce';
import type { AppStyleSources } from '../../renderer/report/styles';

export function reportProps(scenario: Scenario = withPreset(), loopWeek = 52): ReportProps {
  return {
    scenario,
    comparison: compareWithWithout(scenario, { backend: 'codegen' }),
    generatedOn: '2026-11-24',
    reproducibility: reproducibilityOf(scenario, { kind: 'preset', preset: 'with' }, '0.1.0'),
    loopWeek,
    scenarioText: serializeScenario(scenario),
  };
}

/** The app's stylesheets read from disk (Vitest turns CSS imports, `?raw` too, into empty text). */
export function appStyles(): AppStyleSources {
  const read = (p: string): string =>
    readFileSync(new URL(`../../renderer/${p}`, import.meta.url), 'utf8');
  return { theme: read('theme/theme.css'), app: read('app.css'), loop: read('loop/loop.css') };
}
