#!/usr/bin/env node
// `npm start`: builds the web app and the desktop shell, then opens Flywheel Lab in Electron on
// the built-in default scenario (or on the scenario files given after `--`). Where there is no
// Electron binary, it says so in a few lines with the ways out and exits with status 1.
import { spawn } from 'node:child_process';
import {
  DESKTOP_BUILD_SCRIPTS,
  electronBinaryOrExit,
  root,
  runScriptsOrExit,
} from './desktop/desktop-script.mjs';

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const appArgs = args.filter((a) => a !== '--no-build');

const electron = electronBinaryOrExit({ command: 'npm start', what: '(desktop) cannot start' });
if (!skipBuild) runScriptsOrExit(DESKTOP_BUILD_SCRIPTS, 'not starting');

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root, ...appArgs], { cwd: process.cwd(), stdio: 'inherit', env });
child.on('error', (e) => {
  process.stderr.write(`Flywheel Lab: could not run ${electron}: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
