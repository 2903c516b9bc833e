/**
 * What the Analyse view and the report make of the step analyses' results: a goal seek's answer
 * offered as a variant (the document gains it, shows it, its run reaches the target, one undo
 * removes it), the sentences of an answer and of an unreachable target (with the closest value),
 * parameters labelled as the pickers label them, and the command naming the variant shown.
 */
import { describe, expect, it } from 'vitest';
import {
  changesFor,
  compareWithWithout,
  resolveFactor,
  runSteps,
  ScenarioEvaluator,
  seekSteps,
  withAssumptions,
  withPreset,
  type Scenario,
  type SeekResult,
} from '../../simulation';
import { offerAsVariant } from '../../renderer/analysis/apply';
import { stepCommand } from '../../renderer/analysis/commands';
import { relabel, seekAnswerText, stepSettings } from '../../renderer/analysis/step-text';
import { createWorkspaceStore } from '../../renderer/state/workspace';

const QUALITY = 'dataProduct.*.maturity.quality';
const SHORT = (s: Scenario): Scenario => ({ ...s, simulation: { ...s.simulation, weeks: 52 } });

function gapAt(scenario: Scenario, value: number): number {
  const changed = withAssumptions(scenario, changesFor(resolveFactor(scenario, QUALITY), value));
  return compareWithWithout(changed).differences!.cumulativeNetValueUsd!;
}

function seek(scenario: Scenario, target: number): SeekResult {
  return runSteps(
    seekSteps(scenario, {
      parameter: QUALITY,
      from: 0,
      to: 1,
      kpi: { kpi: 'cumulativeNetValueUsd', of: 'difference' },
      target,
    }),
    new ScenarioEvaluator(scenario, scenario.simulation),
  );
}

describe('goal seek answers', () => {
  const scenario = SHORT(withPreset());
  // A target half way between the gaps at the range's ends: reached inside the range.
  const reachable = (gapAt(scenario, 0) + gapAt(scenario, 1)) / 2;

  it('an answer added as a variant: shown, reaching the target, one undo removes it', () => {
    const target = reachable;
    const r = seek(scenario, target);
    expect(r.reached).toBe(true);
    const store = createWorkspaceStore(scenario);
    const changes = changesFor(resolveFactor(scenario, QUALITY), r.answer!.value);
    const made = offerAsVariant(changes, 'Quality for the target', store);
    expect(made).toEqual({ name: 'Quality for the target' });
    const s = store.getState();
    expect(s.activeVariant).toBe('Quality for the target');
    expect(s.doc.variants).toHaveLength(1);
    expect(s.scenario.dataProducts.every((p) => p.maturity.quality === r.answer!.value)).toBe(true);
    const c = compareWithWithout(s.scenario);
    expect(c.differences!.cumulativeNetValueUsd).toBe(r.answer!.kpi);
    expect(c.differences!.cumulativeNetValueUsd! >= target).toBe(true);
    // The same name again gets a fresh one; the base is untouched.
    expect(offerAsVariant(changes, 'Quality for the target', store)).toEqual({
      name: 'Quality for the target 1',
    });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.variants ?? []).toHaveLength(0);
  });

  it('an unreachable target says so, with the closest value found', () => {
    const r = seek(scenario, 1e12);
    expect(r.reached).toBe(false);
    const text = seekAnswerText(relabel(r, scenario), 52);
    expect(text).toMatch(
      /^Cumulative net value: with minus without at least \$1T by week 52 cannot be reached by moving All data products: Quality maturity between .* The closest: .* gives \$/,
    );
    expect(text).toContain(`The closest: ${String(r.closest!.value).slice(0, 3)}`);
  });

  it('a reached target gives the value and the KPI there, labelled as the picker does', () => {
    const r = relabel(seek(scenario, reachable), scenario);
    expect(r.label).toBe('All data products: Quality maturity');
    expect(seekAnswerText(r, null)).toMatch(
      /^All data products: Quality maturity = [\d.]+ gives Cumulative net value: with minus without \$[\d.]+[kM] \(now /,
    );
  });

  it('the command names the variant shown, and the settings list what was asked', () => {
    const spec = {
      kpi: { kpi: 'paybackWeek', of: 'scenario' } as const,
      axes: [{ parameter: QUALITY, from: 0.2, to: 0.9 }],
      target: 40,
      week: 52,
      cost: { kind: 'change' } as const,
    };
    expect(stepCommand('seek', spec, scenario, 'Shop.flywheel.json', 'Lean team')).toBe(
      "flywheel seek Shop.flywheel.json --variant 'Lean team' --weeks 52 --seed 1 --mode stochastic --kpi paybackWeek --param 'dataProduct.*.maturity.quality=0.2:0.9' --target 40",
    );
    const settings = stepSettings({
      slot: 'seek',
      spec,
      scenario,
    } as never);
    expect(settings).toContainEqual(['By week', '52']);
    expect(settings).toContainEqual(['Parameter 1', `${QUALITY} 0.2 to 0.9`]);
  });
});
