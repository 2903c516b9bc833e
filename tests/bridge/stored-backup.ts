/**
 * Reading and planting the browser build's backup of unsaved work from a test, in the page: the
 * IndexedDB record (renderer/bridge/web-backup-store.ts) and the localStorage key earlier versions
 * used. Reading never creates the database (that would leave it without its object store).
 */
import type { Page } from 'playwright-core';

export const LEGACY_BACKUP_KEY = 'flywheel-lab/backup';

/** What IndexedDB holds under `key` ('current' or 'unreadable'), or null. */
export function storedBackup(page: Page, key = 'current'): Promise<unknown> {
  return page.evaluate(async (key) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('flywheel-lab')) return null;
    return new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open('flywheel-lab');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('backup')) {
          db.close();
          resolve(null);
          return;
        }
        const get = db.transaction('backup', 'readonly').objectStore('backup').get(key);
        get.onsuccess = () => {
          db.close();
          resolve(get.result ?? null);
        };
        get.onerror = () => reject(get.error);
      };
    });
  }, key);
}

/** The name of the scenario in the stored backup, or null (for waiting on a backup). */
export async function backedUpName(page: Page): Promise<string | null> {
  const backup = (await storedBackup(page)) as { scenarioText?: unknown } | null;
  if (!backup || typeof backup.scenarioText !== 'string') return null;
  try {
    return (JSON.parse(backup.scenarioText) as { name?: string }).name ?? null;
  } catch {
    return null;
  }
}

/** Puts `value` into the app's IndexedDB backup store (creating it as the app does). */
export function plantBackup(page: Page, value: unknown): Promise<void> {
  return page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('flywheel-lab', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('backup');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('backup', 'readwrite', { durability: 'strict' });
          tx.objectStore('backup').put(value, 'current');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    value,
  );
}
