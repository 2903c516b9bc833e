/**
 * Where output goes: standard output, or a file written atomically. Writers push many small
 * strings; the sink gathers them into blocks (no quadratic string building) and writes each block.
 */
import { openOutputFile } from './files';

export interface Sink {
  write(chunk: string): void;
  /** Flushes and completes the output (for a file: makes it the new file). */
  end(): void;
  /** Abandons the output (for a file: the old file, if any, stays as it was). */
  abort(): void;
}

const BLOCK_CHARS = 1 << 16;

/** Collects chunks into blocks of about 64K characters and hands each block to `flush`. */
export class BlockBuffer {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly flush: (block: string) => void) {}

  write(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= BLOCK_CHARS) this.drain();
  }

  drain(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.flush(block);
  }
}

/** Standard output (a closed pipe, as with `| head`, ends the output quietly). */
export function stdoutSink(): Sink {
  let closed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  const buffer = new BlockBuffer((block) => {
    if (!closed) process.stdout.write(block);
  });
  return {
    write: (chunk) => buffer.write(chunk),
    end: () => buffer.drain(),
    abort: () => undefined,
  };
}

/**
 * A file written atomically through the one shared writer (cli/files.ts, node/files/atomic-write.ts):
 * nothing is visible at the target until `end`; `abort` leaves the old file as it was.
 */
export function fileSink(target: string): Sink {
  const file = openOutputFile(target);
  const buffer = new BlockBuffer((block) => file.write(block));
  return {
    write(chunk) {
      try {
        buffer.write(chunk);
      } catch (e) {
        file.abort();
        throw e;
      }
    },
    end() {
      try {
        buffer.drain();
      } catch (e) {
        file.abort();
        throw e;
      }
      file.commit();
    },
    abort: () => file.abort(),
  };
}
