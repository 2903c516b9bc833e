/**
 * The real desktop app, driven by Playwright's `_electron` (under Xvfb on Linux without a
 * display): open the app, edit, save, reopen the file from the command line, then recover unsaved
 * work after the process is killed. It runs wherever an Electron binary exists (an online install,
 * or ELECTRON_OVERRIDE_DIST_PATH); elsewhere it prints one line saying why it was skipped.
 *
 * The app is built into a temporary folder laid out like the packaged app (package.json,
 * dist/electron, dist/web) and runs with its own user-data folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../simulation';
import { findElectronBinary } from '../../scripts/desktop/electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = findElectronBinary({
  env: process.env,
  electronPackageDir: path.join(root, 'node_modules', 'electron'),
});
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY;
const xvfbAvailable = !needsXvfb || spawnSync('which', ['Xvfb']).status === 0;
const skipReason = !binary.ok
  ? `no Electron binary here (${binary.reason})`
  : !xvfbAvailable
    ? 'no display and no Xvfb to provide one'
    : null;
if (skipReason) console.log(`real-Electron end-to-end test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('the desktop app, for real', () => {
  let tmp: string;
  let appDir: string;
  let userData: string;
  let xvfb: ChildProcess | null = null;
  let display = process.env.DISPLAY;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-e2e-'));
    appDir = path.join(tmp, 'app');
    userData = path.join(tmp, 'user-data');
    await fs.mkdir(appDir, { recursive: true });
    await fs.copyFile(path.join(root, 'package.json'), path.join(appDir, 'package.json'));
    const shell = spawnSync(
      process.execPath,
      ['scripts/build-electron.mjs', '--outdir', path.join(appDir, 'dist', 'electron'), '--quiet'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(shell.status, shell.stderr).toBe(0);
    const web = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        path.join(appDir, 'dist', 'web'),
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
    expect(web.status, web.stderr).toBe(0);
    if (needsXvfb) {
      display = ':87';
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], {
        stdio: 'ignore',
      });
      await new Promise((r) => setTimeout(r, 800));
    }
  }, 240_000);

  afterAll(async () => {
    xvfb?.kill();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  async function launch(...files: string[]): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await _electron.launch({
      executablePath: binary.ok ? binary.path : undefined,
      args: [appDir, ...files, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        FLYWHEEL_USER_DATA_DIR: userData,
        ...(display ? { DISPLAY: display } : {}),
      },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    await page.getByTestId('document-chrome').waitFor({ state: 'attached', timeout: 30_000 });
    return { app, page };
  }

  const windowTitle = (app: ElectronApplication) =>
    app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
  const waitForTitle = async (app: ElectronApplication, pattern: RegExp) => {
    for (let i = 0; i < 100; i++) {
      if (pattern.test(await windowTitle(app))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await windowTitle(app)).toMatch(pattern);
  };

  it(
    'runs sandboxed on app://flywheel with only the bridge exposed',
    { timeout: 120_000 },
    async () => {
      const { app, page } = await launch();
      try {
        expect(page.url()).toBe('app://flywheel/index.html');
        const globals = await page.evaluate(() => ({
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
          bridge: Object.keys(window.flywheel ?? {}).sort(),
        }));
        expect(globals.require).toBe('undefined');
        expect(globals.process).toBe('undefined');
        expect(globals.bridge).toContain('save');
        expect(globals.bridge).toEqual(
          expect.arrayContaining(['printReportPdf', 'openPresenterView', 'onPresenterCommand']),
        );
      } finally {
        await app.close();
      }
    },
  );

  it(
    'prints a report to PDF in a hidden window that goes away, small and large',
    { timeout: 120_000 },
    async () => {
      const { app, page } = await launch();
      try {
        const print = (html: string) =>
          page.evaluate(async (text) => {
            const r = await window.flywheel!.printReportPdf({ html: text, paper: 'a4' });
            return r.ok
              ? {
                  ok: true as const,
                  head: String.fromCharCode(...r.value.slice(0, 5)),
                  bytes: Array.from(r.value),
                }
              : { ok: false as const, message: r.error.message };
          }, html);
        const report =
          '<!doctype html><title>E2E report</title><h1>Flywheel report 4242</h1>' +
          '<img src="https://example.invalid/tracker.png" alt="">';
        const small = await print(report);
        expect(small).toMatchObject({ ok: true, head: '%PDF-' });
        // Over 1.5 MB: printed from a temporary file, which is removed afterwards.
        const large = await print(`${report}<p>${'flywheel '.repeat(250_000)}</p>`);
        expect(large).toMatchObject({ ok: true, head: '%PDF-' });
        expect(
          await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
        ).toBe(1);
        const tempFolder = await app.evaluate(({ app: a }) => a.getPath('temp'));
        const leftOver = await fs
          .readdir(path.join(tempFolder, 'flywheel-lab'))
          .catch(() => [] as string[]);
        expect(leftOver.filter((f) => f.startsWith('flywheel-report-'))).toEqual([]);
        if (small.ok && spawnSync('which', ['pdftotext']).status === 0) {
          const pdf = path.join(tmp, 'e2e-report.pdf');
          await fs.writeFile(pdf, Uint8Array.from(small.bytes));
          const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
          expect(text).toContain('Flywheel report 4242');
          expect(text).toMatch(/Page 1 of 1/);
        }
      } finally {
        await app.close();
      }
    },
  );

  it(
    'with one display the presenter view opens nothing and the window stays as it was',
    { timeout: 120_000 },
    async () => {
      const { app, page } = await launch();
      try {
        const displays = await app.evaluate(({ screen }) => screen.getAllDisplays().length);
        const result = await page.evaluate(() => window.flywheel!.openPresenterView());
        if (displays === 1) {
          expect(result).toEqual({ ok: true, value: { placement: 'none' } });
          expect(
            await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
          ).toBe(1);
        } else {
          expect(result).toEqual({ ok: true, value: { placement: 'second-display' } });
          await page.evaluate(() => window.flywheel!.closePresenterView());
        }
        expect(
          await app.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows()[0]!.isFullScreen(),
          ),
        ).toBe(false);
      } finally {
        await app.close();
      }
    },
  );

  it(
    'edit, save, reopen from the command line, then recover after a kill',
    { timeout: 240_000 },
    async () => {
      const target = path.join(tmp, 'e2e-plan.flywheel.json');
      let { app, page } = await launch();
      await waitForTitle(app, /^Untitled\.flywheel\.json — Flywheel Lab$/);
      await page.getByTestId('name').fill('E2E plan');
      await page.getByTestId('name').press('Tab');
      await waitForTitle(app, /^● /);
      // The native save dialog cannot be clicked: answer it in the main process.
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({
          canceled: false,
          filePath,
        })) as typeof dialog.showSaveDialog;
      }, target);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+S');
      await waitForTitle(app, /^e2e-plan\.flywheel\.json — Flywheel Lab$/);
      const saved = parseScenarioText(await fs.readFile(target, 'utf8'));
      expect(saved.ok && saved.scenario.name).toBe('E2E plan');
      await app.close();
      expect(existsSync(path.join(userData, 'backup', 'unsaved-work.json'))).toBe(false);

      ({ app, page } = await launch(target));
      await waitForTitle(app, /^e2e-plan\.flywheel\.json — Flywheel Lab$/);
      expect(await page.getByTestId('name').inputValue()).toBe('E2E plan');
      await page.getByTestId('name').fill('E2E plan, unsaved');
      await page.getByTestId('name').press('Tab');
      const backup = path.join(userData, 'backup', 'unsaved-work.json');
      for (let i = 0; i < 50 && !existsSync(backup); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(backup)).toBe(true);
      app.process().kill('SIGKILL');

      ({ app, page } = await launch());
      await page.getByTestId('prompt-recover').waitFor();
      await page.getByTestId('prompt-restore').click();
      await waitForTitle(app, /^● e2e-plan\.flywheel\.json — Flywheel Lab$/);
      expect(await page.getByTestId('name').inputValue()).toBe('E2E plan, unsaved');
      // Closing now asks about the unsaved work; Don't Save closes and drops the backup.
      const closed = app.waitForEvent('close');
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await page.getByTestId('prompt-discard').click();
      await closed;
      expect(existsSync(backup)).toBe(false);
    },
  );
});
