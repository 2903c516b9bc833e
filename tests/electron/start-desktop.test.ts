/**
 * `npm start` where no Electron binary can be had (this machine's reality): a few clear lines
 * naming the ways out, exit status 1, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function start(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['scripts/start-desktop.mjs', '--no-build'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function expectWaysOut(stderr: string) {
  expect(stderr).toMatch(/^Flywheel Lab \(desktop\) cannot start: /m);
  expect(stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  expect(stderr).toMatch(/npm run web|npm run build:web/);
  expect(stderr).toMatch(/internet access/);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(6);
}

describe('npm start without an Electron binary', () => {
  it('names the override folder that has no Electron in it and the ways out', () => {
    const r = start({
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'no-such-electron'),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set to ${path.join(root, 'no-such-electron')}`,
    );
    expectWaysOut(r.stderr);
    expect(r.stdout).toBe('');
  });

  const downloaded = existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'));
  it(`without an override: ${downloaded ? 'the binary exists here, so only the override case applies' : 'tries the download once, then explains'}`, () => {
    if (downloaded) {
      expect(existsSync(path.join(root, 'node_modules', 'electron', 'dist'))).toBe(true);
      return;
    }
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const r = start(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not be downloaded|has not been downloaded/);
    expectWaysOut(r.stderr.replace(/^Flywheel Lab: downloading.*\n/m, ''));
  });
});
