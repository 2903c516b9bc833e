#!/usr/bin/env node
// `npm start`: builds the web app and the desktop shell, then opens Flywheel Lab in Electron on
// the built-in default scenario (or on the scenario files given after `--`). Where there is no
// Electron binary, it says so in a few lines with the ways out and exits with status 1.
import { spawn, spawnSync } from 'node:child_process';
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
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const appArgs = args.filter((a) => a !== '--no-build');

const binary = ensureElectronBinary({
  env: process.env,
  electronPackageDir,
  log: (l) => process.stderr.write(`${l}\n`),
});
if (!binary.ok) {
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  const version = electronVersion(electronPackageDir);
  process.stderr.write(
    `${noElectronMessage({ reason: binary.reason, version, scripts, command: 'npm start', what: '(desktop) cannot start' })}\n`,
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!skipBuild) {
  for (const script of ['build:web', 'build:electron']) {
    const built = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      process.stderr.write(
        `Flywheel Lab: \`npm run ${script}\` failed (status ${built.status}); not starting.\n`,
      );
      process.exit(built.status ?? 1);
    }
  }
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary.path, [root, ...appArgs], { cwd: process.cwd(), stdio: 'inherit', env });
child.on('error', (e) => {
  process.stderr.write(`Flywheel Lab: could not run ${binary.path}: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
