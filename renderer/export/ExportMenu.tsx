/**
 * The Export menu of the workspace header: the report (HTML, and PDF: printed by the desktop app,
 * or through the browser's print dialog in a browser), every series (CSV, JSON) and a picture of
 * any chart or loop (SVG, PNG). The buttons and the desktop menu's File > Export go through the
 * same registered exporters; files are saved through the document controller (system dialog on
 * the desktop, a download in the browser). What a slow export is doing shows under the button,
 * whichever way it was started.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { getBridge, getDocumentController, registerExporter, type ExportFormat } from '../bridge';
import { PAPERS, type Paper } from '../report/print-options';
import { appReportParts, pictureTargets, type PictureTarget } from './app-exports';
import { exportChoices, withStatus } from './choices';
import { nextPaint, PAPER_LABELS, registerAppExporters, trackLastPicture } from './exporters';
import { printReportInBrowser } from './print-in-browser';
import './export.css';

/** Shown in the browser when the print dialog is on its way (no file is saved by the app). */
export const BROWSER_PRINT_HINT =
  'In the print dialog, choose "Save as PDF" as the destination. The command line makes the same PDF: flywheel report --out report.pdf';

async function printInBrowser(paper: Paper): Promise<void> {
  await withStatus(`Preparing the report for printing (${PAPER_LABELS[paper]})…`, async () => {
    await nextPaint();
    printReportInBrowser(appReportParts(), paper);
  });
}

/** One button of the menu (all share the look and are disabled while an export runs). */
function ExportButton({
  testId,
  disabled,
  onClick,
  title,
  children,
}: {
  testId: string;
  disabled: boolean;
  onClick: () => void;
  title?: string;
  children: string;
}): ReactElement {
  return (
    <button
      type="button"
      className="fw-button"
      disabled={disabled}
      data-testid={testId}
      onClick={onClick}
      title={title}
    >
      {children}
    </button>
  );
}

export function ExportMenu(): ReactElement {
  const [open, setOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [targets, setTargets] = useState<PictureTarget[]>([]);
  const status = useStore(exportChoices, (s) => s.status);
  const paper = useStore(exportChoices, (s) => s.paper);
  const picture = useStore(exportChoices, (s) => s.picture);
  const desktop = getBridge().kind === 'desktop';

  // File > Export in the desktop menu reaches the same exporters as the buttons.
  useEffect(() => {
    const unregister = registerAppExporters(registerExporter, getBridge());
    const untrack = trackLastPicture(document);
    return () => {
      unregister();
      untrack();
    };
  }, []);

  useEffect(() => {
    if (open) setTargets(pictureTargets());
  }, [open]);
  const chosen = targets.find((t) => t.id === picture) ?? targets[0];

  const exportAs = (format: ExportFormat): void => {
    setHint(null);
    void getDocumentController().exportAs(format);
  };
  const exportPicture = (format: 'png' | 'svg'): void => {
    if (chosen) exportChoices.setState({ picture: chosen.id });
    exportAs(format);
  };
  const exportPdf = (): void => {
    if (desktop) {
      exportAs('pdf');
      return;
    }
    setHint(null);
    printInBrowser(paper).then(
      () => setHint(BROWSER_PRINT_HINT),
      (e: unknown) =>
        setHint(
          `The report could not be printed: ${e instanceof Error ? e.message : String(e)}. Export the HTML report and print it, or run flywheel report --out report.pdf`,
        ),
    );
  };
  const busy = status !== null;
  const statusText = status ?? (open ? hint : null) ?? '';
  const statusLine = (
    <p
      className={open ? 'fw-export__status' : 'fw-export__status fw-export__status--floating'}
      role="status"
      aria-live="polite"
      data-testid="export-status"
    >
      {statusText}
    </p>
  );

  return (
    <div className="fw-export" data-testid="export-menu">
      <button
        type="button"
        className="fw-button"
        aria-expanded={open}
        aria-controls="fw-export-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="export-toggle"
      >
        Export
      </button>
      {open ? (
        <div id="fw-export-panel" className="fw-export__panel" role="group" aria-label="Export">
          <ExportButton
            testId="export-report-html"
            disabled={busy}
            onClick={() => exportAs('html')}
          >
            Report (HTML)
          </ExportButton>
          <ExportButton
            testId="export-report-pdf"
            disabled={busy}
            onClick={exportPdf}
            title={
              desktop
                ? `Save the report as a PDF on ${PAPER_LABELS[paper]} paper`
                : `Print the report (choose "Save as PDF") on ${PAPER_LABELS[paper]} paper`
            }
          >
            {desktop ? 'Report (PDF)' : 'Report (PDF: print)'}
          </ExportButton>
          <label className="fw-export__paper">
            <span>Paper</span>
            <select
              value={paper}
              onChange={(e) => exportChoices.setState({ paper: e.currentTarget.value as Paper })}
              data-testid="export-paper"
            >
              {PAPERS.map((p) => (
                <option key={p} value={p}>
                  {PAPER_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <ExportButton testId="export-csv" disabled={busy} onClick={() => exportAs('csv')}>
            Series (CSV)
          </ExportButton>
          <ExportButton testId="export-json" disabled={busy} onClick={() => exportAs('json')}>
            Series (JSON)
          </ExportButton>
          <label className="fw-export__picture">
            <span>Picture</span>
            <select
              value={chosen?.id ?? ''}
              onChange={(e) => exportChoices.setState({ picture: e.currentTarget.value })}
              data-testid="export-target"
            >
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <ExportButton
            testId="export-svg"
            disabled={busy || !chosen}
            onClick={() => exportPicture('svg')}
          >
            SVG
          </ExportButton>
          <ExportButton
            testId="export-png"
            disabled={busy || !chosen}
            onClick={() => exportPicture('png')}
          >
            PNG
          </ExportButton>
          {statusLine}
        </div>
      ) : (
        statusLine
      )}
    </div>
  );
}
