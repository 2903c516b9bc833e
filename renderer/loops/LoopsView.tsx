/**
 * The Loops view: which feedback loop drives the flywheel, week by week, with and without data
 * products side by side on the same clock as the five-step loop (the playback bar and the week on
 * screen are shared), a sentence that says which loop leads now and since when, and every loop
 * with its share of the change.
 */
import { useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { ScenarioLoops } from '../../simulation/analysis/loop-dominance';
import { PlaybackBar } from '../components/PlaybackBar';
import { loopsCsv } from '../export/loops-csv';
import { collect } from '../export/series';
import { APP_VERSION } from '../export/version';
import { loopsCommandFor } from '../report/reproduce';
import { loopsStore } from '../state/loops';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { AnalysisExports } from '../views/analyse/AnalysisExports';
import { colourOf, DominanceChart } from './DominanceChart';
import { chartBands, dominanceSentence } from './read';
import './loops.css';
import { documentFileName } from '../bridge/file-names';

const TITLES = { with: 'With data products', without: 'Without data products' } as const;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const METHOD =
  "Each band is a loop's share of the change in users and fresh data that week (Loops That Matter: Schoenberg, Davidsen & Eberlein 2020, corrected 2023); reinforcing loops above the axis, balancing loops below; the strip on top marks the loop that leads.";

function leadWeeks(run: ScenarioLoops | undefined, id: string): string {
  if (!run) return '';
  const periods = run.loops.periods.filter((p) => p.loopId === id);
  if (periods.length === 0) return '–';
  return periods
    .map((p) => (p.fromWeek === p.toWeek ? `${p.fromWeek}` : `${p.fromWeek}–${p.toWeek}`))
    .join(', ');
}

export function LoopsView(): ReactElement {
  const dominance = useStore(loopsStore, (s) => s.dominance);
  const error = useStore(loopsStore, (s) => s.error);
  const k = useStore(playbackStore, pointIndexOf);
  const scenario = useStore(resultsStore, (s) => s.comparison?.runs[0]?.scenario ?? null);
  // Named after the scenario while the document has no file of its own, as every export is.
  const fileName = useStore(workspaceStore, (s) =>
    documentFileName(s.document.fileName, s.doc.name),
  );
  const chart = useMemo(() => (dominance ? chartBands(dominance) : null), [dominance]);
  if (!dominance || !chart) {
    return (
      <p className="fw-empty" role="status">
        {error ? `Loop analysis failed: ${error.message}` : 'Finding the loops…'}
      </p>
    );
  }
  const [withRun, withoutRun] = dominance.runs;
  const single = dominance.runs.length === 1;
  const ids = chart.ids;
  const allIds = [...new Set(dominance.runs.flatMap((r) => r.loops.groups.map((g) => g.id)))];
  const group = (id: string) =>
    dominance.runs
      .map((r) => r.loops.groups.find((g) => g.id === id))
      .find((g) => g !== undefined)!;
  const flywheel = allIds.filter((id) => group(id).inFlywheel);
  const inside = allIds.filter((id) => !group(id).inFlywheel);
  const command = scenario ? loopsCommandFor({ kind: 'file', fileName }, scenario) : '';
  const caption = `${METHOD} Expected-value run, ${scenario?.simulation.weeks ?? ''} weeks. Flywheel Lab ${APP_VERSION}.${command ? ` Reproduce: ${command}` : ''}`;
  return (
    <section
      className="fw-dominance"
      aria-labelledby="dominance-heading"
      data-testid="loops-view"
      data-export-legend-host=""
    >
      <div className="fw-sticky-playback">
        <PlaybackBar />
      </div>
      <h2 id="dominance-heading" className="fw-heading">
        Which loop drives the flywheel
      </h2>
      <p className="fw-dominance__sentence" aria-live="polite" data-testid="dominance-sentence">
        {dominanceSentence(dominance, k)}
      </p>
      <div className={`fw-dominance__charts${single ? '' : ' fw-dominance__charts--two'}`}>
        {dominance.runs.map((r, i) => (
          <figure
            key={r.name}
            className="fw-dominance__chart"
            data-run={r.name}
            data-testid={`chart-loops-${r.name}`}
            data-export-title={`Which loop drives the flywheel: ${single ? 'this scenario' : TITLES[r.name].toLowerCase()}`}
            data-export-subtitle={`Each loop's share of the change, week by week · ${scenario?.name ?? ''}`}
            data-export-caption={caption}
          >
            <DominanceChart
              title={single ? 'This scenario' : TITLES[r.name]}
              loops={r.loops}
              bands={chart.bands[i]!}
              ids={ids}
              currentIndex={k}
            />
          </figure>
        ))}
      </div>
      <ul className="fw-dominance__legend" aria-label="Loops in the charts" data-export-legend="">
        {ids.map((id) => (
          <li key={id}>
            <svg className="fw-dominance__chip" viewBox="0 0 10 10" aria-hidden="true">
              <rect width="10" height="10" rx="2" fill={colourOf(ids, id)} />
            </svg>
            {id === 'other' ? 'Other loops' : `${id} ${group(id).name}`}
          </li>
        ))}
      </ul>
      <AnalysisExports
        testId="loops"
        figures={dominance.runs.map((r) => ({
          id: `loops-${r.name}`,
          label: single ? 'Loop shares' : `Loop shares, ${TITLES[r.name].toLowerCase()}`,
        }))}
        tables={[
          {
            id: 'csv',
            label: 'Loop scores (CSV)',
            suffix: 'loops',
            // The same writer and columns as `flywheel loops --format csv`.
            build: () => collect((write) => loopsCsv(dominance, write)),
          },
        ]}
      />
      {command ? (
        <p className="fw-dominance__note" data-testid="loops-command">
          The same analysis on the command line: <code>{command}</code>
        </p>
      ) : null}
      <p className="fw-dominance__note">
        Each band is a loop&apos;s share of the change in users and fresh data that week (Loops That
        Matter: Schoenberg, Davidsen &amp; Eberlein 2020, corrected 2023); reinforcing loops above
        the axis, balancing loops below. The strip on top shows the loop that leads; a loop
        dominates when it explains half the change or more. Computed on the expected-value run
        (weekly noise, which no loop causes, is left out).
      </p>
      <table className="fw-dominance__table">
        <caption>The flywheel&apos;s loops (users and data)</caption>
        <thead>
          <tr>
            <th scope="col">Loop</th>
            <th scope="col">Type</th>
            <th scope="col">Mean share {single ? '' : 'with'}</th>
            {single ? null : <th scope="col">Mean share without</th>}
            <th scope="col">Leads in weeks {single ? '' : '(with)'}</th>
            {single ? null : <th scope="col">Leads in weeks (without)</th>}
          </tr>
        </thead>
        <tbody>
          {flywheel.map((id) => {
            const a = withRun?.loops.groups.find((g) => g.id === id);
            const b = withoutRun?.loops.groups.find((g) => g.id === id);
            const g = group(id);
            return (
              <tr key={id} data-loop={id}>
                <th scope="row">
                  <strong>{id}</strong> {g.name}
                  {g.loopCount > 1 ? (
                    <span className="fw-dominance__count">
                      {' '}
                      ({g.loopCount} loops on {g.paths.length} paths)
                    </span>
                  ) : null}
                </th>
                <td>{g.polarity === 'R' ? 'reinforcing' : 'balancing'}</td>
                <td>{a ? pct(a.weight) : '–'}</td>
                {single ? null : <td>{b ? pct(b.weight) : '–'}</td>}
                <td>{leadWeeks(withRun, id)}</td>
                {single ? null : <td>{leadWeeks(withoutRun, id)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {inside.length > 0 ? (
        <>
          <h3 className="fw-dominance__subheading">
            Loops inside each data source and AI consumer
          </h3>
          <p className="fw-dominance__note">
            They do not feed back into users and data, so they are not part of the flywheel&apos;s
            share.
          </p>
          <ul className="fw-dominance__inside">
            {inside.map((id) => (
              <li key={id}>
                <strong>{id}</strong> {group(id).name} (
                {group(id).polarity === 'R' ? 'reinforcing' : 'balancing'})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
