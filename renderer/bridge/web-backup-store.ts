/**
 * Where the browser build keeps the backup of unsaved work: IndexedDB, written in transactions
 * with durability 'strict', so a backup the app has written survives the browser being killed a
 * moment later. (localStorage, used before, is written to disk late: Chromium lost edits from the
 * last ~6 s when killed, although they were already in local storage.) A write resolves only once
 * its transaction is complete.
 *
 * One database, `flywheel-lab`, with one object store `backup`: the current backup under
 * `current`, a damaged one set aside under `unreadable`. The values are opaque here; the web
 * bridge validates what it reads.
 */

export const BACKUP_DB_NAME = 'flywheel-lab';
export const BACKUP_DB_VERSION = 1;
export const BACKUP_STORE = 'backup';
export const CURRENT_KEY = 'current';
export const UNREADABLE_KEY = 'unreadable';

export interface WebBackupStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(BACKUP_DB_NAME, BACKUP_DB_VERSION);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(BACKUP_STORE)) db.createObjectStore(BACKUP_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab of a newer version wants the database: let it have it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is held by another tab of the app'));
  });
}

/** The backup store over a browser's IndexedDB (opened on first use, reopened after a failure). */
export function indexedDbBackupStore(factory: IDBFactory): WebBackupStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => {
    db ??= openDatabase(factory).catch((e: unknown) => {
      db = null;
      throw e;
    });
    return db;
  };
  const write = async (action: (store: IDBObjectStore) => void) => {
    const tx = (await database()).transaction(BACKUP_STORE, 'readwrite', { durability: 'strict' });
    const done = transactionDone(tx);
    action(tx.objectStore(BACKUP_STORE));
    await done;
  };
  return {
    async get(key) {
      const tx = (await database()).transaction(BACKUP_STORE, 'readonly');
      return requestResult(tx.objectStore(BACKUP_STORE).get(key));
    },
    put: (key, value) => write((store) => void store.put(value, key)),
    delete: (key) => write((store) => void store.delete(key)),
  };
}
