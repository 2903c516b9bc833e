/**
 * Atomic file replacement: the target is at every moment either wholly the old file or wholly the
 * new one. Write a temporary file in the same folder (same file system, so rename is atomic),
 * fsync it, rename it over the target, fsync the folder so the rename itself is durable. A symlink
 * is followed, so the link stays a link and its target gets the new content. On any failure the
 * temporary file is removed and the old file is untouched.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

const TEMP_SUFFIX = '.flywheel-tmp';

/** The temporary files this module may leave behind after a crash, for one target. */
export function isTempFileFor(target: string, candidateName: string): boolean {
  const base = path.basename(target);
  return candidateName.startsWith(`.${base}.`) && candidateName.endsWith(TEMP_SUFFIX);
}

export interface AtomicWriteHooks {
  /** Called after the temporary file is written and synced, before the rename (tests use it). */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly targetPath: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

/** Follows symlinks (also dangling ones) to the file that should receive the content. */
export async function resolveWriteTarget(target: string): Promise<string> {
  let current = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return current;
      throw e;
    }
    if (!stat.isSymbolicLink()) return current;
    const link = await fs.readlink(current);
    current = path.resolve(path.dirname(current), link);
  }
  throw new AtomicWriteError(`too many symbolic links at ${target}`, target, null);
}

export async function atomicWriteFile(
  target: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const finalPath = await resolveWriteTarget(target);
  const dir = path.dirname(finalPath);
  const tempPath = path.join(
    dir,
    `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  const mode = await existingMode(finalPath);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(
      tempPath,
      constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY,
      mode,
    );
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await hooks.beforeRename?.(tempPath);
    await fs.rename(tempPath, finalPath);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw new AtomicWriteError(describeWriteError(e, finalPath), finalPath, e);
  }
  await syncDirectory(dir);
  await removeStaleTempFiles(finalPath);
}

/** Removes temporary files of earlier, interrupted saves of the same target. */
async function removeStaleTempFiles(finalPath: string): Promise<void> {
  const dir = path.dirname(finalPath);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => isTempFileFor(finalPath, n))
      .map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)),
  );
}

async function existingMode(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).mode & 0o777;
  } catch {
    return 0o666;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is already durable enough (NTFS log).
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares) refuse fsync on a folder; the rename has still happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** A sentence for the user about a failed write; the old file is intact in every case. */
export function describeWriteError(e: unknown, file: string): string {
  const where = path.basename(file);
  const folder = path.dirname(file);
  switch (errorCode(e)) {
    case 'EACCES':
    case 'EPERM':
      return `Could not save ${where}: no permission to write in ${folder}.`;
    case 'ENOSPC':
      return `Could not save ${where}: the disk is full.`;
    case 'EROFS':
      return `Could not save ${where}: ${folder} is read-only.`;
    case 'ENOENT':
      return `Could not save ${where}: the folder ${folder} no longer exists.`;
    case 'EISDIR':
      return `Could not save ${where}: it is a folder.`;
    default:
      return `Could not save ${where}: ${e instanceof Error ? e.message : String(e)}.`;
  }
}
