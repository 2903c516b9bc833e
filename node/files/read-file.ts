/**
 * The one way to read a file of outside input, for the CLI and the desktop alike. Only regular
 * files are read: the path is opened without blocking (a FIFO would otherwise wait forever for a
 * writer) and without becoming a controlling terminal, the open file itself is checked (fstat, so
 * a swap between check and read changes nothing), and the size cap is checked before reading and
 * again while reading (`/dev/zero`, `/proc` files and growing files report a size that lies).
 * Symbolic links are followed to what they name, and that must be a regular file too.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  promises as fsp,
  readSync,
  type Stats,
} from 'node:fs';
import { FileError, fileErrorFrom, notRegularFile } from './file-error';

/** O_NONBLOCK and O_NOCTTY where the platform has them (not on Windows). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export interface ReadLimits {
  /** The most bytes accepted; a larger file is refused (kind 'too-large'). */
  readonly maxBytes: number;
}

export interface ReadResult {
  readonly bytes: Buffer;
  /** The open file's own stats (device and inode identify it: see sameFile). */
  readonly stats: Stats;
}

function tooLarge(filePath: string, maxBytes: number, size: number | null): FileError {
  const limit = formatByteCount(maxBytes);
  return new FileError(
    'too-large',
    filePath,
    size === null
      ? `is larger than ${limit}, the most this command reads`
      : `is too large (${formatByteCount(size)}; at most ${limit})`,
  );
}

export function formatByteCount(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

function checkOpened(filePath: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw notRegularFile(filePath, stats);
  if (stats.size > maxBytes) throw tooLarge(filePath, maxBytes, stats.size);
}

/** Reads a regular file of at most `maxBytes` bytes (synchronously: the CLI). */
export function readRegularFileSync(filePath: string, limits: ReadLimits): ReadResult {
  let fd: number;
  try {
    fd = openSync(filePath, READ_FLAGS);
  } catch (e) {
    throw fileErrorFrom(e, filePath);
  }
  try {
    const stats = fstatSync(fd);
    checkOpened(filePath, stats, limits.maxBytes);
    let chunk: Buffer = firstBuffer(stats, limits.maxBytes);
    let length = 0;
    for (;;) {
      if (length === chunk.length) chunk = grow(chunk, limits.maxBytes);
      const n = readSync(fd, chunk, length, chunk.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limits.maxBytes) throw tooLarge(filePath, limits.maxBytes, null);
    }
    return { bytes: chunk.subarray(0, length), stats };
  } catch (e) {
    throw fileErrorFrom(e, filePath);
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file of at most `maxBytes` bytes (asynchronously: the desktop shell). */
export async function readRegularFile(filePath: string, limits: ReadLimits): Promise<ReadResult> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(filePath, READ_FLAGS);
  } catch (e) {
    throw fileErrorFrom(e, filePath);
  }
  try {
    const stats = await handle.stat();
    checkOpened(filePath, stats, limits.maxBytes);
    let chunk: Buffer = firstBuffer(stats, limits.maxBytes);
    let length = 0;
    for (;;) {
      if (length === chunk.length) chunk = grow(chunk, limits.maxBytes);
      const { bytesRead } = await handle.read(chunk, length, chunk.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limits.maxBytes) throw tooLarge(filePath, limits.maxBytes, null);
    }
    return { bytes: chunk.subarray(0, length), stats };
  } catch (e) {
    throw fileErrorFrom(e, filePath);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Room for the whole file as fstat sees it, plus the one byte that detects growth past the cap. */
function firstBuffer(stats: Stats, maxBytes: number): Buffer {
  return Buffer.alloc(Math.min(maxBytes, Math.max(stats.size, 4096)) + 1);
}

/** A bigger buffer (the file grew after fstat), never past the cap plus the one byte that detects it. */
function grow(buffer: Buffer, maxBytes: number): Buffer {
  const next = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
  buffer.copy(next);
  return next;
}

/** Strict UTF-8 (a byte-order mark is dropped); anything else is 'not-text'. */
export function decodeUtf8(bytes: Uint8Array, filePath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileError('not-text', filePath, 'not a text file (expected UTF-8)');
  }
}

export function readTextFileSync(
  filePath: string,
  limits: ReadLimits,
): { text: string; stats: Stats } {
  const { bytes, stats } = readRegularFileSync(filePath, limits);
  return { text: decodeUtf8(bytes, filePath), stats };
}

export async function readTextFile(
  filePath: string,
  limits: ReadLimits,
): Promise<{ text: string; stats: Stats }> {
  const { bytes, stats } = await readRegularFile(filePath, limits);
  return { text: decodeUtf8(bytes, filePath), stats };
}

/** Same file on disk (device and inode; hard links and symlinks included)? */
export function sameFile(a: Pick<Stats, 'dev' | 'ino'>, b: Pick<Stats, 'dev' | 'ino'>): boolean {
  return a.ino !== 0 && a.dev === b.dev && a.ino === b.ino;
}
