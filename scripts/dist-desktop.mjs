#!/usr/bin/env node
// `npm run dist`: packages Flywheel Lab for the current platform with electron-builder
// (electron-builder.yml: AppImage + deb on Linux, dmg on macOS, NSIS on Windows). It packages the
// local Electron binary (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH), so where no
// binary can be had it says so, with the ways out, instead of failing inside electron-builder.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  electronVersion,
  ensureElectronBinary,
  noElectronMessage,
} from './desktop/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackageDir = path.join(root, 'node_modules', 'electron');
const binary = ensureElectronBinary({
  env: process.env,
  electronPackageDir,
  log: (l) => process.stderr.write(`${l}\n`),
});
if (!binary.ok) {
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  const version = electronVersion(electronPackageDir);
  process.stderr.write(
    `${noElectronMessage({ reason: binary.reason, version, scripts, command: 'npm run dist', what: 'cannot be packaged here' })}\n`,
  );
  process.exit(1);
}
const electronDist =
  process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronPackageDir, 'dist');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  [npm, ['run', '--silent', 'build:web']],
  [npm, ['run', '--silent', 'build:electron']],
  [
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion(electronPackageDir)}`,
      ...process.argv.slice(2),
    ],
  ],
];
for (const [command, args] of steps) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
