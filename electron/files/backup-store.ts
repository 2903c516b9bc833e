/**
 * The backup of unsaved work (crash recovery). The page writes it about a second after each edit;
 * it is dropped on save and on a clean exit, so a backup found at start-up means the app did not
 * exit cleanly. A backup that cannot be read is moved aside (never deleted: it may be the only copy
 * of someone's work) and reported with a message.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  fail,
  MAX_FILE_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_SCENARIO_TEXT_CHARS,
  ok,
  type Backup,
  type Result,
} from '../../renderer/bridge/contract';
import { atomicWriteFile } from '../../node/files/atomic-write';
import { fileErrorFrom } from '../../node/files/file-error';
import { readTextFile } from '../../node/files/read-file';

export const BACKUP_KIND = 'flywheel-lab/backup';
export const BACKUP_FILE_NAME = 'unsaved-work.json';
/** The scenario text plus the envelope (JSON escapes can double the text's size). */
const MAX_BACKUP_BYTES = MAX_SCENARIO_TEXT_CHARS * 2;

const backupFileSchema = z.strictObject({
  kind: z.literal(BACKUP_KIND),
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  fileName: z.string().min(1).max(MAX_FILE_NAME_CHARS),
  filePath: z.string().min(1).max(MAX_PATH_CHARS).nullable(),
  scenarioText: z.string().max(MAX_SCENARIO_TEXT_CHARS),
});

export interface BackupStoreOptions {
  readonly folder: string;
  readonly now?: () => Date;
}

export class BackupStore {
  private readonly now: () => Date;
  readonly filePath: string;

  constructor(private readonly options: BackupStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.filePath = path.join(options.folder, BACKUP_FILE_NAME);
  }

  async write(backup: Omit<Backup, 'savedAt'>): Promise<Result<null>> {
    const file = { kind: BACKUP_KIND, version: 1, savedAt: this.now().toISOString(), ...backup };
    try {
      await fs.mkdir(this.options.folder, { recursive: true });
      await atomicWriteFile(this.filePath, JSON.stringify(file));
      return ok(null);
    } catch (e) {
      return fail(
        'io',
        `The automatic backup of your unsaved work failed (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  }

  /** The backup left by a session that did not exit cleanly, or null. */
  async read(): Promise<Result<Backup | null>> {
    let text: string;
    try {
      ({ text } = await readTextFile(this.filePath, { maxBytes: MAX_BACKUP_BYTES }));
    } catch (e) {
      const error = fileErrorFrom(e, this.filePath);
      if (error.kind === 'not-found') return ok(null);
      if (error.kind === 'too-large') return this.setAside('it is too large');
      if (error.kind === 'not-text') return this.setAside('it is not a text file');
      return fail('io', `The backup of unsaved work could not be read: it ${error.reason}.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.setAside('it is not valid JSON');
    }
    const parsed = backupFileSchema.safeParse(json);
    if (!parsed.success) return this.setAside('it is not a Flywheel Lab backup');
    const { savedAt, fileName, filePath, scenarioText } = parsed.data;
    return ok({ savedAt, fileName, filePath, scenarioText });
  }

  async clear(): Promise<Result<null>> {
    try {
      await fs.rm(this.filePath, { force: true });
      return ok(null);
    } catch (e) {
      return fail('io', `The backup could not be removed (${String(e)}).`);
    }
  }

  /** Moves an unreadable backup aside so that the next start does not trip over it again. */
  private async setAsideFile(reason: string): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const aside = path.join(this.options.folder, `unsaved-work.unreadable-${stamp}.json`);
    await fs.rename(this.filePath, aside);
    return `The backup of unsaved work from the last session could not be restored: ${reason}. It was kept as ${aside}.`;
  }

  private async setAside(reason: string): Promise<Result<Backup | null>> {
    try {
      return fail('invalid-file', await this.setAsideFile(reason));
    } catch (e) {
      return fail(
        'io',
        `The backup of unsaved work could not be restored (${reason}) nor moved aside (${String(e)}).`,
      );
    }
  }
}
