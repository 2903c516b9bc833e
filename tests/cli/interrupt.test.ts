/**
 * A long Monte Carlo run (`--runs 100000 --weeks 520`, minutes of work) on a real terminal
 * (util-linux's `script` gives it a pseudo-terminal): progress is shown, and SIGINT (sent to the
 * process, or Ctrl+C typed on the terminal) stops it at once: exit code 130, one line saying so,
 * no process or worker thread left running, no output file and no temporary file.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interrupt, onInterrupt } from '../../cli/interrupt';
import { formatDuration, monteCarloProgress } from '../../cli/progress';
import { BIN, ensureBuilt, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder('flywheel-interrupt-'));
});
afterAll(() => cleanup());

const shellQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Process ids whose command line mentions `marker` (the CLI's own, by its output path). */
function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline[1] === BIN && cmdline.includes(marker)) found.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

/** Whatever a failed test left running is killed (a stray run would compute for minutes). */
const started: Array<{ kill: () => void }> = [];
afterEach(() => {
  for (const s of started.splice(0)) s.kill();
});

interface TerminalRun {
  /** Everything the terminal showed so far. */
  text(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  type(keys: string): void;
  exited: Promise<{ code: number | null; at: number }>;
}

/** The CLI on a pseudo-terminal of 100 columns. */
function onTerminal(args: readonly string[]): TerminalRun {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', `stty cols 100; exec ${command}`, '/dev/null'], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FLYWHEEL_DEBUG: '' },
  });
  let text = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    text += d.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const out = args[args.indexOf('--out') + 1]!;
  started.push({
    kill: () => {
      for (const pid of processesMentioning(out)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
    },
  });
  return {
    text: () => text,
    type: (keys) => void child.stdin.write(keys),
    exited,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${pattern}; the terminal showed:\n${text}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 250);
        });
      }
    },
  };
}

/** Draws counted by worker threads: "Monte Carlo: 1,216 of 100,000 draws (1%)". */
const WORKING = /Monte Carlo: [1-9][\d,]* of 100,000 draws \(\d+%\)/;

describe.skipIf(process.platform === 'win32')('a long Monte Carlo run on a terminal', () => {
  it.each([
    ['SIGINT sent to the process', '2', 'signal'],
    ['Ctrl+C typed on the terminal', '2', 'keys'],
    ['Ctrl+C with a single worker thread', '1', 'keys'],
  ])(
    '%s stops it at once and leaves nothing behind',
    { timeout: 240_000 },
    async (_how, workers, how) => {
      const out = join(dir, `out-${how}-${workers}.json`);
      const run = onTerminal([
        'run',
        '--runs',
        '100000',
        '--weeks',
        '520',
        '--workers',
        workers,
        '--out',
        out,
      ]);
      // Progress at once, then draws counted by the workers.
      await run.waitFor(/Monte Carlo: starting 100,000 draws/, 60_000);
      await run.waitFor(WORKING, 180_000);
      const pids = processesMentioning(out);
      expect(pids).toHaveLength(1);

      const sentAt = Date.now();
      if (how === 'signal') process.kill(pids[0]!, 'SIGINT');
      else run.type('\u0003');
      const { code, at } = await run.exited;

      expect(at - sentAt).toBeLessThan(5000);
      expect(code).toBe(130);
      expect(run.text()).toContain('flywheel: interrupted; no output file was written');
      // The progress line was cleared before the message.
      expect(run.text()).toContain('\r\u001b[Kflywheel: interrupted');
      expect(processesMentioning(out)).toEqual([]);
      expect(readdirSync(dir).filter((n) => n.includes(`out-${how}-${workers}`))).toEqual([]);
    },
  );
});

describe('interrupt and progress, in-process', () => {
  it('runs every registered cleanup once, also when one fails, and says whether output was written', () => {
    const ran: string[] = [];
    onInterrupt(() => ran.push('a'));
    onInterrupt(() => {
      throw new Error('broken');
    });
    const release = onInterrupt(() => ran.push('released'));
    onInterrupt(() => ran.push('c'));
    release();
    const said: string[] = [];
    expect(interrupt('SIGINT', (l) => said.push(l))).toBe(130);
    expect(ran).toEqual(['a', 'c']);
    expect(said).toEqual(['flywheel: interrupted; no output file was written']);
    expect(interrupt('SIGTERM', (l) => said.push(l))).toBe(143);
    expect(ran).toEqual(['a', 'c']);
    expect(said[1]).toBe('flywheel: stopped (SIGTERM); no output file was written');
  });

  it('progress lines say how far and, after a second of drawing, about how long is left', () => {
    const lines: string[] = [];
    let t = 0;
    const progress = monteCarloProgress(
      (l) => lines.push(l),
      () => t,
    );
    progress(0, 100_000);
    t = 5000; // workers starting, pilot draws
    progress(640, 100_000);
    t = 5500;
    progress(1280, 100_000);
    t = 6000;
    progress(1920, 100_000);
    expect(lines).toEqual([
      'Monte Carlo: starting 100,000 draws…',
      'Monte Carlo: 640 of 100,000 draws (0%)',
      'Monte Carlo: 1,280 of 100,000 draws (1%)',
      // 1,280 draws in the last second: 98,080 left take about 77 s.
      'Monte Carlo: 1,920 of 100,000 draws (1%), about 1 min 17 s left',
    ]);
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(7_384_000)).toBe('2 h 03 min');
  });
});
