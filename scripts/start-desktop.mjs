#!/usr/bin/env node
// `npm start`: builds the web app and the desktop shell, then opens Flywheel Lab in Electron on
// the built-in default scenario (or on the scenario files given after `--`). Where there is no
// Electron binary, it says so in a few lines with the ways out and exits with status 1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadProblem, electronVersion, findElectronBinary, noElectronMessage } from './desktop/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackageDir = path.join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const appArgs = args.filter((a) => a !== '--no-build');

let binary = findElectronBinary({ env: process.env, electronPackageDir });
if (!binary.ok && !process.env.ELECTRON_OVERRIDE_DIST_PATH && existsSync(path.join(electronPackageDir, 'install.js'))) {
  // Electron 45 downloads its binary on first use: try once, quietly (about 100 MB when online).
  process.stderr.write(`Flywheel Lab: downloading Electron ${electronVersion(electronPackageDir)}...\n`);
  const download = spawnSync(process.execPath, [path.join(electronPackageDir, 'install.js')], { cwd: root, encoding: 'utf8', timeout: 10 * 60 * 1000 });
  binary = findElectronBinary({ env: process.env, electronPackageDir });
  if (!binary.ok) binary = { ok: false, reason: `the Electron binary is not installed and could not be downloaded (${downloadProblem(`${download.stderr ?? ''}\n${download.stdout ?? ''}`)})` };
}
if (!binary.ok) {
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  process.stderr.write(`${noElectronMessage(binary.reason, electronVersion(electronPackageDir), scripts)}\n`);
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!skipBuild) {
  for (const script of ['build:web', 'build:electron']) {
    const built = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      process.stderr.write(`Flywheel Lab: \`npm run ${script}\` failed (status ${built.status}); not starting.\n`);
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
