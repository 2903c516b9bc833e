/** buildLoopFrame: everything the loop view shows at one point of a run (pure). */
import type { ScenarioRun } from '../../simulation';
import { buildArcs } from './flows';
import { formatPercent } from './format';
import { clampPoint, readerOf } from './read';
import { buildSteps, formatMomentum, momentumTone } from './steps';
import { structureOf } from './structure';
import type { LoopArc, LoopFrame, LoopStep } from './types';

function arcWords(arc: LoopArc, steps: readonly LoopStep[]): string {
  const from = steps.find((s) => s.id === arc.from)?.title ?? arc.from;
  const to = steps.find((s) => s.id === arc.to)?.title ?? arc.to;
  const strength = `${Math.round(arc.intensity * 100)}% of the reference peak`;
  const leak =
    arc.leakFraction > 0.005 ? `, ${formatPercent(arc.leakFraction)} lost: ${arc.leakCause}` : '';
  return `${from} to ${to}: ${arc.label}, ${arc.amountText} (${strength}${leak})`;
}

/**
 * The loop at `pointIndex` of `run`. Arc intensities are relative to `reference` (normally the
 * `with` run) so that two loops drawn side by side share one scale.
 */
export function buildLoopFrame(
  run: ScenarioRun,
  pointIndex: number,
  reference: ScenarioRun = run,
): LoopFrame {
  const k = clampPoint(run, pointIndex);
  const r = readerOf(run);
  const week = run.series.time[k] ?? 0;
  const steps = buildSteps(run, k);
  const arcs = buildArcs(run, k, reference);
  const momentum = r.at('flywheelMomentum', k);
  const momentumText = formatMomentum(momentum);
  const fragmented = structureOf(run).siloedConsumers > 0;
  const description = [
    `${run.name}, week ${Math.round(week * 10) / 10}. Flywheel momentum ${momentumText}.`,
    ...steps.map((s) => s.description),
    `Flows: ${arcs.map((a) => arcWords(a, steps)).join('; ')}.`,
  ].join(' ');
  return {
    runName: run.name,
    pointIndex: k,
    week,
    fragmented,
    steps,
    arcs,
    momentum,
    momentumText,
    momentumTone: momentumTone(momentum),
    description,
  };
}
