/**
 * An analysis's exports: a picture of any of its figures (PNG, SVG: the same exporters as File >
 * Export's chart pictures) and its tables as CSV, saved through the document controller (a save
 * dialog on the desktop, a download in a browser) with its notices.
 */
import { useState, type ReactElement } from 'react';
import { getDocumentController } from '../../bridge';
import { exportChoices } from '../../export/choices';
import { exportStem } from '../../export/app-exports';

export interface ExportFigure {
  /** The figure's picture id: its element has data-testid `chart-<id>`. */
  readonly id: string;
  readonly label: string;
}

export interface ExportTable {
  readonly id: string;
  readonly label: string;
  /** File name after the document's stem: `<stem>-<suffix>.csv`. */
  readonly suffix: string;
  readonly build: () => string;
}

export function AnalysisExports({
  figures,
  tables,
  testId,
}: {
  readonly figures: readonly ExportFigure[];
  readonly tables: readonly ExportTable[];
  readonly testId: string;
}): ReactElement {
  const [figure, setFigure] = useState(figures[0]?.id ?? '');
  const chosen = figures.find((f) => f.id === figure) ?? figures[0];
  const picture = (format: 'png' | 'svg'): void => {
    if (!chosen) return;
    exportChoices.setState({ picture: chosen.id });
    void getDocumentController().exportAs(format);
  };
  const table = (t: ExportTable): void => {
    void getDocumentController().exportWith('csv', async () => ({
      data: t.build(),
      suggestedName: `${exportStem()}-${t.suffix}.csv`,
    }));
  };
  return (
    <div className="fw-analysis-exports" role="group" aria-label="Export this analysis">
      <span className="fw-analysis-exports__title">Export</span>
      {figures.length > 0 ? (
        <>
          <label className="fw-analysis-exports__figure">
            <span className="fw-visually-hidden">Figure</span>
            <select
              value={chosen?.id ?? ''}
              onChange={(e) => setFigure(e.currentTarget.value)}
              data-testid={`${testId}-export-figure`}
            >
              {figures.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="fw-button"
            onClick={() => picture('png')}
            data-testid={`${testId}-export-png`}
          >
            PNG
          </button>
          <button
            type="button"
            className="fw-button"
            onClick={() => picture('svg')}
            data-testid={`${testId}-export-svg`}
          >
            SVG
          </button>
        </>
      ) : null}
      {tables.map((t) => (
        <button
          key={t.id}
          type="button"
          className="fw-button"
          onClick={() => table(t)}
          data-testid={`${testId}-export-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
