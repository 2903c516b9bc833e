/**
 * What each file, window and link request does (report printing and the presenter view have
 * feature files of their own). Electron's dialogs, shell and windows are injected (`HandlerDeps`),
 * so the handlers run in Node tests against a real temporary folder. Requests arrive here already
 * checked and validated by the wrapper (wrapper.ts).
 */
import path from 'node:path';
import {
  fail,
  ok,
  SCENARIO_FILE_EXTENSION,
  type ExportFormat,
  type RequestOf,
} from '../../renderer/bridge/contract';
import type { BackupStore } from '../files/backup-store';
import { safeFileName } from '../files/safe-file-name';
import type { RecentFiles } from '../files/recent-files';
import { readScenarioFile, writeFileAtomically, writeScenarioFile } from '../files/scenario-files';
import type { OpenLink } from '../security/external-links';
import type { DroppedFiles } from './dropped-files';
import type { PathGrants } from './path-grants';
import type { Handlers } from './wrapper';

/** Channels served by feature files of their own: report printing and the presenter view. */
export type FeatureChannel =
  | 'printReportPdf'
  | 'openPresenterView'
  | 'closePresenterView'
  | 'publishPresenterState'
  | 'sendPresenterCommand';
export type FileHandlers = Omit<Handlers, FeatureChannel>;

export interface FileDialogs {
  /** The chosen scenario file, or null when the user cancelled. */
  chooseFileToOpen(senderId: number): Promise<string | null>;
  /** Where to save, or null when the user cancelled. The dialog confirms overwriting. */
  chooseSaveLocation(
    senderId: number,
    suggestedName: string,
    format: ExportFormat,
  ): Promise<string | null>;
}

export interface WindowControl {
  setDocumentState(senderId: number, state: RequestOf<'setDocumentState'>): void;
  closeConfirmed(senderId: number): void;
}

export interface HandlerDeps {
  readonly dialogs: FileDialogs;
  readonly recent: RecentFiles;
  readonly backup: BackupStore;
  readonly grants: PathGrants;
  /** What the preload saw dropped onto each window (only those paths open as dropped files). */
  readonly drops: DroppedFiles;
  readonly windows: WindowControl;
  /** Opens an allow-listed link in the system browser; false when the link is refused. */
  readonly openLink: OpenLink;
  /** Called whenever the recent list changes (the menu shows it). */
  readonly recentChanged: () => void;
}

/** Dropped files must look like scenario files; anything else is refused before it is read. */
export function isDroppableScenarioPath(filePath: string): boolean {
  return path.isAbsolute(filePath) && filePath.toLowerCase().endsWith('.json');
}

export function createHandlers(deps: HandlerDeps): FileHandlers {
  const remember = async (filePath: string) => {
    deps.grants.add(filePath);
    await deps.recent.add(filePath);
    deps.recentChanged();
  };

  const openKnown = async (filePath: string) => {
    const result = await readScenarioFile(filePath);
    if (result.ok) await remember(filePath);
    return result;
  };

  const saveTo = async (filePath: string, text: string) => {
    const result = await writeScenarioFile(filePath, text);
    if (result.ok) await remember(filePath);
    return result;
  };

  const saveAs = async (senderId: number, text: string, suggestedName: string) => {
    const target = await deps.dialogs.chooseSaveLocation(
      senderId,
      safeFileName(suggestedName, 'scenario'),
      'scenario',
    );
    if (target === null) return fail('canceled', 'Save cancelled.');
    return saveTo(target, text);
  };

  return {
    async openDialog(_request, { senderId }) {
      const chosen = await deps.dialogs.chooseFileToOpen(senderId);
      if (chosen === null) return fail('canceled', 'Open cancelled.');
      return openKnown(chosen);
    },
    async openPath({ filePath }) {
      if (!(await deps.grants.allows(filePath))) {
        return fail(
          'forbidden',
          `${path.basename(filePath)} was not opened: the app only opens files you chose, dropped or opened before.`,
        );
      }
      return openKnown(filePath);
    },
    async recordDrop({ filePaths }, { senderId }) {
      deps.drops.record(senderId, filePaths);
      return ok(null);
    },
    async openDropped({ filePath }, { senderId }) {
      if (!deps.drops.take(senderId, filePath)) {
        return fail(
          'forbidden',
          `${path.basename(filePath)} was not opened: the app opens a dropped file only when it was dropped onto its window. Use File > Open… to choose it.`,
        );
      }
      if (!isDroppableScenarioPath(filePath)) {
        return fail(
          'invalid-file',
          `${path.basename(filePath)} is not a scenario file (${SCENARIO_FILE_EXTENSION}).`,
        );
      }
      return openKnown(filePath);
    },
    async save({ text, fileName, filePath }, { senderId }) {
      if (filePath !== null && (await deps.grants.allows(filePath))) return saveTo(filePath, text);
      return saveAs(senderId, text, fileName);
    },
    async saveAs({ text, suggestedName }, { senderId }) {
      return saveAs(senderId, text, suggestedName);
    },
    async exportFile({ format, suggestedName, data }, { senderId }) {
      const target = await deps.dialogs.chooseSaveLocation(
        senderId,
        safeFileName(suggestedName, format),
        format,
      );
      if (target === null) return fail('canceled', 'Export cancelled.');
      return writeFileAtomically(target, data);
    },
    async listRecent() {
      return ok(await deps.recent.entries());
    },
    async clearRecent() {
      await deps.recent.clear();
      deps.recentChanged();
      return ok(null);
    },
    async readBackup() {
      return deps.backup.read();
    },
    async writeBackup(request) {
      return deps.backup.write(request);
    },
    async clearBackup() {
      return deps.backup.clear();
    },
    async setDocumentState(state, { senderId }) {
      const known = state.filePath !== null && (await deps.grants.allows(state.filePath));
      deps.windows.setDocumentState(senderId, {
        ...state,
        filePath: known ? state.filePath : null,
      });
      return ok(null);
    },
    async closeWindow(_request, { senderId }) {
      deps.windows.closeConfirmed(senderId);
      return ok(null);
    },
    async openExternal({ url }) {
      if (!(await deps.openLink(url)))
        return fail('forbidden', 'This link is not on the list of sites the app may open.');
      return ok(null);
    },
  };
}
