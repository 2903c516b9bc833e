/**
 * Files the OS asks the app to open: on the command line (Windows, Linux, and `npm start --
 * file`), in a second instance's arguments, or through macOS's open-file event, which can arrive
 * before the window exists. They are queued until the page can receive them.
 */
import path from 'node:path';

/** Scenario files named in an argument list (flags and the app's own paths skipped). */
export function scenarioPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith('.json')) continue;
    out.push(path.resolve(cwd, arg));
  }
  return out;
}

export class OpenQueue {
  private pending: string[] = [];
  private deliver: ((filePath: string) => void) | null = null;

  push(filePath: string): void {
    if (this.deliver) this.deliver(filePath);
    else this.pending.push(filePath);
  }

  /** Starts delivering (the queued files first, in order). */
  attach(deliver: (filePath: string) => void): void {
    this.deliver = deliver;
    const queued = this.pending;
    this.pending = [];
    for (const p of queued) deliver(p);
  }

  detach(): void {
    this.deliver = null;
  }
}
