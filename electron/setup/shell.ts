/**
 * Puts the shell together once Electron is ready: security guards, the app:// protocol, the file
 * services, IPC, the menu and the document window, and the lifecycle (quit asks the page first,
 * a clean exit drops the backup, files from the OS go to the page).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  screen,
  shell,
  webContents,
} from 'electron';
import { PRODUCT_NAME } from '../../renderer/bridge/contract';
import { setupAppProtocol } from '../app-protocol';
import { createFileDialogs } from '../dialogs';
import { BackupStore } from '../files/backup-store';
import { RecentFiles } from '../files/recent-files';
import { removeInterruptedSaves } from '../files/startup-cleanup';
import { DroppedFiles } from '../ipc/dropped-files';
import { createHandlers } from '../ipc/handlers';
import { createPresenterHandlers } from '../presenter/handlers';
import { PathGrants } from '../ipc/path-grants';
import { registerHandlers } from '../ipc/wrapper';
import { createLinkOpener } from '../security/external-links';
import { scenarioPathsFromArgv, type OpenQueue } from '../lifecycle/open-requests';
import { createLog } from '../log';
import { shellPaths } from '../paths';
import { loadWindowState, workAreas } from '../window/main-window';
import { DocumentWindow } from './document-window';
import { setupMenu } from './menu';
import { audienceWindow, setupPresenterView } from './presenter-view';
import { setupReportPrinting } from './report-printing';
import { setupSecurity } from './security';

export async function startShell(openQueue: OpenQueue): Promise<void> {
  const paths = shellPaths({
    bundleDir: __dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
    logs: app.getPath('logs'),
  });
  const log = createLog(paths.log, !app.isPackaged);
  log(`starting ${PRODUCT_NAME} ${app.getVersion()} (Electron ${process.versions.electron})`);
  // The only call of shell.openExternal: every link passes the allow-list in createLinkOpener.
  const openLink = createLinkOpener((url) => shell.openExternal(url), log);
  setupSecurity(log, openLink);
  setupAppProtocol(protocol, paths.webRoot);

  const recent = new RecentFiles({ storePath: paths.recentFiles, log });
  const backup = new BackupStore({ folder: paths.backupFolder });
  const grants = new PathGrants(recent);
  const drops = new DroppedFiles();
  void cleanUpInterruptedSaves(recent, [paths.backupFolder, path.dirname(paths.recentFiles)], log);
  let current: DocumentWindow | null = null;
  // A quit asks each window to close; the page may hold the close (unsaved changes) and answer
  // later, so whether the app quits is decided per close request, not by a lingering flag.
  let quitting = false;
  let quitAfterClose = false;

  const menu = setupMenu({
    developerTools: !app.isPackaged,
    listRecent: () => recent.entries(),
    send: (command) => current?.send(command),
    actions: {
      clearRecent: () => recent.clear(),
      showAbout: () => app.showAboutPanel(),
      openDocumentation: () => void openDocumentation(paths.documentation, log),
    },
  });
  app.setAboutPanelOptions({
    applicationName: PRODUCT_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
    credits: 'Simulates the data flywheel with and without data products.',
  });

  const windowOptions = {
    preloadPath: paths.preload,
    iconPath: paths.icon,
    devTools: !app.isPackaged,
  };
  const presenterView = setupPresenterView(windowOptions, log);

  const openWindow = async () => {
    const state = await loadWindowState(
      paths.windowState,
      workAreas(screen.getAllDisplays(), screen.getPrimaryDisplay()),
      log,
    );
    current = new DocumentWindow({
      state,
      ...windowOptions,
      settingsPath: paths.windowState,
      log,
      openQueue,
      deliverOpen: (window, filePath) => {
        grants.add(filePath);
        window.send({ command: 'open-path', filePath });
      },
      onCloseRequested: () => {
        quitAfterClose = quitting;
        quitting = false;
      },
      onClosed: (clean) => {
        if (current) drops.forget(current.webContentsId);
        current = null;
        presenterView.documentClosed();
        if (clean) void backup.clear();
        if (quitAfterClose || process.platform !== 'darwin') app.quit();
      },
    });
    presenterView.attach(audienceWindow(current.win));
  };

  registerHandlers(
    ipcMain,
    {
      ...createHandlers({
        dialogs: createFileDialogs(dialog, (id) => {
          const contents = webContents.fromId(id);
          return contents ? BrowserWindow.fromWebContents(contents) : null;
        }),
        recent,
        backup,
        grants,
        drops,
        windows: {
          setDocumentState: (id, state) =>
            current?.webContentsId === id ? current.setDocumentState(state) : undefined,
          closeConfirmed: (id) =>
            current?.webContentsId === id ? current.closeConfirmed() : undefined,
        },
        openLink,
        recentChanged: () => void menu.refresh(),
      }),
      printReportPdf: setupReportPrinting(log),
      ...createPresenterHandlers(presenterView),
    },
    {
      roleOf: (id) =>
        current?.webContentsId === id
          ? 'document'
          : presenterView.isPresenterWindow(id)
            ? 'presenter'
            : null,
    },
    log,
  );

  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const filePath of scenarioPathsFromArgv(argv, workingDirectory)) openQueue.push(filePath);
    if (current) current.focus();
    else void openWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!current) void openWindow();
  });

  await menu.refresh();
  await openWindow();
}

/** Temporary files left by saves that a crash interrupted (files/startup-cleanup.ts). */
async function cleanUpInterruptedSaves(
  recent: RecentFiles,
  appFolders: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  try {
    const recentFiles = (await recent.entries()).flatMap((f) => (f.filePath ? [f.filePath] : []));
    const removed = await removeInterruptedSaves({ appFolders, recentFiles });
    for (const file of removed) log(`removed the temporary file of an interrupted save: ${file}`);
  } catch (e) {
    log(`cleaning up after interrupted saves failed: ${String(e)}`);
  }
}

async function openDocumentation(folder: string, log: (line: string) => void): Promise<void> {
  const candidates = ['README.md', 'MODEL.md', 'ARCHITECTURE.md'].map((n) => path.join(folder, n));
  candidates.push(path.join(folder, '..', 'README.md'));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    log(`documentation not found in ${folder}`);
    await dialog.showMessageBox({
      type: 'info',
      message: 'The documentation is not included in this build.',
    });
    return;
  }
  const problem = await shell.openPath(found);
  if (problem) log(`documentation: ${problem}`);
}
