/**
 * What must be true, by goal seek: the value of one assumption that makes a KPI reach a target
 * (by week W), found by bracketed root finding, or the cheapest combination of up to three that
 * reaches it (bounded, seeded optimisation). The answer can be added as a new variant of the
 * document; a target out of reach says so with the closest value found.
 */
import { useMemo, useState, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import {
  resolveFactor,
  changesFor,
  type CheapestResult,
  type Changes,
  type SeekResult,
} from '../../../simulation';
import { stepController } from '../../analysis/app';
import { kpiLabel, kpiUnit } from '../../analysis/catalogue';
import { EMPTY_AXIS, parseSeek, scenarioByWeek, type AxisForm } from '../../analysis/forms';
import { offerAsVariant } from '../../analysis/apply';
import { prepareSeek } from '../../analysis/prepare';
import { seekCsv } from '../../analysis/step-csv';
import {
  cheapestAnswerText,
  relabel,
  seekAnswerText,
  seekGoalText,
} from '../../analysis/step-text';
import { analysisStore, type StepRun } from '../../analysis/store';
import { SweepChart } from '../../charts/SweepChart';
import { formatValue } from '../../format/format';
import { workspaceStore } from '../../state/workspace';
import { AnalysisExports } from './AnalysisExports';
import { AxisFields } from './AxisFields';
import { exportText } from './export-text';
import { KpiPicker } from './KpiPicker';
import { StepStatus } from './StepStatus';
import { commandFileName } from '../../export/app-exports';

function SeekForm(): ReactElement {
  const form = useStore(analysisStore, (s) => s.seekForm);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const running = useStore(analysisStore, (s) => s.steps.seek?.status === 'running');
  const set = analysisStore.getState().setSeekForm;
  const cheapest = form.mode === 'cheapest';
  const axes = cheapest ? form.axes : form.axes.slice(0, 1);
  const setAxis = (i: number, a: AxisForm): void =>
    set({ axes: form.axes.map((old, j) => (j === i ? a : old)) });
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const ws = workspaceStore.getState();
    const store = analysisStore.getState();
    const checked = parseSeek(form, ws.scenario);
    if (!checked.ok) {
      store.setProblem('seek', checked.message);
      return;
    }
    const s = checked.value;
    const analysed = scenarioByWeek(ws.scenario, s.week);
    store.setProblem(
      'seek',
      stepController.start({
        slot: 'seek',
        scenario: analysed,
        revision: ws.revision,
        fileName: commandFileName(),
        variant: ws.activeVariant,
        spec: s,
        prepare: () => prepareSeek(analysed, s),
        ...(s.axes.length === 1 ? { trace: s.kpi } : {}),
      }),
    );
  };
  return (
    <form className="fw-analysis-form" onSubmit={onSubmit} data-testid="seek-form">
      <KpiPicker value={form} onChange={set} testId="seek" />
      <fieldset className="fw-analysis-form__group">
        <legend>Target</legend>
        <label className="fw-analysis-form__inline">
          reaches
          <input
            type="text"
            inputMode="decimal"
            className="fw-analysis-form__mid"
            value={form.target}
            onChange={(e) => set({ target: e.currentTarget.value })}
            data-testid="seek-target"
          />
        </label>
        <label className="fw-analysis-form__inline">
          by week
          <input
            type="text"
            inputMode="numeric"
            className="fw-analysis-form__short"
            value={form.week}
            placeholder={String(scenario.simulation.weeks)}
            onChange={(e) => set({ week: e.currentTarget.value })}
            data-testid="seek-week"
          />
        </label>
      </fieldset>
      <fieldset className="fw-analysis-form__group">
        <legend>Find</legend>
        <span className="fw-analysis-form__choices">
          <label>
            <input
              type="radio"
              name="seek-mode"
              checked={!cheapest}
              onChange={() => set({ mode: 'value' })}
              data-testid="seek-mode-value"
            />
            the value of one assumption
          </label>
          <label>
            <input
              type="radio"
              name="seek-mode"
              checked={cheapest}
              onChange={() => set({ mode: 'cheapest' })}
              data-testid="seek-mode-cheapest"
            />
            the cheapest combination of up to three
          </label>
        </span>
        {cheapest ? (
          <label className="fw-analysis-form__inline">
            cheapest by
            <select
              value={form.cost}
              onChange={(e) => set({ cost: e.currentTarget.value as 'change' | 'spending' })}
              data-testid="seek-cost"
            >
              <option value="change">the least change (share of each range)</option>
              <option value="spending">the least data and AI spending</option>
            </select>
          </label>
        ) : null}
      </fieldset>
      <div className="fw-analysis-form__axes">
        {axes.map((a, i) => (
          <div key={i} className="fw-analysis-form__axis">
            <AxisFields
              scenario={scenario}
              value={a}
              onChange={(next) => setAxis(i, next)}
              legend={axes.length > 1 ? `Assumption ${i + 1}` : 'Assumption'}
              testId={`seek-axis-${i}`}
              exclude={axes.filter((_, j) => j !== i).map((b) => b.parameter)}
            />
            {cheapest && axes.length > 1 ? (
              <button
                type="button"
                className="fw-button fw-button--quiet"
                onClick={() => set({ axes: form.axes.filter((_, j) => j !== i) })}
                data-testid={`seek-axis-${i}-remove`}
              >
                Remove
              </button>
            ) : null}
          </div>
        ))}
        {cheapest && axes.length < 3 ? (
          <button
            type="button"
            className="fw-button"
            onClick={() => set({ axes: [...form.axes, EMPTY_AXIS] })}
            data-testid="seek-axis-add"
          >
            Add an assumption
          </button>
        ) : null}
      </div>
      <button
        type="submit"
        className="fw-button fw-button--primary"
        disabled={running}
        data-testid="seek-run"
      >
        {cheapest ? 'Find the cheapest combination' : 'Seek'}
      </button>
    </form>
  );
}

/** The changes that set each answered parameter (a group: every member) to its answer. */
function answerChanges(run: StepRun<'seek'>, values: readonly number[]): Changes {
  return run.spec.axes.flatMap((a, i) =>
    changesFor(resolveFactor(run.scenario, a.parameter), values[i]!),
  );
}

function VariantOffer({
  run,
  values,
  stem,
}: {
  run: StepRun<'seek'>;
  values: readonly number[];
  stem: string;
}): ReactElement {
  const [outcome, setOutcome] = useState<string | null>(null);
  const add = (): void => {
    const r = offerAsVariant(answerChanges(run, values), stem);
    setOutcome(
      'name' in r
        ? `Added the variant '${r.name}': the workspace now shows it (Undo removes it).`
        : r.problem,
    );
  };
  return (
    <p className="fw-analysis-offer">
      <button
        type="button"
        className="fw-button fw-button--primary"
        onClick={add}
        data-testid="seek-variant"
      >
        Add as a variant
      </button>
      {outcome ? (
        <span role="status" data-testid="seek-variant-outcome">
          {' '}
          {outcome}
        </span>
      ) : null}
    </p>
  );
}

function ValueResults({ run, r }: { run: StepRun<'seek'>; r: SeekResult }): ReactElement {
  const unit = kpiUnit(r.kpi.kpi);
  const label = kpiLabel(r.kpi.kpi, r.kpi.of);
  const fx = (v: number): string => formatValue(v, r.unit, false);
  const fy = (v: number | null): string => (v === null ? 'not reached' : formatValue(v, unit));
  const goal = seekGoalText(r, run.spec.week);
  const points = [...run.trace].sort((a, b) => a.value - b.value);
  const sim = run.scenario.simulation;
  const caption = `${r.label} searched from ${fx(r.from)} to ${fx(r.to)} for ${goal} (${r.evaluations} runs, ${sim.weeks} weeks, seed ${sim.seed}, ${sim.mode}). Reproduce: ${run.command}`;
  return (
    <>
      <p
        className={`fw-analysis-answer${r.reached ? '' : ' fw-analysis-answer--miss'}`}
        role={r.reached ? undefined : 'alert'}
        data-testid={r.reached ? 'seek-answer' : 'seek-unreachable'}
        data-value={r.answer?.value ?? ''}
        data-kpi={r.answer?.kpi ?? ''}
        data-closest={r.closest?.value ?? ''}
      >
        {seekAnswerText(r, run.spec.week)}
        {r.crossings.length > 1
          ? ` The KPI crosses the target ${r.crossings.length} times over the range; this is the crossing nearest the current value.`
          : ''}
      </p>
      {r.note ? <p className="fw-analysis-form__note">{r.note}</p> : null}
      {r.reached && r.answer ? (
        <VariantOffer
          run={run}
          values={[r.answer.value]}
          stem={`${r.label} ${fx(r.answer.value)}`}
        />
      ) : null}
      <figure
        className="fw-chart fw-chart--wide"
        data-testid="chart-seek-curve"
        {...exportText(`Goal seek: ${r.label}`, run.scenario.name, caption)}
      >
        <figcaption className="fw-chart__title">
          {label} at the values tried
          <span className="fw-chart__description">{caption}</span>
        </figcaption>
        <SweepChart
          xValues={points.map((p) => p.value)}
          xLabel={r.label}
          xUnit={r.unit}
          yLabel={label}
          yUnit={unit}
          curves={[{ key: 'with', label, values: points.map((p) => p.kpi) }]}
          marks={[
            ...(r.answer
              ? [
                  {
                    value: r.answer.value,
                    label: `Answer ${fx(r.answer.value)}`,
                    kind: 'crossing' as const,
                  },
                ]
              : []),
            {
              value: r.current.value,
              label: `Now ${fx(r.current.value)}`,
              kind: 'current' as const,
            },
          ]}
          target={{ value: r.target, label: `Target ${fy(r.target)}` }}
          width={900}
          height={360}
        />
      </figure>
      <AnalysisExports
        testId="seek"
        figures={[{ id: 'seek-curve', label: 'Goal seek curve' }]}
        tables={[
          { id: 'csv', label: 'Runs (CSV)', suffix: 'seek', build: () => seekCsv(r, run.trace) },
        ]}
      />
    </>
  );
}

function CheapestResults({ run, r }: { run: StepRun<'seek'>; r: CheapestResult }): ReactElement {
  const point = r.reached ? r.best : r.closest;
  return (
    <>
      <p
        className={`fw-analysis-answer${r.reached ? '' : ' fw-analysis-answer--miss'}`}
        role={r.reached ? undefined : 'alert'}
        data-testid={r.reached ? 'seek-answer' : 'seek-unreachable'}
        data-kpi={(r.reached ? r.best?.kpi : r.closest?.kpi) ?? ''}
      >
        {cheapestAnswerText(r, run.spec.week)}
      </p>
      {point ? (
        <table className="fw-analysis-table" data-testid="seek-table">
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col">Now</th>
              <th scope="col">{r.reached ? 'Cheapest' : 'Closest'}</th>
              <th scope="col">Range searched</th>
            </tr>
          </thead>
          <tbody>
            {r.parameters.map((p, i) => (
              <tr key={p.parameter} data-parameter={p.parameter} data-value={point.values[i]}>
                <th scope="row">{p.label}</th>
                <td>{formatValue(p.current, p.unit, false)}</td>
                <td>{formatValue(point.values[i]!, p.unit, false)}</td>
                <td>
                  {formatValue(p.from, p.unit, false)} to {formatValue(p.to, p.unit, false)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.reached && r.best ? (
        <VariantOffer
          run={run}
          values={r.best.values}
          stem={`Cheapest ${kpiLabel(r.kpi.kpi, r.kpi.of)}`}
        />
      ) : null}
      <AnalysisExports
        testId="seek"
        figures={[]}
        tables={[
          { id: 'csv', label: 'Answer (CSV)', suffix: 'cheapest', build: () => seekCsv(r, []) },
        ]}
      />
    </>
  );
}

export function SeekPanel(): ReactElement {
  const run = useStore(analysisStore, (s) => s.steps.seek) as StepRun<'seek'> | undefined;
  const r = useMemo(() => (run?.result ? relabel(run.result, run.scenario) : null), [run]);
  return (
    <section className="fw-analysis" aria-labelledby="seek-heading" data-testid="analysis-seek">
      <h2 id="seek-heading" className="fw-heading">
        What must be true? Goal seek
      </h2>
      <SeekForm />
      <StepStatus slot="seek" testId="seek" what="Goal seek" />
      {run && r ? (
        <div
          className="fw-analysis-results"
          data-testid="seek-results"
          data-kind={'best' in r ? 'cheapest' : 'value'}
        >
          {'best' in r ? <CheapestResults run={run} r={r} /> : <ValueResults run={run} r={r} />}
          <p className="fw-analysis-command">
            The same numbers from the command line:{' '}
            <code data-testid="seek-command">{run.command}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}
