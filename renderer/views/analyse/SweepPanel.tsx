/**
 * What must be true, by sweeping: one assumption over its range (the KPI with and without data
 * products, the crossing marked: the break-even value) or two at once (a heatmap of the KPI's
 * difference with the break-even contour, d3-contour's line where it is zero).
 */
import { useMemo, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { GridResult, SweepResult } from '../../../simulation';
import { stepController } from '../../analysis/app';
import { kpiLabel, kpiName, kpiUnit } from '../../analysis/catalogue';
import { parseSweep } from '../../analysis/forms';
import { prepareSweep } from '../../analysis/prepare';
import { gridCsv, sweepCsv } from '../../analysis/step-csv';
import { gridBreakEvenText, relabel, sweepCrossingText } from '../../analysis/step-text';
import { analysisStore, type StepRun } from '../../analysis/store';
import { GridHeatmap } from '../../charts/GridHeatmap';
import { SweepChart, type SweepCurve, type SweepMark } from '../../charts/SweepChart';
import { formatValue } from '../../format/format';
import { workspaceStore } from '../../state/workspace';
import { AnalysisExports } from './AnalysisExports';
import { AxisFields } from './AxisFields';
import { exportText } from './export-text';
import { KpiPicker } from './KpiPicker';
import { StepStatus } from './StepStatus';
import { commandFileName } from '../../export/app-exports';

function SweepForm(): ReactElement {
  const form = useStore(analysisStore, (s) => s.sweepForm);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const running = useStore(analysisStore, (s) => s.steps.sweep?.status === 'running');
  const set = analysisStore.getState().setSweepForm;
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const ws = workspaceStore.getState();
    const store = analysisStore.getState();
    const checked = parseSweep(form);
    if (!checked.ok) {
      store.setProblem('sweep', checked.message);
      return;
    }
    store.setProblem(
      'sweep',
      stepController.start({
        slot: 'sweep',
        scenario: ws.scenario,
        revision: ws.revision,
        fileName: commandFileName(),
        variant: ws.activeVariant,
        spec: checked.value,
        prepare: () => prepareSweep(ws.scenario, checked.value),
      }),
    );
  };
  const two = form.mode === 'two';
  return (
    <form className="fw-analysis-form" onSubmit={onSubmit} data-testid="sweep-form">
      <KpiPicker value={form} onChange={set} testId="sweep" />
      <fieldset className="fw-analysis-form__group">
        <legend>Sweep</legend>
        <span className="fw-analysis-form__choices">
          <label>
            <input
              type="radio"
              name="sweep-mode"
              checked={!two}
              onChange={() => set({ mode: 'one' })}
              data-testid="sweep-mode-one"
            />
            one assumption (curves)
          </label>
          <label>
            <input
              type="radio"
              name="sweep-mode"
              checked={two}
              onChange={() => set({ mode: 'two' })}
              data-testid="sweep-mode-two"
            />
            two assumptions (heatmap)
          </label>
        </span>
        <label className="fw-analysis-form__inline">
          Steps
          <input
            type="text"
            inputMode="numeric"
            className="fw-analysis-form__short"
            value={form.steps}
            onChange={(e) => set({ steps: e.currentTarget.value })}
            data-testid="sweep-steps"
          />
          {two ? 'per axis' : ''}
        </label>
      </fieldset>
      <div className="fw-analysis-form__axes">
        <AxisFields
          scenario={scenario}
          value={form.x}
          onChange={(x) => set({ x })}
          legend={two ? 'Across' : 'Parameter'}
          testId="sweep-x"
          exclude={two ? [form.y.parameter] : []}
        />
        {two ? (
          <AxisFields
            scenario={scenario}
            value={form.y}
            onChange={(y) => set({ y })}
            legend="Up"
            testId="sweep-y"
            exclude={[form.x.parameter]}
          />
        ) : null}
      </div>
      <button
        type="submit"
        className="fw-button fw-button--primary"
        disabled={running}
        data-testid="sweep-run"
      >
        Run sweep
      </button>
    </form>
  );
}

function curvesOf(r: SweepResult): SweepCurve[] {
  // A difference-only KPI (the week 'with' overtakes) or a single-run scenario: one curve.
  if (r.without === null || r.kpi.kpi === 'overtakeWeek')
    return [{ key: 'with', label: kpiLabel(r.kpi.kpi, r.kpi.of), values: r.selected }];
  return [
    { key: 'with', label: 'With data products', values: r.scenario },
    { key: 'without', label: 'Without', values: r.without },
  ];
}

function marksOf(r: SweepResult): SweepMark[] {
  const f = (v: number): string => formatValue(v, r.unit, false);
  return [
    ...r.crossings.map((c) => ({
      value: c.value,
      label: `Break-even ${f(c.value)}`,
      kind: 'crossing' as const,
    })),
    { value: r.current, label: `Now ${f(r.current)}`, kind: 'current' as const },
  ];
}

function OneResults({ run, r }: { run: StepRun<'sweep'>; r: SweepResult }): ReactElement {
  const unit = kpiUnit(r.kpi.kpi);
  const label = kpiLabel(r.kpi.kpi, r.kpi.of);
  const sim = run.scenario.simulation;
  const caption = `${r.label} from ${formatValue(r.from, r.unit, false)} to ${formatValue(r.to, r.unit, false)} in ${r.values.length - 1} steps, the other assumptions as the scenario has them (${sim.weeks} weeks, seed ${sim.seed}, ${sim.mode}). Reproduce: ${run.command}`;
  return (
    <>
      <p data-testid="sweep-crossing" data-crossings={r.crossings.map((c) => c.value).join(' ')}>
        {sweepCrossingText(r)}
        {r.errors.length > 0 ? ` ${r.errors.length} runs failed (blank on the chart).` : ''}
      </p>
      <figure
        className="fw-chart fw-chart--wide"
        data-testid="chart-sweep-curves"
        {...exportText(`Sweep: ${r.label}`, run.scenario.name, caption)}
      >
        <figcaption className="fw-chart__title">
          {curvesOf(r).length > 1 ? `${kpiName(r.kpi.kpi)} with and without data products` : label}{' '}
          against {r.label}
          <span className="fw-chart__description">{caption}</span>
        </figcaption>
        <SweepChart
          xValues={r.values}
          xLabel={r.label}
          xUnit={r.unit}
          yLabel={kpiLabel(r.kpi.kpi, 'scenario')}
          yUnit={unit}
          curves={curvesOf(r)}
          marks={marksOf(r)}
          width={900}
          height={380}
        />
      </figure>
      <AnalysisExports
        testId="sweep"
        figures={[{ id: 'sweep-curves', label: 'Sweep curves' }]}
        tables={[{ id: 'csv', label: 'Sweep (CSV)', suffix: 'sweep', build: () => sweepCsv(r) }]}
      />
    </>
  );
}

function TwoResults({ run, r }: { run: StepRun<'sweep'>; r: GridResult }): ReactElement {
  const label = kpiLabel(r.kpi.kpi, r.difference ? 'difference' : r.kpi.of);
  const sim = run.scenario.simulation;
  const caption = `${r.x.label} across, ${r.y.label} up, ${r.x.values.length} × ${r.y.values.length} runs, the other assumptions as the scenario has them (${sim.weeks} weeks, seed ${sim.seed}, ${sim.mode}). Reproduce: ${run.command}`;
  return (
    <>
      <p data-testid="sweep-break-even" data-lines={r.breakEven?.lines.length ?? 0}>
        {gridBreakEvenText(r)}
        {r.errors > 0 ? ` ${r.errors} runs failed (blank cells).` : ''}
      </p>
      <figure
        className="fw-chart fw-chart--wide"
        data-testid="chart-sweep-heatmap"
        {...exportText(`Sweep: ${r.x.label} × ${r.y.label}`, run.scenario.name, caption)}
      >
        <figcaption className="fw-chart__title">
          {label} over {r.x.label} and {r.y.label}
          <span className="fw-chart__description">{caption}</span>
        </figcaption>
        <GridHeatmap
          result={r}
          kpiLabel={label}
          unit={kpiUnit(r.kpi.kpi)}
          width={900}
          height={560}
        />
      </figure>
      <AnalysisExports
        testId="sweep"
        figures={[{ id: 'sweep-heatmap', label: 'Heatmap' }]}
        tables={[{ id: 'csv', label: 'Grid (CSV)', suffix: 'sweep-grid', build: () => gridCsv(r) }]}
      />
    </>
  );
}

export function SweepPanel(): ReactElement {
  const run = useStore(analysisStore, (s) => s.steps.sweep) as StepRun<'sweep'> | undefined;
  const r = useMemo(() => (run?.result ? relabel(run.result, run.scenario) : null), [run]);
  return (
    <section className="fw-analysis" aria-labelledby="sweep-heading" data-testid="analysis-sweep">
      <h2 id="sweep-heading" className="fw-heading">
        What must be true? Sweep
      </h2>
      <SweepForm />
      <StepStatus
        slot="sweep"
        testId="sweep"
        what={run && run.spec.axes.length === 2 ? 'Two-parameter sweep' : 'Sweep'}
      />
      {run && r ? (
        <div
          className="fw-analysis-results"
          data-testid="sweep-results"
          data-kind={'x' in r ? 'grid' : 'curves'}
        >
          {'x' in r ? <TwoResults run={run} r={r} /> : <OneResults run={run} r={r} />}
          <p className="fw-analysis-command">
            The same numbers from the command line:{' '}
            <code data-testid="sweep-command">{run.command}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}
