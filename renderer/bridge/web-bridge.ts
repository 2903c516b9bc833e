/**
 * The bridge in a plain browser: a file input to open, a download (blob URL) to save and export,
 * IndexedDB for the backup of unsaved work (durable at once, web-backup-store.ts; localStorage
 * where IndexedDB cannot be used, and a backup left there by earlier versions is moved over),
 * localStorage for the names of recent files, the page title for
 * the document state, the browser's own "leave page?" prompt for unsaved changes, and for the
 * presenter view a second window of the app (`#presenter`) talking through a BroadcastChannel. It
 * implements the same `FlywheelBridge` the desktop preload exposes.
 */
import * as z from 'zod';
import {
  fail,
  MAX_FILE_NAME_CHARS,
  MAX_SCENARIO_TEXT_CHARS,
  ok,
  windowTitle,
  type Backup,
  type FlywheelBridge,
  type MenuCommand,
  type OpenedFile,
  type RecentFile,
  type Result,
} from './contract';
import { CURRENT_KEY, UNREADABLE_KEY, type WebBackupStore } from './web-backup-store';
import {
  createPresenterRelay,
  openBrowserPresenterChannel,
  type BroadcastChannelLike,
} from './presenter-channel';

export const BACKUP_KEY = 'flywheel-lab/backup';
export const RECENT_KEY = 'flywheel-lab/recent';
const MAX_RECENT = 10;

const DAMAGED_BACKUP_MESSAGE =
  'The backup of unsaved work from the last session could not be restored: it is damaged. It was set aside in the browser storage.';

const backupSchema = z.strictObject({
  scenarioText: z.string().max(MAX_SCENARIO_TEXT_CHARS),
  fileName: z.string().min(1).max(MAX_FILE_NAME_CHARS),
  filePath: z.null(),
  savedAt: z.iso.datetime(),
});
const recentSchema = z
  .array(
    z.strictObject({
      fileName: z.string().min(1).max(MAX_FILE_NAME_CHARS),
      filePath: z.null(),
      openedAt: z.iso.datetime(),
    }),
  )
  .max(100);

export interface WebBridgeEnv {
  readonly document: Document;
  readonly window: Window;
  readonly storage: Storage | null;
  /** Where the backup of unsaved work goes (IndexedDB); null: localStorage, as before. */
  readonly backupStore?: WebBackupStore | null;
  readonly now?: () => Date;
  /** Opens the presenter relay's channel (default: the browser's BroadcastChannel). */
  readonly presenterChannel?: () => BroadcastChannelLike | null;
}

/** The window name of the presenter view, so a second Open reuses it instead of a third window. */
export const PRESENTER_WINDOW_NAME = 'flywheel-presenter';
export const PRESENTER_HASH = '#presenter';

export const PDF_IN_BROWSER_MESSAGE =
  'The browser version cannot make a PDF itself: export the report as HTML, open it and print it to PDF from the browser (Print, then Save as PDF), or use the desktop app or `flywheel report --out report.pdf`.';

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads a chosen or dropped file: size checked before reading, strict UTF-8. */
export async function readBrowserFile(
  file: File,
  maxBytes = MAX_SCENARIO_TEXT_CHARS,
): Promise<Result<OpenedFile>> {
  if (file.size > maxBytes) {
    return fail(
      'too-large',
      `${file.name} is ${formatMegabytes(file.size)}; a scenario file is at most ${formatMegabytes(maxBytes)}. It was not opened.`,
    );
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return ok({ text, fileName: file.name, filePath: null });
  } catch {
    return fail(
      'invalid-file',
      `${file.name} is not a text file, so it is not a Flywheel Lab scenario.`,
    );
  }
}

export function createWebBridge(env: WebBridgeEnv): FlywheelBridge {
  const { document: doc, window: win, storage } = env;
  const now = env.now ?? (() => new Date());
  const listeners = new Set<(command: MenuCommand) => void>();
  let dirty = false;
  const relay = createPresenterRelay(env.presenterChannel ?? openBrowserPresenterChannel);
  let presenterWindow: Window | null = null;

  const readStored = <T>(
    key: string,
    schema: z.ZodType<T>,
  ): { value: T | null; corrupt: boolean } => {
    const raw = storage?.getItem(key) ?? null;
    if (raw === null) return { value: null, corrupt: false };
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success
        ? { value: parsed.data, corrupt: false }
        : { value: null, corrupt: true };
    } catch {
      return { value: null, corrupt: true };
    }
  };
  const store = (key: string, value: unknown): Result<null> => {
    if (!storage) return fail('unsupported', 'This browser does not allow the app to store data.');
    try {
      storage.setItem(key, JSON.stringify(value));
      return ok(null);
    } catch (e) {
      return fail(
        'io',
        `The browser refused to store data (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  };
  const rememberRecent = (fileName: string) => {
    const list = readStored(RECENT_KEY, recentSchema).value ?? [];
    const next: RecentFile[] = [
      { fileName, filePath: null, openedAt: now().toISOString() },
      ...list.filter((f) => f.fileName !== fileName),
    ];
    store(RECENT_KEY, next.slice(0, MAX_RECENT));
  };

  const download = (data: string | Uint8Array, fileName: string, type: string) => {
    const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
    const url = URL.createObjectURL(blob);
    const a = doc.createElement('a');
    a.href = url;
    a.download = fileName;
    a.hidden = true;
    doc.body.append(a);
    a.click();
    a.remove();
    // The download has started from the click; the URL is no longer needed after this turn.
    win.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const chooseFile = (): Promise<File | null> =>
    new Promise((resolve) => {
      const input = doc.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.hidden = true;
      input.dataset.testid = 'bridge-file-input';
      const done = (file: File | null) => {
        input.remove();
        resolve(file);
      };
      input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
      input.addEventListener('cancel', () => done(null), { once: true });
      doc.body.append(input);
      input.click();
    });

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };
  win.addEventListener('beforeunload', onBeforeUnload);

  // Browsers have no application menu: Ctrl/Cmd+O and Ctrl/Cmd+S (+Shift) do the file commands.
  win.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const command: MenuCommand | null =
      key === 'o'
        ? { command: 'open' }
        : key === 's'
          ? { command: event.shiftKey ? 'save-as' : 'save' }
          : null;
    if (!command) return;
    event.preventDefault();
    for (const l of listeners) l(command);
  });

  const saveDownload = (text: string, fileName: string) => {
    download(text, fileName, 'application/json');
    rememberRecent(fileName);
    return ok({ fileName, filePath: null });
  };

  const backupStore = env.backupStore ?? null;

  /**
   * Removes the backup in localStorage if it is still the text `seen` (read before the IndexedDB
   * work that makes it unneeded): one written meanwhile (by another tab, or an earlier version's)
   * is newer and stays.
   */
  const removeLegacyBackup = (seen: string | null): void => {
    if (seen !== null && storage?.getItem(BACKUP_KEY) === seen) storage.removeItem(BACKUP_KEY);
  };

  /** The backup in localStorage (where earlier versions kept it); a damaged one is set aside. */
  const readLegacyBackup = (): { backup: Backup | null; damaged: boolean } => {
    const { value, corrupt } = readStored(BACKUP_KEY, backupSchema);
    if (!corrupt) return { backup: value, damaged: false };
    const raw = storage?.getItem(BACKUP_KEY) ?? '';
    storage?.removeItem(BACKUP_KEY);
    try {
      storage?.setItem(`${BACKUP_KEY}-unreadable`, raw);
    } catch {
      // Out of space: the unreadable copy cannot be kept.
    }
    return { backup: null, damaged: true };
  };

  /** The backup in IndexedDB; a damaged one is set aside there. Null when IndexedDB fails. */
  const readDurableBackup = async (): Promise<{ backup: Backup | null; damaged: boolean }> => {
    if (!backupStore) return { backup: null, damaged: false };
    let stored: unknown;
    try {
      stored = await backupStore.get(CURRENT_KEY);
    } catch {
      return { backup: null, damaged: false };
    }
    if (stored === undefined || stored === null) return { backup: null, damaged: false };
    const parsed = backupSchema.safeParse(stored);
    if (parsed.success) return { backup: parsed.data, damaged: false };
    try {
      await backupStore.put(UNREADABLE_KEY, stored);
      await backupStore.delete(CURRENT_KEY);
    } catch {
      // It stays where it is and is reported again next time.
    }
    return { backup: null, damaged: true };
  };

  const readBackup = async (): Promise<Result<Backup | null>> => {
    const durable = await readDurableBackup();
    const legacyText = storage?.getItem(BACKUP_KEY) ?? null;
    const legacy = readLegacyBackup();
    let backup = durable.backup;
    if (legacy.backup) {
      const legacyIsNewer = !backup || legacy.backup.savedAt > backup.savedAt;
      if (legacyIsNewer) backup = legacy.backup;
      // Moved into IndexedDB (durably) before it leaves localStorage; kept there if that fails.
      let moved = !backupStore;
      if (backupStore) {
        try {
          if (legacyIsNewer) await backupStore.put(CURRENT_KEY, legacy.backup);
          moved = true;
        } catch {
          moved = false;
        }
      }
      if (moved && backupStore) removeLegacyBackup(legacyText);
    }
    if (!backup && (durable.damaged || legacy.damaged))
      return fail('invalid-file', DAMAGED_BACKUP_MESSAGE);
    return ok(backup);
  };

  return {
    kind: 'web',
    async openFile() {
      const file = await chooseFile();
      if (!file) return fail('canceled', 'Open cancelled.');
      const result = await readBrowserFile(file);
      if (result.ok) rememberRecent(file.name);
      return result;
    },
    async openPath(filePath) {
      return fail(
        'unsupported',
        `The browser cannot reopen ${filePath} by name: use Open… to choose it again.`,
      );
    },
    async openDroppedFile(file) {
      const result = await readBrowserFile(file);
      if (result.ok) rememberRecent(file.name);
      return result;
    },
    async save({ text, fileName }) {
      return saveDownload(text, fileName);
    },
    async saveAs({ text, suggestedName }) {
      return saveDownload(text, suggestedName);
    },
    async exportFile({ data, suggestedName, format }) {
      const types: Record<typeof format, string> = {
        scenario: 'application/json',
        json: 'application/json',
        csv: 'text/csv',
        html: 'text/html',
        pdf: 'application/pdf',
        png: 'image/png',
        svg: 'image/svg+xml',
      };
      download(data, suggestedName, types[format]);
      return ok({ fileName: suggestedName, filePath: null });
    },
    async listRecent() {
      return ok(readStored(RECENT_KEY, recentSchema).value ?? []);
    },
    async clearRecent() {
      storage?.removeItem(RECENT_KEY);
      return ok(null);
    },
    readBackup,
    async writeBackup(request) {
      const backup = { ...request, filePath: null, savedAt: now().toISOString() };
      if (backupStore) {
        const legacyText = storage?.getItem(BACKUP_KEY) ?? null;
        try {
          await backupStore.put(CURRENT_KEY, backup);
          // A backup an earlier version left in localStorage is older than this one.
          removeLegacyBackup(legacyText);
          return ok(null);
        } catch {
          // IndexedDB refused (quota, private mode, a broken profile): localStorage is better than
          // no backup at all.
        }
      }
      return store(BACKUP_KEY, backup);
    },
    async clearBackup() {
      const legacyText = storage?.getItem(BACKUP_KEY) ?? null;
      try {
        await backupStore?.delete(CURRENT_KEY);
      } catch {
        // Nothing to clear, or IndexedDB is unusable: the next start offers it (or nothing) again.
      }
      removeLegacyBackup(legacyText);
      return ok(null);
    },
    async setDocumentState({ fileName, dirty: isDirty }) {
      dirty = isDirty;
      doc.title = windowTitle(fileName, isDirty, 'other');
      return ok(null);
    },
    async closeWindow() {
      return ok(null);
    },
    async openExternal(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return fail('invalid-request', 'Not a link.');
      }
      if (parsed.protocol !== 'https:') return fail('forbidden', 'Only https links are opened.');
      win.open(parsed.href, '_blank', 'noopener,noreferrer');
      return ok(null);
    },
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async printReportPdf() {
      return fail('unsupported', PDF_IN_BROWSER_MESSAGE);
    },
    async openPresenterView() {
      const url = new URL(win.location.href);
      url.hash = PRESENTER_HASH;
      // Not 'noopener': without a handle a blocked popup cannot be told from an opened one. The
      // presenter page is the app itself, on the same origin.
      const opened = win.open(url.href, PRESENTER_WINDOW_NAME, 'popup,width=1100,height=700');
      if (!opened) {
        return fail(
          'forbidden',
          'The browser blocked the presenter window. Allow pop-ups for this page and press the button again; the presentation goes on in this window meanwhile.',
        );
      }
      presenterWindow = opened;
      return ok({ placement: 'window' });
    },
    async closePresenterView() {
      if (presenterWindow && !presenterWindow.closed) presenterWindow.close();
      presenterWindow = null;
      return ok(null);
    },
    publishPresenterState: (snapshot) => relay.publishPresenterState(snapshot),
    onPresenterState: (listener) => relay.onPresenterState(listener),
    sendPresenterCommand: (command) => relay.sendPresenterCommand(command),
    onPresenterCommand: (listener) => relay.onPresenterCommand(listener),
  };
}
