/**
 * Ctrl+C (SIGINT), SIGTERM and a closed terminal (SIGHUP) stop a command at once and cleanly:
 * what registered a cleanup runs it (worker pools terminate their threads, the progress line is
 * cleared), every output file still being written is abandoned (its temporary file removed, the
 * old file untouched), one line says so, and the process exits with 128 + the signal's number.
 *
 * Signals reach JavaScript only when the main thread is free, so long computations run on worker
 * threads (cli/pool.ts) and the main thread only waits for them.
 */
import { abandonOutputFiles, outputFilesWritten } from './files';

const cleanups = new Set<() => void>();

/** Runs `cleanup` if the command is interrupted; the returned function unregisters it. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof EXIT_CODES;

let installed = false;

/** What an interrupt does, without exiting (the signal handlers call it, then exit). */
export function interrupt(signal: StopSignal, say: (line: string) => void): number {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // stopping anyway: one failed cleanup must not keep the others from running
    }
  }
  cleanups.clear();
  abandonOutputFiles();
  const why = signal === 'SIGINT' ? 'interrupted' : `stopped (${signal})`;
  say(`flywheel: ${why}${outputFilesWritten() === 0 ? '; no output file was written' : ''}`);
  return EXIT_CODES[signal];
}

/** Installs the handlers (once, by cli/main.ts). */
export function installInterruptHandlers(say: (line: string) => void): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(EXIT_CODES) as StopSignal[]) {
    process.on(signal, () => {
      process.exit(interrupt(signal, say));
    });
  }
}
