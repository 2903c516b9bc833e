/**
 * What matters: a tornado (each assumption moved alone over its plausible range, or by a
 * percentage, ranked by how far it swings the KPI) and the global ranking of the uncertain
 * assumptions from the last Monte Carlo's draws (all of them varying at once: rank regression
 * and first-order shares, so interactions show in what they leave unexplained).
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useStore } from 'zustand';
import {
  assumptionsOf,
  type GlobalSensitivityResult,
  type TornadoResult,
} from '../../../simulation';
import { stepController } from '../../analysis/app';
import { findOption, kpiLabel, kpiUnit } from '../../analysis/catalogue';
import { parseSensitivity } from '../../analysis/forms';
import { prepareTornado } from '../../analysis/prepare';
import { analysisStore, type StepRun } from '../../analysis/store';
import { rankingCsv, tornadoCsv } from '../../analysis/step-csv';
import { RankingChart } from '../../charts/RankingChart';
import { TornadoChart } from '../../charts/TornadoChart';
import { formatPercent } from '../../format/format';
import { workspaceStore } from '../../state/workspace';
import { AnalysisExports } from './AnalysisExports';
import { exportText } from './export-text';
import { KpiPicker } from './KpiPicker';
import { ParameterPicker, groupsOf } from './ParameterPicker';
import { count } from './RunStatus';
import { StepStatus } from './StepStatus';
import { commandFileName } from '../../export/app-exports';

const TOPS = [10, 15, 30, 1000] as const;

function TornadoForm(): ReactElement {
  const form = useStore(analysisStore, (s) => s.sensitivityForm);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const running = useStore(analysisStore, (s) => s.steps.tornado?.status === 'running');
  const [adding, setAdding] = useState('');
  const set = analysisStore.getState().setSensitivityForm;
  const total = assumptionsOf(scenario).length;
  const groups = groupsOf(scenario);
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const ws = workspaceStore.getState();
    const checked = parseSensitivity(form);
    const store = analysisStore.getState();
    if (!checked.ok) {
      store.setProblem('tornado', checked.message);
      return;
    }
    const problem = stepController.start({
      slot: 'tornado',
      scenario: ws.scenario,
      revision: ws.revision,
      fileName: commandFileName(),
      variant: ws.activeVariant,
      spec: checked.value,
      prepare: () => prepareTornado(ws.scenario, checked.value),
    });
    store.setProblem('tornado', problem);
  };
  return (
    <form className="fw-analysis-form" onSubmit={onSubmit} data-testid="tornado-form">
      <KpiPicker value={form} onChange={set} testId="tornado" />
      <fieldset className="fw-analysis-form__group">
        <legend>Each assumption moves over</legend>
        <span className="fw-analysis-form__choices">
          <label>
            <input
              type="radio"
              name="tornado-range"
              checked={form.range === 'plausible'}
              onChange={() => set({ range: 'plausible' })}
              data-testid="tornado-range-plausible"
            />
            its plausible range
          </label>
          <label>
            <input
              type="radio"
              name="tornado-range"
              checked={form.range === 'relative'}
              onChange={() => set({ range: 'relative' })}
              data-testid="tornado-range-relative"
            />
            ±
            <input
              type="text"
              inputMode="decimal"
              className="fw-analysis-form__short"
              aria-label="Percent"
              value={form.percent}
              onChange={(e) => set({ percent: e.currentTarget.value, range: 'relative' })}
              data-testid="tornado-percent"
            />
            % of its value
          </label>
        </span>
      </fieldset>
      <div className="fw-analysis-form__group fw-analysis-form__group--wide">
        <p className="fw-analysis-form__legend">
          Assumptions:{' '}
          {form.parameters.length === 0 ? (
            <strong data-testid="tornado-all">all {count(total)}</strong>
          ) : (
            <span className="fw-chips" data-testid="tornado-chosen">
              {form.parameters.map((p) => (
                <span className="fw-chip" key={p}>
                  {findOption(groups, p)?.label ?? p}
                  <button
                    type="button"
                    className="fw-chip__remove"
                    aria-label={`Remove ${findOption(groups, p)?.label ?? p}`}
                    onClick={() => set({ parameters: form.parameters.filter((q) => q !== p) })}
                  >
                    ×
                  </button>
                </span>
              ))}
              <button
                type="button"
                className="fw-button fw-button--quiet"
                onClick={() => set({ parameters: [] })}
              >
                All {count(total)}
              </button>
            </span>
          )}
        </p>
        <details className="fw-analysis-form__more">
          <summary>Choose assumptions</summary>
          <ParameterPicker
            scenario={scenario}
            value={adding}
            onChange={setAdding}
            label="Add an assumption or a group"
            testId="tornado-picker"
            exclude={form.parameters}
          />
          <button
            type="button"
            className="fw-button"
            disabled={adding === ''}
            onClick={() => {
              if (adding && !form.parameters.includes(adding))
                set({ parameters: [...form.parameters, adding] });
              setAdding('');
            }}
            data-testid="tornado-add"
          >
            Add
          </button>
        </details>
      </div>
      <button
        type="submit"
        className="fw-button fw-button--primary"
        disabled={running}
        data-testid="tornado-run"
      >
        Run tornado
      </button>
    </form>
  );
}

function TornadoResults({ run }: { run: StepRun<'tornado'> }): ReactElement | null {
  const top = useStore(analysisStore, (s) => s.sensitivityForm.top);
  const r = run.result as TornadoResult | null;
  if (!r) return null;
  const label = kpiLabel(r.kpi.kpi, r.kpi.of);
  const unit = kpiUnit(r.kpi.kpi);
  const sim = run.scenario.simulation;
  const caption = `Each assumption moved alone over ${r.range.kind === 'plausible' ? 'its plausible range' : `±${formatPercent(r.range.fraction, 0)} of its value`}, the others as the scenario has them (${sim.weeks} weeks, seed ${sim.seed}, ${sim.mode}). Reproduce: ${run.command}`;
  return (
    <div className="fw-analysis-results" data-testid="tornado-results" data-bars={r.bars.length}>
      <label className="fw-analysis-form__inline">
        Show
        <select
          value={top}
          onChange={(e) =>
            analysisStore.getState().setSensitivityForm({ top: Number(e.currentTarget.value) })
          }
          data-testid="tornado-top"
        >
          {TOPS.map((t) => (
            <option key={t} value={t}>
              {t >= 1000 ? `all ${r.bars.length}` : `the ${t} largest`}
            </option>
          ))}
        </select>
        of {r.bars.length} bars
        {r.fixed.length > 0
          ? ` (${r.fixed.length} assumptions have a single-value range and are left out)`
          : ''}
      </label>
      <figure
        className="fw-chart fw-chart--wide"
        data-testid="chart-sensitivity-tornado"
        {...exportText(`Tornado: ${label}`, run.scenario.name, caption)}
      >
        <figcaption className="fw-chart__title">
          What swings {label} most
          <span className="fw-chart__description">{caption}</span>
        </figcaption>
        <TornadoChart result={r} kpiLabel={label} unit={unit} top={top} />
      </figure>
      <AnalysisExports
        testId="tornado"
        figures={[{ id: 'sensitivity-tornado', label: 'Tornado' }]}
        tables={[
          { id: 'csv', label: 'Tornado (CSV)', suffix: 'tornado', build: () => tornadoCsv(r) },
        ]}
      />
      <p className="fw-analysis-command">
        The same numbers from the command line:{' '}
        <code data-testid="tornado-command">{run.command}</code>
      </p>
    </div>
  );
}

function GlobalRanking(): ReactElement {
  const mc = useStore(analysisStore, (s) => s.uncertainty);
  const form = useStore(analysisStore, (s) => s.sensitivityForm);
  const run = useStore(analysisStore, (s) => s.steps.global) as StepRun<'global'> | undefined;
  const ready = mc !== null && mc.status !== 'running' && mc.merge !== null && mc.merged > 0;
  const rank = (): void => {
    const store = analysisStore.getState();
    if (!mc || !mc.merge) return;
    const spec = { kpi: { kpi: form.kpi, of: form.of }, draws: mc.merged, uncertaintyRun: mc.id };
    const kpis = { ...mc.merge.kpis, count: mc.merged };
    store.setProblem(
      'global',
      stepController.startGlobal(
        mc.scenario,
        mc.revision,
        mc.fileName,
        spec,
        kpis,
        mc.variant ?? null,
      ),
    );
  };
  const r = run?.result as GlobalSensitivityResult | null | undefined;
  return (
    <section className="fw-analysis-sub" aria-labelledby="global-heading" data-testid="global">
      <h3 id="global-heading" className="fw-subhead">
        Global ranking from the Monte Carlo draws
      </h3>
      <p className="fw-analysis-form__note">
        Every uncertain assumption varies at once in each draw, so a ranking over the draws shows
        what matters together, interactions included (what the ranking leaves unexplained).
        {ready
          ? ` It reads the last Uncertainty run: ${count(mc!.merged)} draws.`
          : ' Run the Uncertainty analysis first (its draws are the ranking’s data).'}
      </p>
      <button
        type="button"
        className="fw-button fw-button--primary"
        disabled={!ready || run?.status === 'running'}
        onClick={rank}
        data-testid="global-run"
      >
        Rank for {kpiLabel(form.kpi, form.of)}
      </button>
      <StepStatus slot="global" testId="global" what="Ranking" />
      {r && run ? (
        <div className="fw-analysis-results" data-testid="global-results">
          <p data-testid="global-summary">
            {r.note ??
              `Over ${count(r.draws)} draws the ranks of the assumptions explain ${formatPercent(r.rSquared ?? 0, 0)} of the ranks of ${kpiLabel(r.kpi.kpi, r.kpi.of)}${(r.rSquared ?? 0) < 0.7 ? ': the rest comes from interactions, non-monotone effects and the simulation’s own noise' : ''}. The first-order shares add up to ${formatPercent(r.firstOrderSum, 0)}.`}
          </p>
          <figure
            className="fw-chart fw-chart--wide"
            data-testid="chart-sensitivity-global"
            {...exportText(
              `Global ranking: ${kpiLabel(r.kpi.kpi, r.kpi.of)}`,
              run.scenario.name,
              `Standardised rank regression coefficients and first-order shares over ${r.draws} Monte Carlo draws (seed ${run.scenario.simulation.seed}). Reproduce: ${run.command}`,
            )}
          >
            <figcaption className="fw-chart__title">
              What matters when everything varies at once
            </figcaption>
            <RankingChart result={r} kpiLabel={kpiLabel(r.kpi.kpi, r.kpi.of)} top={form.top} />
          </figure>
          <AnalysisExports
            testId="global"
            figures={[{ id: 'sensitivity-global', label: 'Global ranking' }]}
            tables={[
              {
                id: 'csv',
                label: 'Ranking (CSV)',
                suffix: 'global-ranking',
                build: () => rankingCsv(r),
              },
            ]}
          />
          <p className="fw-analysis-command">
            The same numbers from the command line:{' '}
            <code data-testid="global-command">{run.command}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function SensitivityPanel(): ReactElement {
  const run = useStore(analysisStore, (s) => s.steps.tornado) as StepRun<'tornado'> | undefined;
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  return (
    <section
      className="fw-analysis"
      aria-labelledby="sensitivity-heading"
      data-testid="analysis-sensitivity"
    >
      <h2 id="sensitivity-heading" className="fw-heading">
        What matters? Sensitivity
      </h2>
      <TornadoForm />
      <StepStatus
        slot="tornado"
        testId="tornado"
        what={`Tornado of ${count(run?.expected ? (run.expected - 1) / 2 : assumptionsOf(scenario).length)} assumptions`}
      />
      {run ? <TornadoResults run={run} /> : null}
      <GlobalRanking />
    </section>
  );
}
