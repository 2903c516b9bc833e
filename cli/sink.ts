/**
 * Where output goes: standard output, or a file written atomically. Writers push many small
 * strings; the sink gathers them into blocks (no quadratic string building) and writes each block.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

/** The temporary file a write to `target` goes through: hidden, in the same folder. */
export function tempPathFor(target: string, unique: string): string {
  return join(dirname(target), `.${basename(target)}.${unique}.tmp`);
}

export interface AtomicFileOptions {
  /** Test seam: called after the data is written and synced, before the rename. */
  readonly beforeRename?: (tempPath: string) => void;
}

/**
 * A file written atomically: the data goes to a temporary file in the same folder, which is
 * flushed to disk (fsync) and renamed over the target, and the folder is synced so that the rename
 * survives a crash. Readers see the old file or the complete new one, never a part. On any
 * failure the temporary file is removed and the old file is left as it was.
 */
export function atomicFileSink(target: string, options: AtomicFileOptions = {}): Sink {
  let mode = 0o644;
  try {
    const st = statSync(target);
    if (st.isDirectory())
      throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' });
    mode = st.mode & 0o777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = tempPathFor(
    target,
    `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  );
  const fd = openSync(temp, 'wx', mode);
  let open = true;
  const cleanup = (): void => {
    if (open) {
      open = false;
      try {
        closeSync(fd);
      } catch {
        // already failing; the temp file is removed below
      }
    }
    rmSync(temp, { force: true });
  };
  const buffer = new BlockBuffer((block) => {
    const bytes = Buffer.from(block, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  });
  return {
    write(chunk) {
      try {
        buffer.write(chunk);
      } catch (e) {
        cleanup();
        throw e;
      }
    },
    end() {
      try {
        buffer.drain();
        fsyncSync(fd);
        open = false;
        closeSync(fd);
        options.beforeRename?.(temp);
        renameSync(temp, target);
      } catch (e) {
        cleanup();
        throw e;
      }
      syncFolder(dirname(target));
    },
    abort: cleanup,
  };
}

/** Makes a rename durable. Some systems cannot sync a folder (Windows): that is not an error. */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // best effort: the data itself is already synced
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
