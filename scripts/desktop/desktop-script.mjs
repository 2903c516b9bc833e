// What `npm start` (start-desktop.mjs) and `npm run dist` (dist-desktop.mjs) share: the
// repository's paths, the Electron binary or a short message with the ways out (exit status 1),
// and the build steps run through npm, stopping at the first that fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion, ensureElectronBinary, noElectronMessage } from './electron-binary.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const electronPackageDir = path.join(root, 'node_modules', 'electron');
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The Electron executable (downloaded once if it can be), or, where there is none, the few lines
 * of `noElectronMessage` on stderr and exit status 1. `command` and `what` word the message:
 * "Flywheel Lab <what>: ..." and which command to run again.
 */
export function electronBinaryOrExit({ command, what }) {
  const binary = ensureElectronBinary({
    env: process.env,
    electronPackageDir,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  if (binary.ok) return binary.path;
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  const version = electronVersion(electronPackageDir);
  process.stderr.write(
    `${noElectronMessage({ reason: binary.reason, version, scripts, command, what })}\n`,
  );
  process.exit(1);
}

/** Runs `npm run <script>` for each script in order; exits with its status if one fails. */
export function runScriptsOrExit(scripts, whatFails) {
  for (const script of scripts) {
    const built = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      process.stderr.write(
        `Flywheel Lab: \`npm run ${script}\` failed (status ${built.status}); ${whatFails}.\n`,
      );
      process.exit(built.status ?? 1);
    }
  }
}

/** The web app and the desktop shell, as both commands need them. */
export const DESKTOP_BUILD_SCRIPTS = ['build:web', 'build:electron'];
