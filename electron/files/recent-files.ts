/**
 * The recent-files list: validated on load, capped, most recent first, one entry per file, and
 * files that no longer exist pruned whenever the list is read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_PATH_CHARS, type RecentFile } from '../../renderer/bridge/contract';
import { readJsonFile, writeJsonFile, type Log } from './json-store';

export const MAX_RECENT_FILES = 10;

const recentFileSchema = z.strictObject({
  filePath: z
    .string()
    .min(1)
    .max(MAX_PATH_CHARS)
    .refine((p) => path.isAbsolute(p), 'expected an absolute path'),
  openedAt: z.iso.datetime(),
});
const recentListSchema = z.strictObject({
  version: z.literal(1),
  files: z.array(recentFileSchema).max(100),
});
type RecentList = z.output<typeof recentListSchema>;

const empty = (): RecentList => ({ version: 1, files: [] });

/** Same file? Case-insensitive on the platforms whose default file systems are. */
export function samePath(
  a: string,
  b: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  const norm = (p: string) => path.resolve(p);
  return platform === 'win32' || platform === 'darwin'
    ? norm(a).toLowerCase() === norm(b).toLowerCase()
    : norm(a) === norm(b);
}

export interface RecentFilesOptions {
  readonly storePath: string;
  readonly log: Log;
  readonly now?: () => Date;
  readonly cap?: number;
  readonly exists?: (filePath: string) => Promise<boolean>;
}

export class RecentFiles {
  private loaded: RecentList | null = null;
  private readonly cap: number;
  private readonly now: () => Date;
  private readonly exists: (filePath: string) => Promise<boolean>;

  constructor(private readonly options: RecentFilesOptions) {
    this.cap = options.cap ?? MAX_RECENT_FILES;
    this.now = options.now ?? (() => new Date());
    this.exists = options.exists ?? isFile;
  }

  private async load(): Promise<RecentList> {
    if (!this.loaded) {
      this.loaded = await readJsonFile(
        this.options.storePath,
        recentListSchema,
        empty,
        this.options.log,
      );
      this.loaded.files = dedupe(this.loaded.files).slice(0, this.cap);
    }
    return this.loaded;
  }

  /** The list, most recent first, without files that have gone. */
  async entries(): Promise<RecentFile[]> {
    const list = await this.load();
    const present = await Promise.all(list.files.map((f) => this.exists(f.filePath)));
    const kept = list.files.filter((_, i) => present[i]);
    if (kept.length !== list.files.length) {
      list.files = kept;
      await this.persist();
    }
    return kept.map((f) => ({
      filePath: f.filePath,
      fileName: path.basename(f.filePath),
      openedAt: f.openedAt,
    }));
  }

  async add(filePath: string): Promise<void> {
    const list = await this.load();
    const absolute = path.resolve(filePath);
    list.files = [
      { filePath: absolute, openedAt: this.now().toISOString() },
      ...list.files.filter((f) => !samePath(f.filePath, absolute)),
    ].slice(0, this.cap);
    await this.persist();
  }

  async has(filePath: string): Promise<boolean> {
    const list = await this.load();
    return list.files.some((f) => samePath(f.filePath, filePath));
  }

  async clear(): Promise<void> {
    const list = await this.load();
    list.files = [];
    await this.persist();
  }

  private async persist(): Promise<void> {
    try {
      await writeJsonFile(this.options.storePath, this.loaded);
    } catch (e) {
      this.options.log(`recent files: could not be saved (${String(e)})`);
    }
  }
}

function dedupe(files: RecentList['files']): RecentList['files'] {
  const out: RecentList['files'] = [];
  for (const f of files) if (!out.some((o) => samePath(o.filePath, f.filePath))) out.push(f);
  return out;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile();
  } catch {
    return false;
  }
}
