// Finds the Electron executable without loading the `electron` package (whose index.js tries to
// download the binary when it is missing, and throws with a stack trace when that fails offline).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The executable inside an Electron distribution folder, per platform. */
export function executableIn(distDir, platform = process.platform) {
  if (platform === 'darwin')
    return path.join(distDir, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return path.join(distDir, 'electron.exe');
  return path.join(distDir, 'electron');
}

/**
 * @param {{ env: NodeJS.ProcessEnv, electronPackageDir: string, platform?: NodeJS.Platform }} o
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary({ env, electronPackageDir, platform = process.platform }) {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidates = [executableIn(override, platform), path.join(override, 'electron')];
    const found = candidates.find((c) => existsSync(c));
    return found
      ? { ok: true, path: found }
      : {
          ok: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, but there is no Electron executable in it (looked for ${candidates[0]})`,
        };
  }
  if (!existsSync(path.join(electronPackageDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = path.join(electronPackageDir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = path.join(electronPackageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return { ok: true, path: binary };
  }
  return {
    ok: false,
    reason: 'the Electron binary has not been downloaded (node_modules/electron/dist is missing)',
  };
}

export function electronVersion(electronPackageDir) {
  try {
    return JSON.parse(readFileSync(path.join(electronPackageDir, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The few lines printed when there is no Electron: what is wrong and the ways out.
 * @param {{ reason: string, version: string, scripts: Record<string, string>, command: string, what: string }} o
 */
export function noElectronMessage({ reason, version, scripts, command, what }) {
  const browser = scripts.web
    ? '`npm run web` (a local development server; open the address it prints)'
    : '`npm run build:web` and serve dist/web with any static web server';
  return [
    `Flywheel Lab ${what}: ${reason}.`,
    'Ways out:',
    `  - on a machine with internet access, \`${command}\` downloads Electron ${version} by itself (or run \`npx install-electron\`);`,
    `  - or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron ${version} folder: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron ${command};`,
    `  - or use the browser build: ${browser}.`,
  ].join('\n');
}

/**
 * Finds the Electron binary, and where it is missing (and no override is set) tries once to
 * download it the way the electron package does on first use, quietly.
 */
export function ensureElectronBinary({ env, electronPackageDir, log }) {
  let binary = findElectronBinary({ env, electronPackageDir });
  const installer = path.join(electronPackageDir, 'install.js');
  if (binary.ok || env.ELECTRON_OVERRIDE_DIST_PATH || !existsSync(installer)) return binary;
  log(`Flywheel Lab: downloading Electron ${electronVersion(electronPackageDir)}...`);
  const download = spawnSync(process.execPath, [installer], {
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  binary = findElectronBinary({ env, electronPackageDir });
  if (binary.ok) return binary;
  const problem = downloadProblem(`${download.stderr ?? ''}\n${download.stdout ?? ''}`);
  return {
    ok: false,
    reason: `the Electron binary is not installed and could not be downloaded (${problem})`,
  };
}

/** The first line of a failed download's output that says what went wrong. */
export function downloadProblem(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    lines.find(
      (l) =>
        /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(l) &&
        !l.startsWith('at '),
    ) ??
    lines[0] ??
    'no output';
  return line.length > 160 ? `${line.slice(0, 160)}...` : line;
}
