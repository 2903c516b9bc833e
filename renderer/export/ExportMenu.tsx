/**
 * The Export menu of the workspace header: the report (HTML; PDF in the desktop app or from the
 * command line), every series (CSV, JSON) and a picture of any chart or loop (SVG, PNG). Files
 * are saved through the document controller (system dialog on the desktop, a download in the
 * browser); the menu says what it is doing while a slow export runs.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { getBridge, getDocumentController, registerExporter, type ExportFormat } from '../bridge';
import {
  appReportHtml,
  appSeriesCsv,
  appSeriesJson,
  pictureTargets,
  picturePng,
  pictureSvg,
  type ExportContent,
  type PictureTarget,
} from './app-exports';
import './export.css';

export const PDF_HINT =
  'A PDF report is printed by the desktop app or the command line (flywheel report --out report.pdf). In the browser, export the HTML report and print it to PDF from the browser.';

/** Lets the browser paint the progress text before a long synchronous build starts. */
const nextPaint = (): Promise<void> =>
  new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

async function exportWith(
  format: ExportFormat,
  build: () => ExportContent | Promise<ExportContent>,
): Promise<boolean> {
  const unregister = registerExporter(format, async () => build());
  try {
    return await getDocumentController().exportAs(format);
  } finally {
    unregister();
  }
}

export function ExportMenu(): ReactElement {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [targets, setTargets] = useState<PictureTarget[]>([]);
  const [targetId, setTargetId] = useState('');

  // File > Export in the desktop menu reaches the same builders.
  useEffect(() => {
    const off = [
      registerExporter('html', async () => appReportHtml()),
      registerExporter('csv', async () => appSeriesCsv()),
      registerExporter('json', async () => appSeriesJson()),
    ];
    return () => off.forEach((f) => f());
  }, []);

  useEffect(() => {
    if (!open) return;
    const found = pictureTargets();
    setTargets(found);
    setTargetId((id) => (found.some((t) => t.id === id) ? id : (found[0]?.id ?? '')));
  }, [open]);

  const run = async (
    label: string,
    format: ExportFormat,
    build: () => ExportContent | Promise<ExportContent>,
  ): Promise<void> => {
    setHint(null);
    setBusy(label);
    try {
      await nextPaint();
      await exportWith(format, build);
    } finally {
      setBusy(null);
    }
  };
  const target = (): PictureTarget => {
    const t = pictureTargets().find((x) => x.id === targetId);
    if (!t) throw new Error('That picture is not on the page any more: choose another.');
    return t;
  };
  const desktop = getBridge().kind === 'desktop';

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
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null}
            data-testid="export-report-html"
            onClick={() => void run('Building the report…', 'html', appReportHtml)}
          >
            Report (HTML)
          </button>
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null}
            data-testid="export-report-pdf"
            onClick={() => setHint(PDF_HINT)}
            title={desktop ? PDF_HINT : undefined}
          >
            Report (PDF)
          </button>
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null}
            data-testid="export-csv"
            onClick={() => void run('Writing the series…', 'csv', appSeriesCsv)}
          >
            Series (CSV)
          </button>
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null}
            data-testid="export-json"
            onClick={() => void run('Writing the series…', 'json', appSeriesJson)}
          >
            Series (JSON)
          </button>
          <label className="fw-export__picture">
            <span>Picture</span>
            <select
              value={targetId}
              onChange={(e) => setTargetId(e.currentTarget.value)}
              data-testid="export-target"
            >
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null || targetId === ''}
            data-testid="export-svg"
            onClick={() => void run('Drawing the picture…', 'svg', () => pictureSvg(target()))}
          >
            SVG
          </button>
          <button
            type="button"
            className="fw-button"
            disabled={busy !== null || targetId === ''}
            data-testid="export-png"
            onClick={() => void run('Drawing the picture…', 'png', () => picturePng(target()))}
          >
            PNG
          </button>
          <p
            className="fw-export__status"
            role="status"
            aria-live="polite"
            data-testid="export-status"
          >
            {busy ?? hint ?? ''}
          </p>
        </div>
      ) : null}
    </div>
  );
}
