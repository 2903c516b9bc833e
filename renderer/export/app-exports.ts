/**
 * What the app exports, built from the workspace's current state: the report (HTML, or its parts
 * for printing), the series (CSV, JSON) and pictures of a chart or loop (SVG, PNG). Each returns
 * the file's content and a suggested name; saving goes through the document controller and the
 * bridge.
 */
import {
  computeHeadline,
  hasDataProducts,
  scenarioHash,
  serializeScenario,
  type Comparison,
  type Headline,
  type Scenario,
} from '../../simulation';
import { analysisStore, type StepRun, type StepSlot } from '../analysis/store';
import type { ReportAnalyses } from '../report/AnalysesSection';
import { reportParts, reportPartsHtml, type ReportParts } from '../report/html';
import { isStale } from '../views/analyse/stale';
import { APP_STYLE_SOURCES } from '../report/app-styles';
import { reproducibilityOf, runCommandFor } from '../report/reproduce';
import { playbackStore, pointIndexOf } from '../state/playback';
import { headlineStore } from '../state/headline';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { CHARTS, selectChartData } from '../state/selectors';
import { axisUnitLabel } from '../format/format';
import { exportChoices, resolveLoopWeek } from './choices';
import { svgToPng } from './png';
import { writeReadableSeriesCsv } from './readable-csv';
import { collect, RUN_NAMES, writeSeriesCsv, writeSeriesJson, type SeriesRun } from './series';
import { framedSvg, legendOf, type FrameText } from './frame';
import type { StandaloneSvg } from './svg';
import { APP_VERSION } from './version';
import { documentFileName, nameStem } from '../bridge/file-names';
import { appReportComparison } from './report-compare';

export interface ExportContent {
  readonly data: string | Uint8Array;
  readonly suggestedName: string;
}

/** The stem every export is named after: the scenario's name (`<stem>-report.html`...). */
export function exportStem(): string {
  return nameStem(workspaceStore.getState().doc.name);
}

/** The document's file name as commands name it (named after the scenario while it has none). */
export function commandFileName(): string {
  const { document, doc } = workspaceStore.getState();
  return documentFileName(document.fileName, doc.name);
}

/**
 * The results on screen; the document's file name (named after the scenario while it has none),
 * as reproduce commands name it; and the stem every export is named after: the scenario's name.
 */
function current(): { comparison: Comparison; fileName: string; stem: string } {
  const comparison = resultsStore.getState().comparison;
  if (!comparison) throw new Error('The simulation has not finished yet: try again in a moment.');
  const { document, doc } = workspaceStore.getState();
  return {
    comparison,
    fileName: documentFileName(document.fileName, doc.name),
    stem: nameStem(doc.name),
  };
}

/**
 * The headline results of the scenario on screen: the engine's when it has them for exactly these
 * results, else computed here (some hundreds of runs; the same numbers either way). Null without
 * data products.
 */
function currentHeadline(scenario: Scenario): Headline | null {
  if (!hasDataProducts(scenario)) return null;
  const h = headlineStore.getState();
  if (h.headline !== null && h.revision === resultsStore.getState().revision) return h.headline;
  return computeHeadline(scenario, { backend: 'interpreter' });
}

/** The week the report's loop is drawn at: the one chosen in the Export menu (the horizon by default). */
export function reportLoopWeek(comparison: Comparison): number {
  const first = comparison.runs[0]!;
  const { time, points, settings } = first.series;
  const screenIndex = Math.min(pointIndexOf(playbackStore.getState()), points - 1);
  return resolveLoopWeek(
    exportChoices.getState().loopWeek,
    time[points - 1] ?? 0,
    settings.stepWeeks,
    time[screenIndex] ?? 0,
  );
}

/** The analyses run in the Analyse view that have results, each marked when made on an earlier scenario. */
export function reportAnalyses(scenario: Scenario): ReportAnalyses {
  const a = analysisStore.getState();
  // A goal seek by week W ran a shorter horizon: compare with that.
  const stale = (analysed: Scenario): boolean =>
    isStale(analysed, {
      ...scenario,
      simulation: { ...scenario.simulation, weeks: analysed.simulation.weeks },
    });
  const mc = a.uncertainty?.snapshot ? a.uncertainty : null;
  const order: StepSlot[] = ['tornado', 'global', 'sweep', 'seek'];
  return {
    uncertainty: mc ? { run: mc, stale: stale(mc.scenario) } : null,
    steps: order.flatMap((slot) => {
      const run = a.steps[slot] as StepRun<StepSlot> | undefined;
      return run?.result ? [{ run, stale: stale(run.scenario) }] : [];
    }),
  };
}

/** The report of what is on screen, in parts, the loop drawn at the week chosen for it. */
export function appReportParts(today: Date = new Date()): ReportParts {
  const { comparison, fileName } = current();
  const scenario = comparison.runs[0]!.scenario;
  return reportParts(
    {
      scenario,
      comparison,
      generatedOn: today.toISOString().slice(0, 10),
      reproducibility: reproducibilityOf(scenario, { kind: 'file', fileName }, APP_VERSION),
      loopWeek: reportLoopWeek(comparison),
      scenarioText: serializeScenario(scenario),
      analyses: reportAnalyses(scenario),
      compareRuns: appReportComparison(),
      headline: currentHeadline(scenario),
    },
    APP_STYLE_SOURCES,
  );
}

/** The suggested file name of the report in `extension` (html, pdf). */
export function reportFileName(extension: string): string {
  return `${nameStem(workspaceStore.getState().doc.name)}-report.${extension}`;
}

/** The report of what is on screen as one self-contained HTML file. */
export function appReportHtml(today: Date = new Date()): ExportContent {
  return { data: reportPartsHtml(appReportParts(today)), suggestedName: reportFileName('html') };
}

/** The runs on screen, named as `flywheel run` names a with/without comparison. */
function seriesRuns(comparison: Comparison): SeriesRun[] {
  return comparison.runs.map((run, i) => ({ name: RUN_NAMES[i] ?? run.name, run, summary: null }));
}

/**
 * The series as CSV: readable (labels with units, rounded numbers) unless the machine form
 * (metric names, full precision, as `flywheel run --format csv`) is chosen in the Export menu.
 */
export function appSeriesCsv(): ExportContent {
  const { comparison, stem } = current();
  const runs = seriesRuns(comparison);
  const machine = exportChoices.getState().csvStyle === 'machine';
  return {
    data: collect((write) =>
      machine ? writeSeriesCsv(runs, [], write) : writeReadableSeriesCsv(runs, write),
    ),
    suggestedName: `${stem}-series${machine ? '-machine' : ''}.csv`,
  };
}

export function appSeriesJson(): ExportContent {
  const { comparison, fileName, stem } = current();
  const scenario = comparison.runs[0]!.scenario;
  const s = scenario.simulation;
  const meta = {
    appVersion: APP_VERSION,
    seed: s.seed,
    weeks: s.weeks,
    stepWeeks: s.stepWeeks,
    mode: s.mode,
    runs: 1,
    scenarioHash: scenarioHash(scenario),
    scenarioName: scenario.name,
    generatedBy: 'Flywheel Lab',
    command: runCommandFor({ kind: 'file', fileName }, scenario),
  };
  return {
    data: collect((write) =>
      writeSeriesJson(
        {
          meta,
          runs: seriesRuns(comparison),
          differences: comparison.differences,
          headline: currentHeadline(scenario),
        },
        write,
      ),
    ),
    suggestedName: `${stem}-series.json`,
  };
}

/** A picture on the page that can be exported: a chart or a loop. */
export interface PictureTarget {
  readonly id: string;
  readonly label: string;
  readonly svg: SVGSVGElement;
  /** The figure around it (its caption, a loop's legend). */
  readonly figure: HTMLElement;
}

const CHART_FIGURE = '[data-testid^="chart-"]';
const LOOP_FIGURE = 'figure.fw-loop';

/**
 * The id of a chart or loop figure (`active-users`, `loop-with`, `loop-without`); a second loop
 * of the same kind on the page (the Compare view's two loops) is `loop-with-2`.
 */
function figureId(figure: HTMLElement): string {
  if (figure.matches(LOOP_FIGURE)) {
    const kind = figure.classList.contains('fw-loop--without') ? 'loop-without' : 'loop-with';
    const same = [...figure.ownerDocument.querySelectorAll<HTMLElement>(LOOP_FIGURE)].filter(
      (f) => f.classList.contains('fw-loop--without') === (kind === 'loop-without'),
    );
    const n = same.indexOf(figure);
    return n > 0 ? `${kind}-${n + 1}` : kind;
  }
  return figure.dataset.testid!.slice('chart-'.length);
}

/** The id of the chart or loop that holds `node`, or null when it is in neither. */
export function pictureIdAt(node: EventTarget | null): string | null {
  if (!(node instanceof Element)) return null;
  const figure = node.closest<HTMLElement>(`${LOOP_FIGURE}, ${CHART_FIGURE}`);
  return figure ? figureId(figure) : null;
}

/** The charts and loops on the page now, in page order. */
export function pictureTargets(root: ParentNode = document): PictureTarget[] {
  const out: PictureTarget[] = [];
  root.querySelectorAll<HTMLElement>(CHART_FIGURE).forEach((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-chart__svg, svg[data-export-picture]');
    const title =
      figure.querySelector('.fw-chart__title')?.firstChild?.textContent ??
      figure.dataset.exportTitle ??
      'Chart';
    if (svg) out.push({ id: figureId(figure), label: title, svg, figure });
  });
  root.querySelectorAll<HTMLElement>(LOOP_FIGURE).forEach((figure, i) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-loop__svg');
    const title = figure.querySelector('.fw-loop__caption-title')?.textContent ?? `Loop ${i + 1}`;
    if (svg) out.push({ id: figureId(figure), label: `Loop: ${title}`, svg, figure });
  });
  return out;
}

/**
 * The picture to export: the one with id `preferred` when it is on the page, else the first loop,
 * else the first chart. Throws when the page shows none.
 */
export function choosePicture(
  preferred: string | null,
  root: ParentNode = document,
): PictureTarget {
  const all = pictureTargets(root);
  const chosen =
    all.find((t) => t.id === preferred) ?? all.find((t) => t.id.startsWith('loop-')) ?? all[0];
  if (!chosen) throw new Error('There is no chart or loop on the page to export.');
  return chosen;
}

/** The page's background colour, painted behind PNGs (SVGs stay transparent). */
function pageBackground(): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue('--fw-surface').trim();
  return value === '' ? '#ffffff' : value;
}

/** Where a picture comes from, in a sentence: the app, the scenario's settings, the command. */
function provenance(comparison: Comparison, fileName: string): string {
  const scenario = comparison.runs[0]!.scenario;
  const s = scenario.simulation;
  return `Flywheel Lab ${APP_VERSION}: ${s.weeks} weeks in steps of ${s.stepWeeks}, seed ${s.seed}, ${s.mode}. Reproduce: ${runCommandFor({ kind: 'file', fileName }, scenario)}`;
}

/** The title, subtitle and caption a picture is exported with. */
export function pictureText(target: PictureTarget): FrameText {
  const { comparison, fileName } = current();
  const name = comparison.runs[0]!.scenario.name;
  const source = provenance(comparison, fileName);
  const figure = target.figure;
  if (figure.matches(LOOP_FIGURE)) {
    const title = figure.querySelector('.fw-loop__caption-title')?.textContent ?? 'The flywheel';
    const week = figure.dataset.week ?? '';
    return {
      title: `${title}: the flywheel at week ${week}`,
      subtitle: name,
      caption: `The five steps of the loop (user activity, data products, AI, experience, more data) and the flows between them in week ${week}; both loops are drawn on the scale of the run with data products. ${source}`,
    };
  }
  // A figure that says what it shows (an analysis's: its settings and its own command).
  const own = figure.dataset;
  if (own.exportTitle)
    return {
      title: own.exportTitle,
      subtitle: own.exportSubtitle ?? name,
      caption: own.exportCaption ?? source,
    };
  const chart = selectChartData(comparison, CHARTS.find((c) => c.id === target.id) ?? CHARTS[0]!);
  const week = target.svg.querySelector('.fw-chart__current')?.getAttribute('data-week');
  const unit = chart ? axisUnitLabel(chart.unit) : '';
  return {
    title: `${target.label}${unit ? ` (${unit})` : ''}`,
    subtitle: `With and without data products, week by week · ${name}`,
    caption:
      `${chart?.description ?? ''}${week ? ` The dotted line marks week ${week}.` : ''} ${source}`.trim(),
  };
}

function framed(target: PictureTarget, background: string | null): StandaloneSvg {
  // A loop's legend is in its figure; a figure may also name a legend it shares with others
  // (the Loops view's two charts share one list of loop colours).
  const host = target.figure.matches(LOOP_FIGURE)
    ? target.figure
    : target.figure.closest('[data-export-legend-host]');
  const legend = host ? legendOf(host) : [];
  return framedSvg(target.svg, pictureText(target), legend, background);
}

export function pictureSvg(target: PictureTarget): ExportContent {
  const { stem } = current();
  return {
    data: framed(target, null).text,
    suggestedName: `${stem}-${target.id}.svg`,
  };
}

export async function picturePng(target: PictureTarget): Promise<ExportContent> {
  const { stem } = current();
  return {
    data: await svgToPng(framed(target, pageBackground())),
    suggestedName: `${stem}-${target.id}.png`,
  };
}
