/**
 * The Export menu of the workspace header: the report (HTML, and PDF: printed by the desktop app,
 * or through the browser's print dialog in a browser) with its loop at a chosen week, every series
 * and the comparison of the Compare view's runs (ticked in or out), every series
 * (readable or machine CSV, JSON), a picture of any chart or loop (SVG, PNG, framed with title,
 * legend and caption) and a copy of the scenario. Escape or a click outside closes it. The buttons and the desktop menu's File > Export go through the
 * same registered exporters; files are saved through the document controller (system dialog on
 * the desktop, a download in the browser). What a slow export is doing shows under the button,
 * whichever way it was started.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
import { useStore } from 'zustand';
import { getBridge, getDocumentController, registerExporter, type ExportFormat } from '../bridge';
import { PAPERS, type Paper } from '../report/print-options';
import { appReportParts, pictureTargets, type PictureTarget } from './app-exports';
import { exportChoices, withStatus } from './choices';
import { nextPaint, PAPER_LABELS, registerAppExporters, trackLastPicture } from './exporters';
import { CompareInReportField } from './CompareInReportField';
import { LoopWeekField } from './LoopWeekField';
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
  wide = false,
}: {
  testId: string;
  disabled: boolean;
  onClick: () => void;
  title?: string;
  children: string;
  /** Spans the panel's width. */
  wide?: boolean;
}): ReactElement {
  return (
    <button
      type="button"
      className={wide ? 'fw-button fw-export__wide' : 'fw-button'}
      disabled={disabled}
      data-testid={testId}
      onClick={onClick}
      title={title}
    >
      {children}
    </button>
  );
}

/** Closes the panel on Escape (focus back on the button) and on a click outside the menu. */
function useDismiss(
  open: boolean,
  close: () => void,
  root: RefObject<HTMLElement | null>,
  toggle: RefObject<HTMLButtonElement | null>,
): void {
  useEffect(() => {
    if (!open) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close();
      toggle.current?.focus();
    };
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [open, close, root, toggle]);
}

export function ExportMenu(): ReactElement {
  const [open, setOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [targets, setTargets] = useState<PictureTarget[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const status = useStore(exportChoices, (s) => s.status);
  const paper = useStore(exportChoices, (s) => s.paper);
  const picture = useStore(exportChoices, (s) => s.picture);
  const csvStyle = useStore(exportChoices, (s) => s.csvStyle);
  const desktop = getBridge().kind === 'desktop';
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef, toggleRef);

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
    <div className="fw-export" data-testid="export-menu" ref={rootRef}>
      <button
        ref={toggleRef}
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
        <div
          id="fw-export-panel"
          className="fw-export__panel"
          role="group"
          aria-label="Export"
          data-testid="export-panel"
        >
          <h3 className="fw-export__heading">Report</h3>
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
          <LoopWeekField />
          <CompareInReportField onChoose={close} />
          <h3 className="fw-export__heading">Weekly series</h3>
          <ExportButton testId="export-csv" disabled={busy} onClick={() => exportAs('csv')}>
            Series (CSV)
          </ExportButton>
          <ExportButton testId="export-json" disabled={busy} onClick={() => exportAs('json')}>
            Series (JSON)
          </ExportButton>
          <label className="fw-export__check">
            <input
              type="checkbox"
              checked={csvStyle === 'machine'}
              onChange={(e) =>
                exportChoices.setState({
                  csvStyle: e.currentTarget.checked ? 'machine' : 'readable',
                })
              }
              data-testid="export-csv-machine"
            />
            <span>CSV for scripts: metric names and full precision, as flywheel run writes</span>
          </label>
          <h3 className="fw-export__heading">Picture</h3>
          <label className="fw-export__picture">
            <span className="fw-visually-hidden">Chart or loop</span>
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
          <h3 className="fw-export__heading">Scenario</h3>
          <ExportButton
            testId="export-scenario"
            disabled={busy}
            onClick={() => exportAs('scenario')}
            title="Save a copy of the scenario file (the document itself stays as it is)"
            wide
          >
            Scenario copy (.flywheel.json)
          </ExportButton>
          {statusLine}
        </div>
      ) : (
        statusLine
      )}
    </div>
  );
}
