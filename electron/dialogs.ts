/** The system's open and save dialogs, attached to the window that asked. */
import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import type { ExportFormat } from '../renderer/bridge/contract';
import type { FileDialogs } from './ipc/handlers';

export const SAVE_FILTERS: Readonly<Record<ExportFormat, FileFilter[]>> = {
  scenario: [{ name: 'Flywheel Lab scenario', extensions: ['flywheel.json', 'json'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  html: [{ name: 'HTML report', extensions: ['html'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
  png: [{ name: 'PNG image', extensions: ['png'] }],
  svg: [{ name: 'SVG image', extensions: ['svg'] }],
};

export function createFileDialogs(
  dialog: Dialog,
  windowOf: (senderId: number) => BrowserWindow | null,
): FileDialogs {
  return {
    async chooseFileToOpen(senderId) {
      const win = windowOf(senderId);
      const options = {
        title: 'Open Scenario',
        properties: ['openFile' as const],
        filters: [
          { name: 'Flywheel Lab scenario', extensions: ['flywheel.json', 'json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSaveLocation(senderId, suggestedName, format) {
      const win = windowOf(senderId);
      const options = {
        title: format === 'scenario' ? 'Save Scenario' : 'Export',
        defaultPath: suggestedName,
        filters: SAVE_FILTERS[format],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
