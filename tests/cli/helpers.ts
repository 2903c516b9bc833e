/** Running the bundled `flywheel` CLI as a child process on real files in a temp folder. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(__dirname, '../..');
/** The CLI under test (FLYWHEEL_TEST_BIN runs the same tests against another build). */
export const BIN = process.env.FLYWHEEL_TEST_BIN ?? join(ROOT, 'bin', 'flywheel.mjs');
export const WORKER_URL = pathToFileURL(join(ROOT, 'dist', 'cli', 'mc-worker.mjs'));

/** `npm test` builds first; running one test file alone builds if the bundle is missing. */
export function ensureBuilt(): void {
  if (
    ['flywheel.mjs', 'mc-worker.mjs', 'analysis-worker.mjs'].some(
      (f) => !existsSync(join(ROOT, 'dist', 'cli', f)),
    )
  ) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process was killed (by `timeoutMs`, or a crash). */
  readonly signal: NodeJS.Signals | null;
}

export function flywheel(
  args: readonly string[],
  cwd: string,
  input?: string,
  options: { readonly timeoutMs?: number } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, FLYWHEEL_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

export function tempFolder(prefix = 'flywheel-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** RFC 4180 parser for the tests (quoted fields, doubled quotes, CRLF or LF records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
