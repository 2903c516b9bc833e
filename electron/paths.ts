/**
 * Where the shell finds its files. The bundle lives in dist/electron/ both in development and in
 * the packaged app (inside app.asar), so the web app is always ../web next to it.
 */
import path from 'node:path';

export interface ShellPaths {
  readonly webRoot: string;
  readonly preload: string;
  readonly icon: string | null;
  readonly documentation: string;
  readonly windowState: string;
  readonly recentFiles: string;
  readonly backupFolder: string;
  readonly log: string;
}

export interface PathInputs {
  /** Folder of the bundled main script (dist/electron). */
  readonly bundleDir: string;
  readonly isPackaged: boolean;
  /** process.resourcesPath in the packaged app. */
  readonly resourcesPath: string;
  readonly userData: string;
  readonly logs: string;
}

export function shellPaths(i: PathInputs): ShellPaths {
  const repoRoot = path.resolve(i.bundleDir, '..', '..');
  return {
    webRoot: path.resolve(i.bundleDir, '..', 'web'),
    preload: path.join(i.bundleDir, 'preload.js'),
    // Packaged apps take their icon from the executable; development shows the PNG.
    icon: i.isPackaged ? null : path.join(repoRoot, 'assets', 'icons', '512x512.png'),
    documentation: i.isPackaged ? path.join(i.resourcesPath, 'docs') : path.join(repoRoot, 'docs'),
    windowState: path.join(i.userData, 'window-state.json'),
    recentFiles: path.join(i.userData, 'recent-files.json'),
    backupFolder: path.join(i.userData, 'backup'),
    log: path.join(i.logs, 'main.log'),
  };
}
