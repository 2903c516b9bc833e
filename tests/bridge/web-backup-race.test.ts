/**
 * The web bridge's backup work that spans an IndexedDB request (clearing the backup, writing a
 * newer one, moving an earlier version's into IndexedDB) ends by removing the backup in
 * localStorage: only the one it had read before. A backup written there meanwhile (another tab, an
 * earlier version of the app still open) is newer and stays. Found by the first-hour end-to-end
 * test, whose backup was written while the page cleared its own after an undo.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, createWebBridge } from '../../renderer/bridge/web-bridge';
import type { WebBackupStore } from '../../renderer/bridge/web-backup-store';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** An IndexedDB stand-in whose requests finish when the test says (`finish`). */
function slowStore(): WebBackupStore & {
  step: () => Promise<void>;
  finish: () => Promise<void>;
} {
  const data = new Map<string, unknown>();
  const waiting: (() => void)[] = [];
  const later = <T>(work: () => T): Promise<T> =>
    new Promise((resolve) => waiting.push(() => resolve(work())));
  return {
    get: (key) => later(() => data.get(key)),
    put: (key, value) => later(() => void data.set(key, value)),
    delete: (key) => later(() => void data.delete(key)),
    /** Finishes the oldest request, then lets its caller go on to its next one. */
    async step() {
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    async finish() {
      while (waiting.length > 0) await this.step();
    },
  };
}

const backupText = (name: string, savedAt: string): string =>
  JSON.stringify({
    scenarioText: JSON.stringify({ kind: 'flywheel-lab/scenario', formatVersion: 1, name }),
    fileName: `${name}.flywheel.json`,
    filePath: null,
    savedAt,
  });

function bridge(storage: Storage, backupStore: WebBackupStore) {
  const noop = (): void => undefined;
  const win = { addEventListener: noop, setTimeout: noop } as unknown as Window;
  const doc = {} as Document;
  return createWebBridge({ document: doc, window: win, storage, backupStore });
}

describe("the web bridge's backups in localStorage", () => {
  it('clearing removes the backup it saw, not one written while IndexedDB worked', async () => {
    const storage = new MemoryStorage();
    const store = slowStore();
    const web = bridge(storage, store);
    storage.setItem(BACKUP_KEY, backupText('old', '2026-12-01T00:00:00.000Z'));
    const clearing = web.clearBackup();
    const newer = backupText('plan', '2026-12-07T12:00:00.000Z');
    storage.setItem(BACKUP_KEY, newer);
    await store.finish();
    await clearing;
    expect(storage.getItem(BACKUP_KEY)).toBe(newer);

    // Nothing written meanwhile: the backup it saw goes.
    const again = web.clearBackup();
    await store.finish();
    await again;
    expect(storage.getItem(BACKUP_KEY)).toBeNull();
  });

  it('writing a backup to IndexedDB keeps one written to localStorage meanwhile', async () => {
    const storage = new MemoryStorage();
    const store = slowStore();
    const web = bridge(storage, store);
    storage.setItem(BACKUP_KEY, backupText('old', '2026-12-01T00:00:00.000Z'));
    const writing = web.writeBackup({ scenarioText: '{}', fileName: 'a.json', filePath: null });
    const newer = backupText('plan', '2026-12-07T12:00:00.000Z');
    storage.setItem(BACKUP_KEY, newer);
    await store.finish();
    expect((await writing).ok).toBe(true);
    expect(storage.getItem(BACKUP_KEY)).toBe(newer);
  });

  it('moving an earlier version’s backup into IndexedDB keeps one written meanwhile', async () => {
    const old = backupText('old', '2026-12-07T11:00:00.000Z');
    const newer = backupText('plan', '2026-12-07T12:00:00.000Z');
    for (const meanwhile of [null, newer]) {
      const storage = new MemoryStorage();
      const store = slowStore();
      const web = bridge(storage, store);
      storage.setItem(BACKUP_KEY, old);
      const reading = web.readBackup();
      await store.step(); // the IndexedDB read: then the move's write starts
      if (meanwhile) storage.setItem(BACKUP_KEY, meanwhile);
      await store.finish();
      const result = await reading;
      expect(result.ok && result.value?.fileName).toBe('old.flywheel.json');
      expect(storage.getItem(BACKUP_KEY)).toBe(meanwhile);
    }
  });
});
