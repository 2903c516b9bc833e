/** The shell's log: one timestamped line per event, in the user's log folder and on stderr. */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Log = (line: string) => void;

export function createLog(filePath: string, echo: boolean): Log {
  let writable = true;
  try {
    mkdirSync(path.dirname(filePath), { recursive: true });
  } catch {
    writable = false;
  }
  return (line) => {
    const stamped = `${new Date().toISOString()} ${line}\n`;
    if (echo) process.stderr.write(stamped);
    if (!writable) return;
    try {
      appendFileSync(filePath, stamped);
    } catch {
      writable = false;
    }
  };
}
