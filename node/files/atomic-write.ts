/**
 * The one atomic file writer, for the CLI and the desktop alike: the target is at every moment
 * either wholly the old file or wholly the new one. The data goes to a temporary file in the same
 * folder (same file system, so the rename is atomic), which is flushed (fsync) and renamed over
 * the target; the folder is then synced so that the rename itself survives a crash.
 *
 * - A symbolic link is followed (also a dangling one): the link stays a link and what it names
 *   gets the new content.
 * - Only a regular file (or nothing) is replaced: a folder, FIFO, device node or socket is
 *   refused before anything is written, and checked again just before the rename. (Renaming over
 *   `/dev/null` as root would replace the system's device with a file.)
 * - On any failure the temporary file is removed and the old file is untouched.
 * - Temporary files are named `.<name>.<pid>-<12 hex>.flywheel-tmp`; those of earlier saves of
 *   the same target whose process is gone (a crash) are removed after a successful save, and
 *   `removeStaleTempFiles` cleans a folder at start-up.
 *
 * Two faces over the same steps: `AtomicFileSync` streams synchronously (the CLI writes reports
 * in blocks), `atomicWriteFile` is asynchronous (the desktop's main process must not block).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  promises as fsp,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { errorCode, FileError, fileErrorFrom, notRegularFile, writeProtected } from './file-error';

export const TEMP_SUFFIX = '.flywheel-tmp';
const MAX_LINK_HOPS = 40;
const CREATE_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;

/**
 * Called with what is at the final path (null: nothing yet) when the write starts and again just
 * before the rename; throwing refuses the write (the CLI refuses to write over its own inputs).
 */
export type TargetGuard = (existing: Stats | null, finalPath: string) => void;

export interface AtomicWriteHooks {
  /** Called after the temporary file is written and synced, before the rename (tests use it). */
  readonly beforeRename?: (tempPath: string) => Promise<void> | void;
  readonly guard?: TargetGuard;
}

// ---- temporary file names ------------------------------------------------------------------

/** `.<name>.<pid>-<12 hex>.flywheel-tmp`; the pid-less form is what earlier versions wrote. */
const TEMP_NAME = /^\.(.+)\.(?:([0-9]{1,10})-)?([0-9a-f]{12})\.flywheel-tmp$/;

export function tempNameFor(finalPath: string, pid = process.pid): string {
  return `.${path.basename(finalPath)}.${pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** The target name and writer pid of one of this writer's temporary files, or null. */
export function parseTempName(name: string): { target: string; pid: number | null } | null {
  const m = TEMP_NAME.exec(name);
  if (!m) return null;
  return { target: m[1]!, pid: m[2] === undefined ? null : Number(m[2]) };
}

/** Is `candidateName` a temporary file this writer made for `target`? */
export function isTempFileFor(target: string, candidateName: string): boolean {
  return parseTempName(candidateName)?.target === path.basename(target);
}

/** True while a process with this id runs (a temp file of a running save is left alone). */
export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
}

/**
 * Removes this writer's temporary files in `folder` whose writing process is gone: all of them, or
 * only those for the given target names. Returns the names removed. Never throws.
 */
export async function removeStaleTempFiles(
  folder: string,
  targetNames: readonly string[] | 'any' = 'any',
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch {
    return [];
  }
  const stale = staleTempNames(names, targetNames, isAlive);
  const removed: string[] = [];
  await Promise.all(
    stale.map(async (n) => {
      try {
        const file = path.join(folder, n);
        // Only plain files this writer made (never a folder or a link someone named like one).
        if (!(await fsp.lstat(file)).isFile()) return;
        await fsp.rm(file, { force: true });
        removed.push(n);
      } catch {
        // gone already, or not ours to remove
      }
    }),
  );
  return removed.sort();
}

function staleTempNames(
  names: readonly string[],
  targetNames: readonly string[] | 'any',
  isAlive: (pid: number) => boolean,
): string[] {
  return names.filter((n) => {
    const parsed = parseTempName(n);
    if (!parsed) return false;
    if (targetNames !== 'any' && !targetNames.includes(parsed.target)) return false;
    return parsed.pid === null || !isAlive(parsed.pid);
  });
}

function removeStaleTempFilesSync(finalPath: string): void {
  const folder = path.dirname(finalPath);
  try {
    for (const n of staleTempNames(readdirSync(folder), [path.basename(finalPath)], processIsAlive))
      rmSync(path.join(folder, n), { force: true });
  } catch {
    // best effort: a leftover temporary file harms nothing
  }
}

/** Carries a guard's own error through the writer's error mapping unchanged. */
class GuardRefusal extends Error {
  constructor(readonly refusal: unknown) {
    super('refused by the guard');
  }
}

function runGuard(guard: TargetGuard | undefined, existing: Stats | null, finalPath: string): void {
  try {
    guard?.(existing, finalPath);
  } catch (refusal) {
    throw new GuardRefusal(refusal);
  }
}

/** The error to throw for a failure while writing `target`: a guard's refusal as it is. */
function writeFailure(e: unknown, target: string): unknown {
  return e instanceof GuardRefusal ? e.refusal : fileErrorFrom(e, target, true);
}

// ---- the target ------------------------------------------------------------------------------

function tooManyLinks(target: string): FileError {
  return new FileError('too-many-links', target, 'too many symbolic links');
}

/** Follows symlinks (also dangling ones) to the file that should receive the content. */
export function resolveWriteTargetSync(target: string): string {
  let current = path.resolve(target);
  for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return current;
      throw fileErrorFrom(e, target, true);
    }
    if (!st.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), readlinkSync(current));
  }
  throw tooManyLinks(target);
}

export async function resolveWriteTarget(target: string): Promise<string> {
  let current = path.resolve(target);
  for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
    let st: Stats;
    try {
      st = await fsp.lstat(current);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return current;
      throw fileErrorFrom(e, target, true);
    }
    if (!st.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fsp.readlink(current));
  }
  throw tooManyLinks(target);
}

/**
 * What is at the (resolved) final path: a regular file, nothing (null), or a refusal. A file
 * without any write permission is refused too: a rename would replace it (the folder's permission
 * is what counts), although whoever made it read-only meant it to stay.
 */
function regularOrNothing(shownAs: string, st: Stats | null): Stats | null {
  if (st !== null && !st.isFile()) throw notRegularFile(shownAs, st);
  if (st !== null && (st.mode & 0o222) === 0) throw writeProtected(shownAs);
  return st;
}

function lstatOrNullSync(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await fsp.lstat(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Checks, without writing anything, that `target` could be replaced: where its links lead, that it
 * is a regular file or absent, and the guard. Returns the final path. For early checks (the CLI
 * checks --out before a long run).
 */
export function checkWriteTargetSync(target: string, guard?: TargetGuard): string {
  try {
    const finalPath = resolveWriteTargetSync(target);
    runGuard(guard, regularOrNothing(target, lstatOrNullSync(finalPath)), finalPath);
    return finalPath;
  } catch (e) {
    throw writeFailure(e, target);
  }
}

// ---- synchronous, streaming -----------------------------------------------------------------

export interface SyncWriteHooks {
  readonly beforeRename?: (tempPath: string) => void;
  readonly guard?: TargetGuard;
}

/** Writes that are open right now, so that an interrupted process can remove their temp files. */
const openWrites = new Set<AtomicFileSync>();

/** Abandons every open synchronous write (Ctrl+C): their temporary files are removed. */
export function abortOpenWrites(): void {
  for (const w of [...openWrites]) w.abort();
}

export class AtomicFileSync {
  readonly finalPath: string;
  readonly tempPath: string;
  private fd: number | null;
  private done = false;

  /** Starts a write: checks the target, then creates the temporary file. */
  constructor(
    private readonly target: string,
    private readonly hooks: SyncWriteHooks = {},
  ) {
    this.finalPath = checkWriteTargetSync(target, hooks.guard);
    this.tempPath = path.join(path.dirname(this.finalPath), tempNameFor(this.finalPath));
    const mode = existingModeSync(this.finalPath);
    try {
      this.fd = openSync(this.tempPath, CREATE_FLAGS, mode);
    } catch (e) {
      throw writeFailure(e, target);
    }
    openWrites.add(this);
  }

  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('write after the file was completed or abandoned');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      let offset = 0;
      while (offset < bytes.length)
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      this.abort();
      throw fileErrorFrom(e, this.target, true);
    }
  }

  /** Flushes, then makes the temporary file the target. */
  commit(): void {
    if (this.fd === null || this.done) throw new Error('commit after the file was completed');
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
      this.hooks.beforeRename?.(this.tempPath);
      // Still a regular file there (or nothing), and still allowed: replace it.
      const existing = regularOrNothing(this.target, lstatOrNullSync(this.finalPath));
      runGuard(this.hooks.guard, existing, this.finalPath);
      renameSync(this.tempPath, this.finalPath);
    } catch (e) {
      this.abort();
      throw writeFailure(e, this.target);
    }
    this.done = true;
    openWrites.delete(this);
    syncFolderSync(path.dirname(this.finalPath));
    removeStaleTempFilesSync(this.finalPath);
  }

  /** Abandons the write: the temporary file is removed, the target stays as it was. */
  abort(): void {
    openWrites.delete(this);
    if (this.done) return;
    this.done = true;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already failing; the file is removed below
      }
      this.fd = null;
    }
    rmSync(this.tempPath, { force: true });
  }
}

/** Writes `data` to `target` atomically (synchronously). */
export function atomicWriteFileSync(
  target: string,
  data: string | Uint8Array,
  hooks?: SyncWriteHooks,
): void {
  const file = new AtomicFileSync(target, hooks);
  file.write(data);
  file.commit();
}

function existingModeSync(file: string): number {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return 0o666;
  }
}

/** Makes a rename durable. Some systems cannot sync a folder (Windows, network shares). */
function syncFolderSync(folder: string): void {
  if (process.platform === 'win32') return;
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

// ---- asynchronous ----------------------------------------------------------------------------

/** A failed write; the old file is intact. `message` is a sentence for the user. */
export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly targetPath: string,
    override readonly cause: FileError,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
  get kind(): FileError['kind'] {
    return this.cause.kind;
  }
}

/** A sentence for the user about a failed save; the old file is intact in every case. */
export function describeWriteError(e: FileError, file: string): string {
  const where = path.basename(file);
  const folder = path.dirname(file);
  switch (e.kind) {
    case 'no-permission':
      return `Could not save ${where}: no permission to write in ${folder}.`;
    case 'no-space':
      return `Could not save ${where}: the disk is full.`;
    case 'read-only':
      return `Could not save ${where}: ${folder} is read-only.`;
    case 'write-protected':
      return `Could not save ${where}: the file is read-only. Make it writable, or save it under another name.`;
    case 'folder-missing':
      return `Could not save ${where}: the folder ${folder} no longer exists.`;
    case 'is-folder':
      return `Could not save ${where}: it is a folder.`;
    case 'not-regular':
      return `Could not save ${where}: it ${e.reason}, so it was not replaced.`;
    default:
      return `Could not save ${where}: ${e.reason}.`;
  }
}

function asyncWriteFailure(e: unknown, target: string, finalPath: string): unknown {
  const failure = writeFailure(e, target);
  return failure instanceof FileError
    ? new AtomicWriteError(describeWriteError(failure, finalPath), finalPath, failure)
    : failure;
}

export async function atomicWriteFile(
  target: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  let finalPath = path.resolve(target);
  try {
    finalPath = await resolveWriteTarget(target);
    runGuard(hooks.guard, regularOrNothing(target, await lstatOrNull(finalPath)), finalPath);
  } catch (e) {
    throw asyncWriteFailure(e, target, finalPath);
  }
  const dir = path.dirname(finalPath);
  const tempPath = path.join(dir, tempNameFor(finalPath));
  const mode = await existingMode(finalPath);
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(tempPath, CREATE_FLAGS, mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await hooks.beforeRename?.(tempPath);
    runGuard(hooks.guard, regularOrNothing(target, await lstatOrNull(finalPath)), finalPath);
    await fsp.rename(tempPath, finalPath);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.rm(tempPath, { force: true }).catch(() => undefined);
    throw asyncWriteFailure(e, target, finalPath);
  }
  await syncFolder(dir);
  await removeStaleTempFiles(dir, [path.basename(finalPath)]);
}

async function existingMode(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).mode & 0o777;
  } catch {
    return 0o666;
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is already durable enough (NTFS log).
  if (process.platform === 'win32') return;
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares) refuse fsync on a folder; the rename has still happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
