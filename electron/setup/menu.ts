/** Installs the application menu and rebuilds it when the recent files or the theme change. */
import { app, Menu } from 'electron';
import type { MenuCommand, RecentFile, ThemeChoice } from '../../renderer/bridge/contract';
import { buildMenuTemplate, type Platform } from '../menu/template';

export interface MenuDeps {
  readonly developerTools: boolean;
  readonly listRecent: () => Promise<RecentFile[]>;
  readonly send: (command: MenuCommand) => void;
  readonly actions: {
    readonly clearRecent: () => Promise<void>;
    readonly showAbout: () => void;
    readonly openDocumentation: () => void;
  };
}

export interface AppMenu {
  /** Rebuilds the menu (after the recent list changed). */
  refresh(): Promise<void>;
}

export function setupMenu(deps: MenuDeps): AppMenu {
  let theme: ThemeChoice = 'system';
  const platform: Platform =
    process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  const refresh = async () => {
    const recentFiles = await deps.listRecent();
    if (platform === 'darwin') {
      app.clearRecentDocuments();
      for (const f of [...recentFiles].reverse()) if (f.filePath) app.addRecentDocument(f.filePath);
    }
    const template = buildMenuTemplate({
      platform,
      recentFiles,
      theme,
      developerTools: deps.developerTools,
      send: deps.send,
      actions: {
        ...deps.actions,
        clearRecent: () => void deps.actions.clearRecent().then(refresh),
        chooseTheme: (next) => {
          theme = next;
          deps.send({ command: 'theme', theme: next });
          void refresh();
        },
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  return { refresh };
}
