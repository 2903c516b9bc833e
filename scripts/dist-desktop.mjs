#!/usr/bin/env node
// `npm run dist`: packages Flywheel Lab for the current platform with electron-builder
// (electron-builder.yml: AppImage + deb on Linux, dmg on macOS, NSIS on Windows). It packages the
// local Electron binary (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH), so where no
// binary can be had it says so, with the ways out, instead of failing inside electron-builder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronVersion } from './desktop/electron-binary.mjs';
import {
  DESKTOP_BUILD_SCRIPTS,
  electronBinaryOrExit,
  electronPackageDir,
  root,
  runScriptsOrExit,
} from './desktop/desktop-script.mjs';

electronBinaryOrExit({ command: 'npm run dist', what: 'cannot be packaged here' });
const electronDist =
  process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronPackageDir, 'dist');

runScriptsOrExit(DESKTOP_BUILD_SCRIPTS, 'not packaging');
const packaged = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion(electronPackageDir)}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (packaged.status !== 0) process.exit(packaged.status ?? 1);
