/**
 * What the app exports, built from the workspace's current state: the report (HTML, or its parts
 * for printing), the series (CSV, JSON) and pictures of a chart or loop (SVG, PNG). Each returns
 * the file's content and a suggested name; saving goes through the document controller and the
 * bridge.
 */
import { scenarioHash, serializeScenario, type Comparison } from '../../simulation';
import { reportParts, reportPartsHtml, type ReportParts } from '../report/html';
import { APP_STYLE_SOURCES } from '../report/app-styles';
import { reproducibilityOf, runCommandFor } from '../report/reproduce';
import { playbackStore, pointIndexOf } from '../state/playback';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { svgToPng } from './png';
import { collect, RUN_NAMES, writeSeriesCsv, writeSeriesJson, type SeriesRun } from './series';
import { standaloneSvg } from './svg';
import { APP_VERSION } from './version';

export interface ExportContent {
  readonly data: string | Uint8Array;
  readonly suggestedName: string;
}

/** The document's file name without `.flywheel.json` / `.json`, safe as a file name stem. */
export function fileStem(fileName: string): string {
  const stem = fileName.replace(/\.flywheel\.json$|\.json$/i, '').replace(/[\\/:*?"<>|]+/g, '-');
  return stem.trim() === '' ? 'scenario' : stem.trim();
}

function current(): { comparison: Comparison; fileName: string } {
  const comparison = resultsStore.getState().comparison;
  if (!comparison) throw new Error('The simulation has not finished yet: try again in a moment.');
  return { comparison, fileName: workspaceStore.getState().document.fileName };
}

/** The report of what is on screen, in parts, the loop drawn at the playback week. */
export function appReportParts(today: Date = new Date()): ReportParts {
  const { comparison, fileName } = current();
  const scenario = comparison.runs[0]!.scenario;
  const first = comparison.runs[0]!;
  const index = Math.min(pointIndexOf(playbackStore.getState()), first.series.points - 1);
  return reportParts(
    {
      scenario,
      comparison,
      generatedOn: today.toISOString().slice(0, 10),
      reproducibility: reproducibilityOf(scenario, { kind: 'file', fileName }, APP_VERSION),
      loopWeek: first.series.time[index] ?? 0,
      scenarioText: serializeScenario(scenario),
    },
    APP_STYLE_SOURCES,
  );
}

/** The suggested file name of the report in `extension` (html, pdf). */
export function reportFileName(extension: string): string {
  return `${fileStem(workspaceStore.getState().document.fileName)}-report.${extension}`;
}

/** The report of what is on screen as one self-contained HTML file. */
export function appReportHtml(today: Date = new Date()): ExportContent {
  return { data: reportPartsHtml(appReportParts(today)), suggestedName: reportFileName('html') };
}

/** The runs on screen, named as `flywheel run` names a with/without comparison. */
function seriesRuns(comparison: Comparison): SeriesRun[] {
  return comparison.runs.map((run, i) => ({ name: RUN_NAMES[i] ?? run.name, run, summary: null }));
}

export function appSeriesCsv(): ExportContent {
  const { comparison, fileName } = current();
  return {
    data: collect((write) => writeSeriesCsv(seriesRuns(comparison), [], write)),
    suggestedName: `${fileStem(fileName)}-series.csv`,
  };
}

export function appSeriesJson(): ExportContent {
  const { comparison, fileName } = current();
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
        { meta, runs: seriesRuns(comparison), differences: comparison.differences },
        write,
      ),
    ),
    suggestedName: `${fileStem(fileName)}-series.json`,
  };
}

/** A picture on the page that can be exported: a chart or a loop. */
export interface PictureTarget {
  readonly id: string;
  readonly label: string;
  readonly svg: SVGSVGElement;
}

const CHART_FIGURE = '[data-testid^="chart-"]';
const LOOP_FIGURE = 'figure.fw-loop';

/** The id of a chart or loop figure (`active-users`, `loop-with`, `loop-without`). */
function figureId(figure: HTMLElement): string {
  if (figure.matches(LOOP_FIGURE))
    return figure.classList.contains('fw-loop--without') ? 'loop-without' : 'loop-with';
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
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-chart__svg');
    const title = figure.querySelector('.fw-chart__title')?.firstChild?.textContent ?? 'Chart';
    if (svg) out.push({ id: figureId(figure), label: title, svg });
  });
  root.querySelectorAll<HTMLElement>(LOOP_FIGURE).forEach((figure, i) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-loop__svg');
    const title = figure.querySelector('.fw-loop__caption-title')?.textContent ?? `Loop ${i + 1}`;
    if (svg) out.push({ id: figureId(figure), label: `Loop: ${title}`, svg });
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

export function pictureSvg(target: PictureTarget): ExportContent {
  const { fileName } = current();
  return {
    data: standaloneSvg(target.svg).text,
    suggestedName: `${fileStem(fileName)}-${target.id}.svg`,
  };
}

export async function picturePng(target: PictureTarget): Promise<ExportContent> {
  const { fileName } = current();
  return {
    data: await svgToPng(standaloneSvg(target.svg, pageBackground())),
    suggestedName: `${fileStem(fileName)}-${target.id}.png`,
  };
}
