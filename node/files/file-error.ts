/**
 * File-system failures as one typed error with a short reason a person can read (no errno codes,
 * no stack). The CLI prints `name: cannot read: reason`; the desktop turns the kind into a
 * sentence of its own (electron/files/scenario-files.ts).
 */
import type { Stats } from 'node:fs';

export type FileErrorKind =
  | 'not-found'
  | 'folder-missing'
  | 'is-folder'
  | 'not-regular'
  | 'too-large'
  | 'not-text'
  | 'no-permission'
  | 'no-space'
  | 'read-only'
  | 'write-protected'
  | 'too-many-links'
  | 'name-too-long'
  | 'not-a-folder'
  | 'other';

export class FileError extends Error {
  constructor(
    readonly kind: FileErrorKind,
    /** The path as the caller named it (never shown raw to a terminal: see cli/terminal.ts). */
    readonly filePath: string,
    /** A short reason without the path: "is a FIFO (named pipe), not a regular file". */
    readonly reason: string,
    override readonly cause: unknown = null,
  ) {
    super(reason);
    this.name = 'FileError';
  }
}

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** What a file that is not a regular file is, in words. */
export function describeFileType(
  st: Pick<
    Stats,
    'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isDirectory' | 'isSymbolicLink'
  >,
): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** The error for an existing path that is not a regular file. */
export function notRegularFile(filePath: string, st: Stats): FileError {
  if (st.isDirectory()) return new FileError('is-folder', filePath, 'is a folder, not a file');
  return new FileError('not-regular', filePath, `is ${describeFileType(st)}, not a regular file`);
}

/** The error for an existing regular file nobody may write (chmod a-w, "read-only" in a file manager). */
export function writeProtected(filePath: string): FileError {
  return new FileError(
    'write-protected',
    filePath,
    'is read-only (nobody may write it), so it was not replaced',
  );
}

/** Maps a Node file-system error to a FileError; `writing` changes what ENOENT means. */
export function fileErrorFrom(e: unknown, filePath: string, writing = false): FileError {
  if (e instanceof FileError) return e;
  const code = errorCode(e);
  const make = (kind: FileErrorKind, reason: string) => new FileError(kind, filePath, reason, e);
  switch (code) {
    case 'ENOENT':
      return writing
        ? make('folder-missing', 'its folder does not exist')
        : make('not-found', 'no such file');
    case 'EACCES':
    case 'EPERM':
      return make('no-permission', 'permission denied');
    case 'EISDIR':
      return make('is-folder', 'is a folder, not a file');
    case 'ENOTDIR':
      return make('not-a-folder', 'a part of the path is not a folder');
    case 'ELOOP':
      return make('too-many-links', 'too many symbolic links');
    case 'ENAMETOOLONG':
      return make('name-too-long', 'the name is too long');
    case 'ENOSPC':
    case 'EDQUOT':
      return make('no-space', 'the disk is full');
    case 'EROFS':
      return make('read-only', 'the file system is read-only');
    case 'ENXIO':
    case 'ENODEV':
      return make('not-regular', 'is a device or socket, not a regular file');
    default: {
      const message = e instanceof Error ? e.message : String(e);
      return make('other', message.split('\n')[0]!.slice(0, 200));
    }
  }
}
