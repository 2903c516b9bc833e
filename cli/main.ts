/**
 * The `flywheel` command line (bundled to dist/cli/flywheel.mjs; bin/flywheel.mjs runs it).
 * Exit codes: 0 success, 2 bad input (the message names the file, field or flag), 1 internal error.
 */
import { parseCommandLine, type Command } from './args';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from './errors';
import { HELP, helpHint } from './help';
import { runCommand } from './run';
import { installInterruptHandlers } from './interrupt';
import { terminalProgress } from './progress';
import { MAX_LINE_CHARS, terminalSafe } from './terminal';
import { APP_VERSION } from './version';

// The printing edge: every message and line of text passes terminalSafe (cli/terminal.ts); messages
// on standard error also have their lines cut (output on standard output is data: never cut).
const out = (text: string): void => {
  const safe = terminalSafe(text);
  process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
};
const err = (text: string): void => {
  const safe = terminalSafe(text, MAX_LINE_CHARS);
  process.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
};

async function execute(command: Command): Promise<void> {
  switch (command.kind) {
    case 'help':
      out(HELP[command.topic]);
      return;
    case 'version':
      out(APP_VERSION);
      return;
    case 'presets': {
      const { presetFile, presetList } = await import('./catalogue');
      if (command.show === null) out(presetList());
      else process.stdout.write(presetFile(command.show));
      return;
    }
    case 'validate':
      (await import('./catalogue')).validateFiles(command.files, out);
      return;
    case 'run': {
      const progress = terminalProgress();
      await runCommand(command, {
        workerUrl: new URL('./mc-worker.mjs', import.meta.url),
        progress,
        stdoutIsTerminal: process.stdout.isTTY === true,
        columns: process.stdout.columns || 80,
      });
      progress?.clear();
      return;
    }
    case 'sensitivity':
    case 'sweep':
    case 'seek': {
      const progress = terminalProgress();
      try {
        const { analysisCommand } = await import('./analysis-command');
        await analysisCommand(command, {
          workerUrl: new URL('./analysis-worker.mjs', import.meta.url),
          progress,
          stdoutIsTerminal: process.stdout.isTTY === true,
          columns: process.stdout.columns || 80,
        });
      } finally {
        progress?.clear();
      }
      return;
    }
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  // The commands with arguments of their own are loaded when used (the bundle is split: `run`
  // does not load the report's React or calibration's maths).
  if (argv[0] === 'help' && argv[1] === 'report' && argv.length === 2) {
    out((await import('./report-command')).REPORT_HELP);
    return EXIT_OK;
  }
  if (argv[0] === 'report')
    return guard(async () => (await import('./report-command')).reportCommand(argv.slice(1), out));
  if (argv[0] === 'help' && argv[1] === 'loops' && argv.length === 2) {
    out((await import('./loops-command')).LOOPS_HELP);
    return EXIT_OK;
  }
  if (argv[0] === 'loops')
    return guard(async () => (await import('./loops-command')).loopsCommand(argv.slice(1), out));
  if (argv[0] === 'help' && argv[1] === 'calibrate' && argv.length === 2) {
    out((await import('./calibrate-command')).CALIBRATE_HELP);
    return EXIT_OK;
  }
  if (argv[0] === 'calibrate')
    return guard(async () => {
      const { calibrateCommand } = await import('./calibrate-command');
      const progress = terminalProgress();
      await calibrateCommand(argv.slice(1), { out, warn: err, progress });
      progress?.clear();
    });
  if (argv[0] === 'help' && argv[1] === 'compare' && argv.length === 2) {
    out((await import('./compare-command')).COMPARE_HELP);
    return EXIT_OK;
  }
  if (argv[0] === 'compare')
    return guard(async () =>
      (await import('./compare-command')).compareCommand(argv.slice(1), out, {
        stdoutIsTerminal: process.stdout.isTTY === true,
      }),
    );
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    err(`flywheel: ${parsed.message}\n${helpHint(parsed.topic)}`);
    return EXIT_INPUT;
  }
  return guard(() => execute(parsed.command));
}

/** Runs a command, mapping its errors to exit codes. */
async function guard(run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return EXIT_OK;
  } catch (e) {
    if (e instanceof InputError) {
      err(e.message);
      return EXIT_INPUT;
    }
    const message = e instanceof Error ? e.message : String(e);
    err(`flywheel: internal error: ${message.split('\n')[0]}`);
    if (process.env.FLYWHEEL_DEBUG) err(e instanceof Error ? (e.stack ?? message) : message);
    return EXIT_INTERNAL;
  }
}

// Ctrl+C stops at once: worker pools end, half-written output files are removed (cli/interrupt.ts).
installInterruptHandlers(err);

// A reader that stops early (`flywheel run | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    err(`flywheel: internal error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = EXIT_INTERNAL;
  },
);
