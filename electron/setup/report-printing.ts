/**
 * Electron's side of the report printer (report/print-pdf.ts): hidden BrowserWindows in the print
 * partition's own in-memory session, whose every request but the document is cancelled.
 */
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import type { Log } from '../log';
import { createPdfPrinter, PRINT_PARTITION, type PrintReportPdf } from '../report/print-pdf';

export function setupReportPrinting(log: Log): PrintReportPdf {
  const printSession = session.fromPartition(PRINT_PARTITION, { cache: false });
  return createPdfPrinter({
    createWindow: (options) => {
      const win = new BrowserWindow(options);
      const contents = win.webContents;
      return {
        loadURL: (url) => win.loadURL(url),
        printToPDF: (o) => contents.printToPDF(o),
        onWillNavigate: (listener) =>
          void contents.on('will-navigate', (event) =>
            listener({ preventDefault: () => event.preventDefault(), url: event.url }),
          ),
        denyWindowOpen: () => contents.setWindowOpenHandler(() => ({ action: 'deny' })),
        destroy: () => win.destroy(),
        isDestroyed: () => win.isDestroyed(),
      };
    },
    session: {
      filterRequests: (allow) =>
        printSession.webRequest.onBeforeRequest((details, callback) =>
          callback({ cancel: !allow(details.url) }),
        ),
      denyPermissions: () => {
        printSession.setPermissionRequestHandler((_contents, _permission, callback) =>
          callback(false),
        );
        printSession.setPermissionCheckHandler(() => false);
        printSession.setDevicePermissionHandler(() => false);
        printSession.on('will-download', (event) => event.preventDefault());
      },
    },
    tempFolder: path.join(app.getPath('temp'), 'flywheel-lab'),
    log,
  });
}
