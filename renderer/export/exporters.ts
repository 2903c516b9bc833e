/**
 * The app's exporters, registered with the document controller for every format of File >
 * Export except `scenario` (the controller's own: the document's file): the report as HTML and as
 * PDF, the series as CSV and JSON, and the chosen picture as PNG and SVG. The Export menu's
 * buttons go through the same exporters (`exportAs`), so the menu bar and the buttons can never
 * make different files. Slow exports show what they are doing in `exportChoices.status`.
 */
import type { FlywheelBridge } from '../bridge';
import {
  appReportHtml,
  appReportParts,
  appSeriesCsv,
  appSeriesJson,
  choosePicture,
  pictureIdAt,
  picturePng,
  pictureSvg,
  reportFileName,
  type ExportContent,
} from './app-exports';
import { exportChoices, withStatus } from './choices';
import { reportPartsHtml } from '../report/html';

type Register = (
  format: 'html' | 'pdf' | 'csv' | 'json' | 'png' | 'svg',
  exporter: () => Promise<ExportContent>,
) => () => void;

/**
 * Lets the browser paint the progress text before a long synchronous build starts. A hidden page
 * gets no animation frames, so a timer lets the work start anyway.
 */
export const nextPaint = (): Promise<void> =>
  new Promise((done) => {
    const fallback = setTimeout(done, 100);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(done, 0);
    });
  });

export const PAPER_LABELS = { a4: 'A4', letter: 'Letter' } as const;

/** The report as PDF bytes, printed by the shell (desktop: Chromium's printToPDF). */
export async function appReportPdf(
  bridge: Pick<FlywheelBridge, 'printReportPdf'>,
): Promise<ExportContent> {
  const paper = exportChoices.getState().paper;
  return withStatus(`Printing the report to PDF (${PAPER_LABELS[paper]})…`, async () => {
    await nextPaint();
    const html = reportPartsHtml(appReportParts());
    const result = await bridge.printReportPdf({ html, paper });
    if (!result.ok) throw new Error(result.error.message);
    return { data: result.value, suggestedName: reportFileName('pdf') };
  });
}

async function picture(format: 'png' | 'svg'): Promise<ExportContent> {
  const target = choosePicture(exportChoices.getState().picture);
  return withStatus(`Drawing ${target.label} as ${format.toUpperCase()}…`, async () => {
    await nextPaint();
    return format === 'png' ? picturePng(target) : pictureSvg(target);
  });
}

const slow = (status: string, build: () => ExportContent) => (): Promise<ExportContent> =>
  withStatus(status, async () => {
    await nextPaint();
    return build();
  });

/** Registers every exporter; returns a function that unregisters them all. */
export function registerAppExporters(
  register: Register,
  bridge: Pick<FlywheelBridge, 'printReportPdf'>,
): () => void {
  const off = [
    register(
      'html',
      slow('Building the report…', () => appReportHtml()),
    ),
    register('pdf', () => appReportPdf(bridge)),
    register('csv', slow('Writing the series…', appSeriesCsv)),
    register('json', slow('Writing the series…', appSeriesJson)),
    register('png', () => picture('png')),
    register('svg', () => picture('svg')),
  ];
  return () => off.forEach((f) => f());
}

/** Remembers the chart or loop the user last clicked or focused: the picture File > Export uses. */
export function trackLastPicture(root: Document): () => void {
  const remember = (e: Event): void => {
    const id = pictureIdAt(e.target);
    if (id !== null) exportChoices.setState({ picture: id });
  };
  root.addEventListener('focusin', remember, true);
  root.addEventListener('pointerdown', remember, true);
  return () => {
    root.removeEventListener('focusin', remember, true);
    root.removeEventListener('pointerdown', remember, true);
  };
}
