/**
 * The application menu as a pure function of the platform and the current recent files, so its
 * structure and accelerators are tested without Electron. Document commands (new, open, save,
 * undo...) are sent to the page, which owns the document; window and text commands use Electron's
 * roles so they behave natively.
 */
import type { MenuItemConstructorOptions } from 'electron';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  PRODUCT_NAME,
  type ExportFormat,
  type MenuCommand,
  type RecentFile,
  type ThemeChoice,
} from '../../renderer/bridge/contract';

export type Platform = 'darwin' | 'win32' | 'linux';

export interface MenuOptions {
  readonly platform: Platform;
  readonly recentFiles: readonly RecentFile[];
  readonly theme: ThemeChoice;
  /** Development builds get the developer tools and reload. */
  readonly developerTools: boolean;
  readonly send: (command: MenuCommand) => void;
  readonly actions: {
    readonly clearRecent: () => void;
    readonly showAbout: () => void;
    readonly openDocumentation: () => void;
    readonly chooseTheme: (theme: ThemeChoice) => void;
  };
}

/** Menu items of File > Export: the contract's labels, with the ellipsis of an item that asks more. */
export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = Object.fromEntries(
  EXPORT_FORMATS.map((format) => [format, `${EXPORT_FORMAT_LABELS[format]}…`]),
) as Record<ExportFormat, string>;

export const THEME_LABELS: Readonly<Record<ThemeChoice, string>> = {
  system: 'Follow System',
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High Contrast (Projector)',
};

/** Redo: Shift+Cmd+Z on macOS, Ctrl+Y on Windows, Ctrl+Shift+Z on Linux (each platform's habit). */
export function redoAccelerator(platform: Platform): string {
  if (platform === 'darwin') return 'Shift+Cmd+Z';
  if (platform === 'win32') return 'Ctrl+Y';
  return 'Ctrl+Shift+Z';
}

function recentLabel(file: RecentFile, platform: Platform): string {
  const dir = file.filePath
    ? file.filePath.slice(0, file.filePath.length - file.fileName.length - 1)
    : '';
  // Ampersands are mnemonics on Windows and Linux: escape them in file names.
  const escape = (s: string) => (platform === 'darwin' ? s : s.replace(/&/g, '&&'));
  return dir ? `${escape(file.fileName)}  —  ${escape(dir)}` : escape(file.fileName);
}

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const send = (command: MenuCommand) => () => o.send(command);

  const recentItems: MenuItemConstructorOptions[] = o.recentFiles.flatMap((f) =>
    f.filePath
      ? [
          {
            label: recentLabel(f, o.platform),
            click: send({ command: 'open-recent', filePath: f.filePath }),
          },
        ]
      : [],
  );
  const openRecent: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu: [
      ...(recentItems.length > 0 ? recentItems : [{ label: 'No Recent Files', enabled: false }]),
      { type: 'separator' },
      {
        label: 'Clear Recent Files',
        enabled: recentItems.length > 0,
        click: () => o.actions.clearRecent(),
      },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      { label: mac ? 'New' : '&New', accelerator: 'CmdOrCtrl+N', click: send({ command: 'new' }) },
      {
        label: mac ? 'New from Built-in Scenario…' : 'New from &Built-in Scenario…',
        click: send({ command: 'new-builtin' }),
      },
      {
        label: mac ? 'Open…' : '&Open…',
        accelerator: 'CmdOrCtrl+O',
        click: send({ command: 'open' }),
      },
      openRecent,
      { type: 'separator' },
      {
        label: mac ? 'Save' : '&Save',
        accelerator: 'CmdOrCtrl+S',
        click: send({ command: 'save' }),
      },
      {
        label: mac ? 'Save As…' : 'Save &As…',
        accelerator: 'CmdOrCtrl+Shift+S',
        click: send({ command: 'save-as' }),
      },
      {
        label: mac ? 'Export' : '&Export',
        submenu: EXPORT_FORMATS.map((format) => ({
          label: EXPORT_LABELS[format],
          click: send({ command: 'export', format }),
        })),
      },
      { type: 'separator' },
      mac
        ? { role: 'close' }
        : o.platform === 'win32'
          ? { role: 'quit', label: 'E&xit' }
          : { role: 'quit', label: '&Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      {
        label: mac ? 'Undo' : '&Undo',
        accelerator: 'CmdOrCtrl+Z',
        click: send({ command: 'undo' }),
      },
      {
        label: mac ? 'Redo' : '&Redo',
        accelerator: redoAccelerator(o.platform),
        click: send({ command: 'redo' }),
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const, { role: 'delete' } as const] : []),
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(o.developerTools
        ? [
            { role: 'reload' } as const,
            { role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { label: 'Present', accelerator: 'F5', click: send({ command: 'present' }) },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: (Object.keys(THEME_LABELS) as ThemeChoice[]).map((theme) => ({
          label: THEME_LABELS[theme],
          type: 'radio',
          checked: o.theme === theme,
          click: () => o.actions.chooseTheme(theme),
        })),
      },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      { label: 'Documentation', click: () => o.actions.openDocumentation() },
      ...(mac
        ? []
        : [
            { type: 'separator' } as const,
            { label: `About ${PRODUCT_NAME}`, click: () => o.actions.showAbout() },
          ]),
    ],
  };

  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: PRODUCT_NAME,
    submenu: [
      { label: `About ${PRODUCT_NAME}`, click: () => o.actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, { role: 'windowMenu' }, help];
}
