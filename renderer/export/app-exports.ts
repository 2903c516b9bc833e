/**
 * What the app exports, built from the workspace's current state: the report (HTML), the series
 * (CSV, JSON) and pictures of a chart or loop (SVG, PNG). Each returns the file's content and a
 * suggested name; saving goes through the document controller and the bridge.
 */
import { serializeScenario, type Comparison } from '../../simulation';
import { reportHtml } from '../report/html';
import { APP_STYLE_SOURCES } from '../report/app-styles';
import { reproducibilityOf } from '../report/reproduce';
import { playbackStore, pointIndexOf } from '../state/playback';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { svgToPng } from './png';
import { seriesCsv, seriesJson } from './series';
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

/** The report of what is on screen, the loop drawn at the playback week. */
export function appReportHtml(today: Date = new Date()): ExportContent {
  const { comparison, fileName } = current();
  const scenario = comparison.runs[0]!.scenario;
  const first = comparison.runs[0]!;
  const index = Math.min(pointIndexOf(playbackStore.getState()), first.series.points - 1);
  const html = reportHtml(
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
  return { data: html, suggestedName: `${fileStem(fileName)}-report.html` };
}

export function appSeriesCsv(): ExportContent {
  const { comparison, fileName } = current();
  return { data: seriesCsv(comparison), suggestedName: `${fileStem(fileName)}-series.csv` };
}

export function appSeriesJson(): ExportContent {
  const { comparison, fileName } = current();
  const scenario = comparison.runs[0]!.scenario;
  return {
    data: seriesJson(comparison, scenario, APP_VERSION),
    suggestedName: `${fileStem(fileName)}-series.json`,
  };
}

/** A picture on the page that can be exported: a chart or a loop. */
export interface PictureTarget {
  readonly id: string;
  readonly label: string;
  readonly svg: SVGSVGElement;
}

/** The charts and loops on the page now, in page order. */
export function pictureTargets(root: ParentNode = document): PictureTarget[] {
  const out: PictureTarget[] = [];
  root.querySelectorAll<HTMLElement>('[data-testid^="chart-"]').forEach((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-chart__svg');
    const title = figure.querySelector('.fw-chart__title')?.firstChild?.textContent ?? 'Chart';
    if (svg) out.push({ id: figure.dataset.testid!.slice('chart-'.length), label: title, svg });
  });
  root.querySelectorAll<HTMLElement>('figure.fw-loop').forEach((figure, i) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.fw-loop__svg');
    const title = figure.querySelector('.fw-loop__caption-title')?.textContent ?? `Loop ${i + 1}`;
    const variant = figure.classList.contains('fw-loop--without') ? 'without' : 'with';
    if (svg) out.push({ id: `loop-${variant}`, label: `Loop: ${title}`, svg });
  });
  return out;
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
