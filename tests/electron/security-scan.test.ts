/**
 * The static security scan (electronegativity) as part of the test run: the desktop sources and
 * the packaged app layout (freshly built into a temporary folder) have no finding that is not
 * justified in electron/security/scan-justifications.json. A deliberately insecure app shows that
 * the gate does fail.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
let tmp: string;

function node(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-scan-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('static security scan', () => {
  it('fails on an insecure app (the gate works)', { timeout: 120_000 }, async () => {
    const bad = path.join(tmp, 'insecure');
    await fs.mkdir(bad);
    await fs.writeFile(
      path.join(bad, 'main.js'),
      [
        "const { BrowserWindow, shell } = require('electron');",
        'const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
        "w.loadURL('http://example.com/');",
        'shell.openExternal(process.argv[2]);',
      ].join('\n'),
    );
    const r = node([
      'scripts/scan-security.mjs',
      '--only',
      `insecure=${bad}`,
      '--out',
      path.join(tmp, 'out-bad'),
    ]);
    expect(r.status).toBe(1);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
    ]) {
      expect(r.stdout).toContain(id);
    }
  });

  it(
    'finds nothing unjustified in electron/ and in the packaged app',
    { timeout: 240_000 },
    async () => {
      const builtElectron = path.join(tmp, 'electron');
      const builtWeb = path.join(tmp, 'web');
      const electronBuild = node([
        'scripts/build-electron.mjs',
        '--outdir',
        builtElectron,
        '--quiet',
      ]);
      expect(electronBuild.stderr).toBe('');
      const webBuild = spawnSync(
        process.execPath,
        [
          path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
          'build',
          '--outDir',
          builtWeb,
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
      expect(webBuild.status).toBe(0);
      const out = path.join(tmp, 'out');
      const r = node([
        'scripts/scan-security.mjs',
        '--built-electron',
        builtElectron,
        '--built-web',
        builtWeb,
        '--out',
        out,
      ]);
      expect(r.stdout).toMatch(/security scan: \d+ findings, 0 not justified, 0 files not parsed/);
      expect(r.status).toBe(0);
      // The scan really looked at both: each target's SARIF lists its results.
      for (const name of ['electron', 'app']) {
        const sarif = JSON.parse(
          await fs.readFile(path.join(out, `electronegativity-${name}.sarif`), 'utf8'),
        ) as { runs: Array<{ results: unknown[] }> };
        expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
      }
    },
  );
});
