/**
 * The one contract between the page and the desktop shell: channel names, request schemas (zod),
 * size limits and result types. The main process validates every request with these schemas, the
 * preload exposes `FlywheelBridge` (and `satisfies` it), and the browser build implements the same
 * interface with browser means (web-bridge.ts). Nothing else crosses the process boundary.
 *
 * Security model: the page never names a path to write. Saves go to a path the user chose in a
 * system dialog, opened, or has in the recent list (the main process keeps that list of granted
 * paths); reads return only text that parsed as a scenario.
 */
import * as z from 'zod';
import { MAX_SCENARIO_BYTES } from '../../simulation/scenario/load';

/** The application's own origin in the desktop shell (a standard, secure custom scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flywheel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const SCENARIO_FILE_EXTENSION = '.flywheel.json';
export const PRODUCT_NAME = 'Flywheel Lab';

/** Scenario text (open, save, backup): the simulation's own file limit. */
export const MAX_SCENARIO_TEXT_CHARS = MAX_SCENARIO_BYTES;
/** Exports (PDF, PNG, CSV series) can be larger than scenarios. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
export const MAX_PATH_CHARS = 4096;
export const MAX_FILE_NAME_CHARS = 255;
export const MAX_URL_CHARS = 2048;
/** Most files of one drop the shell records (the app opens one; the rest are refused anyway). */
export const MAX_DROPPED_FILES = 32;

export type ErrorCode =
  | 'canceled'
  | 'invalid-request'
  | 'forbidden'
  | 'not-found'
  | 'too-large'
  | 'invalid-file'
  | 'io'
  | 'unsupported'
  | 'internal';

export interface BridgeError {
  readonly code: ErrorCode;
  /** A sentence for the user: what happened and, where it helps, what to do. */
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

export interface OpenedFile {
  readonly text: string;
  readonly fileName: string;
  /** Null in the browser build (a file input gives no path). */
  readonly filePath: string | null;
}

export interface SavedFile {
  readonly fileName: string;
  readonly filePath: string | null;
}

export interface RecentFile {
  readonly fileName: string;
  /** Null in the browser build: it remembers names only. */
  readonly filePath: string | null;
  /** ISO time of the last open or save. */
  readonly openedAt: string;
}

/** Unsaved work, written about a second after each edit and offered back after a crash. */
export interface Backup {
  readonly scenarioText: string;
  readonly fileName: string;
  readonly filePath: string | null;
  /** ISO time the backup was written. */
  readonly savedAt: string;
}

export type ThemeChoice = 'system' | 'light' | 'dark' | 'high-contrast';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark', 'high-contrast'];

export type ExportFormat = 'scenario' | 'csv' | 'json' | 'html' | 'pdf' | 'png' | 'svg';
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'scenario',
  'csv',
  'json',
  'html',
  'pdf',
  'png',
  'svg',
];

/** What File > Export calls each format (the desktop menu and the page's notices). */
export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  scenario: 'Scenario Copy',
  csv: 'Series as CSV',
  json: 'Series as JSON',
  html: 'Report as HTML',
  pdf: 'Report as PDF',
  png: 'Chart or Loop as PNG',
  svg: 'Chart or Loop as SVG',
};

/** Commands the shell sends to the page (menu items, the window's close button, the OS). */
export type MenuCommand =
  | { readonly command: 'new' }
  /** File > New from Built-in Scenario…: the page shows its choice of built-in scenarios. */
  | { readonly command: 'new-builtin' }
  | { readonly command: 'open' }
  | { readonly command: 'open-recent'; readonly filePath: string }
  | { readonly command: 'open-path'; readonly filePath: string }
  | { readonly command: 'save' }
  | { readonly command: 'save-as' }
  | { readonly command: 'export'; readonly format: ExportFormat }
  | { readonly command: 'undo' }
  | { readonly command: 'redo' }
  | { readonly command: 'theme'; readonly theme: ThemeChoice }
  | { readonly command: 'present' }
  | { readonly command: 'close' };

// ---- presenter view (issue 6) ----------------------------------------------------------------

export type StoryShowChoice = 'with' | 'without' | 'both';
export const STORY_SHOW_CHOICES: readonly StoryShowChoice[] = ['with', 'without', 'both'];

/** What the presenter's screen shows; the audience window publishes it on every change. */
export interface PresenterSnapshot {
  /** False: the presentation has ended. */
  readonly active: boolean;
  readonly storyTitle: string;
  /** 0-based current step. */
  readonly index: number;
  readonly count: number;
  /** Wall clock (Date.now()) when the presentation started. */
  readonly startedAtMs: number;
  readonly blanked: boolean;
  readonly show: StoryShowChoice;
  readonly current: { readonly title: string; readonly caption: string; readonly notes: string };
  readonly next: { readonly title: string; readonly caption: string } | null;
}

export type PresenterAction =
  'next' | 'previous' | 'first' | 'last' | 'blank' | 'flip' | 'split' | 'theme' | 'exit';
export const PRESENTER_ACTIONS: readonly PresenterAction[] = [
  'next',
  'previous',
  'first',
  'last',
  'blank',
  'flip',
  'split',
  'theme',
  'exit',
];

export type PresenterCommand =
  | { readonly action: PresenterAction }
  /** 0-based. */
  | { readonly action: 'jump'; readonly index: number };

/** Where openPresenterView put the presenter's screen. */
export type PresenterPlacement = 'second-display' | 'window' | 'none';

/** Longest text of a presenter snapshot (a title, caption or note), in characters. */
export const MAX_PRESENTER_TEXT_CHARS = 4000;
/** Most steps a story can have. */
export const MAX_STORY_STEPS = 1000;

// ---- report PDF (issue 5) --------------------------------------------------------------------

export type ReportPaper = 'a4' | 'letter';
export const REPORT_PAPERS: readonly ReportPaper[] = ['a4', 'letter'];

export interface PrintReportRequest {
  /** The self-contained report document. */
  readonly html: string;
  readonly paper: ReportPaper;
}

// ---- request schemas -------------------------------------------------------------------------
// Built inside functions marked pure, so a bundle that only needs the channel names and types (the
// preload) leaves zod out.

function buildRequestSchemas() {
  const filePath = z.string().min(1).max(MAX_PATH_CHARS);
  const fileName = z.string().min(1).max(MAX_FILE_NAME_CHARS);
  const scenarioText = z.string().max(MAX_SCENARIO_TEXT_CHARS);
  const none = z.undefined();
  return {
    openDialog: none,
    openPath: z.strictObject({ filePath }),
    openDropped: z.strictObject({ filePath }),
    // Sent by the preload itself when the user drops files onto the window (never by the page).
    recordDrop: z.strictObject({ filePaths: z.array(filePath).min(1).max(MAX_DROPPED_FILES) }),
    save: z.strictObject({ text: scenarioText, fileName, filePath: filePath.nullable() }),
    saveAs: z.strictObject({ text: scenarioText, suggestedName: fileName }),
    exportFile: z.strictObject({
      format: z.enum(EXPORT_FORMATS),
      suggestedName: fileName,
      data: z.union([
        z.string(),
        z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected text or bytes'),
      ]),
    }),
    listRecent: none,
    clearRecent: none,
    readBackup: none,
    writeBackup: z.strictObject({ scenarioText, fileName, filePath: filePath.nullable() }),
    clearBackup: none,
    setDocumentState: z.strictObject({
      fileName,
      filePath: filePath.nullable(),
      dirty: z.boolean(),
    }),
    closeWindow: none,
    openExternal: z.strictObject({ url: z.string().min(1).max(MAX_URL_CHARS) }),
    printReportPdf: z.strictObject({
      html: z.string().min(1).max(MAX_EXPORT_BYTES),
      paper: z.enum(REPORT_PAPERS),
    }),
    openPresenterView: none,
    closePresenterView: none,
    publishPresenterState: buildPresenterSnapshotSchema(),
    sendPresenterCommand: buildPresenterCommandSchema(),
  } as const;
}

function buildPresenterSnapshotSchema() {
  const text = z.string().max(MAX_PRESENTER_TEXT_CHARS);
  const stepCount = z.int().min(0).max(MAX_STORY_STEPS);
  return z
    .strictObject({
      active: z.boolean(),
      storyTitle: text,
      index: z
        .int()
        .min(0)
        .max(MAX_STORY_STEPS - 1),
      count: stepCount,
      startedAtMs: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
      blanked: z.boolean(),
      show: z.enum(STORY_SHOW_CHOICES),
      current: z.strictObject({ title: text, caption: text, notes: text }),
      next: z.strictObject({ title: text, caption: text }).nullable(),
    })
    .refine((s) => s.count === 0 || s.index < s.count, {
      message: 'index must be less than count',
      path: ['index'],
    }) satisfies z.ZodType<PresenterSnapshot>;
}

function buildPresenterCommandSchema() {
  return z.union([
    z.strictObject({ action: z.enum(PRESENTER_ACTIONS) }),
    z.strictObject({
      action: z.literal('jump'),
      index: z
        .int()
        .min(0)
        .max(MAX_STORY_STEPS - 1),
    }),
  ]) satisfies z.ZodType<PresenterCommand>;
}

function buildMenuCommandSchema(): z.ZodType<MenuCommand> {
  const filePath = z.string().min(1).max(MAX_PATH_CHARS);
  return z.discriminatedUnion('command', [
    z.strictObject({ command: z.literal('new') }),
    z.strictObject({ command: z.literal('new-builtin') }),
    z.strictObject({ command: z.literal('open') }),
    z.strictObject({ command: z.literal('open-recent'), filePath }),
    z.strictObject({ command: z.literal('open-path'), filePath }),
    z.strictObject({ command: z.literal('save') }),
    z.strictObject({ command: z.literal('save-as') }),
    z.strictObject({ command: z.literal('export'), format: z.enum(EXPORT_FORMATS) }),
    z.strictObject({ command: z.literal('undo') }),
    z.strictObject({ command: z.literal('redo') }),
    z.strictObject({ command: z.literal('theme'), theme: z.enum(THEME_CHOICES) }),
    z.strictObject({ command: z.literal('present') }),
    z.strictObject({ command: z.literal('close') }),
  ]);
}

/** The schema of each request, by channel. */
export const requestSchemas = /* @__PURE__ */ buildRequestSchemas();
/** Commands from the shell, checked where they arrive in the page. */
export const menuCommandSchema = /* @__PURE__ */ buildMenuCommandSchema();
/** Presenter snapshots, checked by the shell (from the audience window) and where they arrive. */
export const presenterSnapshotSchema = /* @__PURE__ */ buildPresenterSnapshotSchema();
/** Presenter commands, checked by the shell (from the presenter window) and where they arrive. */
export const presenterCommandSchema = /* @__PURE__ */ buildPresenterCommandSchema();

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

export interface ResultTypes {
  openDialog: OpenedFile;
  openPath: OpenedFile;
  openDropped: OpenedFile;
  recordDrop: null;
  save: SavedFile;
  saveAs: SavedFile;
  exportFile: SavedFile;
  listRecent: RecentFile[];
  clearRecent: null;
  readBackup: Backup | null;
  writeBackup: null;
  clearBackup: null;
  setDocumentState: null;
  closeWindow: null;
  openExternal: null;
  printReportPdf: Uint8Array;
  openPresenterView: { placement: PresenterPlacement };
  closePresenterView: null;
  publishPresenterState: null;
  sendPresenterCommand: null;
}
export type ResultOf<C extends Channel> = Result<ResultTypes[C]>;

/** Upper bound on the size of each request (bytes, measured by `payloadSize`). */
function buildRequestLimits(): Readonly<Record<Channel, number>> {
  const scenarioRequest = MAX_SCENARIO_TEXT_CHARS * 3 + 2 * MAX_PATH_CHARS * 3 + 4096;
  return {
    openDialog: 64,
    openPath: MAX_PATH_CHARS * 3 + 256,
    openDropped: MAX_PATH_CHARS * 3 + 256,
    recordDrop: MAX_DROPPED_FILES * (MAX_PATH_CHARS * 3 + 16) + 256,
    save: scenarioRequest,
    saveAs: scenarioRequest,
    exportFile: MAX_EXPORT_BYTES + 4096,
    listRecent: 64,
    clearRecent: 64,
    readBackup: 64,
    writeBackup: scenarioRequest,
    clearBackup: 64,
    setDocumentState: MAX_PATH_CHARS * 3 + 4096,
    closeWindow: 64,
    openExternal: MAX_URL_CHARS * 3 + 256,
    printReportPdf: MAX_EXPORT_BYTES * 3 + 256,
    openPresenterView: 64,
    closePresenterView: 64,
    // Eight texts at most (titles, captions, notes) plus the numbers and keys.
    publishPresenterState: 8 * MAX_PRESENTER_TEXT_CHARS * 3 + 2048,
    sendPresenterCommand: 256,
  };
}
// Built in a function marked pure, like the schemas: the preload does not need the limits, and
// computing them at the top level would keep the simulation's scenario module in its bundle.
export const requestLimits = /* @__PURE__ */ buildRequestLimits();

/** IPC channel names: one namespace, one name per request. */
export const ipcChannel = (c: Channel): string => `flywheel:${c}`;
export const MENU_COMMAND_CHANNEL = 'flywheel:menu-command';
/** Shell -> presenter window: the audience window's latest snapshot. */
export const PRESENTER_STATE_CHANNEL = 'flywheel:presenter-state';
/** Shell -> audience (document) window: a command from the presenter window. */
export const PRESENTER_COMMAND_CHANNEL = 'flywheel:presenter-command';

/**
 * Bytes a value takes on the wire, roughly (UTF-8 upper bound for strings), computed without
 * serialising it and giving up as soon as `limit` is passed. Returns Infinity for values that are
 * too large, too deep or not plain data.
 */
export function payloadSize(value: unknown, limit: number, depth = 0): number {
  if (depth > 32) return Infinity;
  if (value === undefined || value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 8;
  if (typeof value === 'string') return value.length * 3;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value !== 'object') return Infinity;
  let total = 2;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  for (const [key, v] of entries) {
    total += key.length * 3 + payloadSize(v, limit - total, depth + 1);
    if (total > limit) return Infinity;
  }
  return total;
}

/** What the page can ask the shell for; the browser build implements it with browser means. */
export interface FlywheelBridge {
  readonly kind: 'desktop' | 'web';
  /** Shows the system's open dialog (or a file input) and returns the chosen file's text. */
  openFile(): Promise<ResultOf<'openDialog'>>;
  /** Opens a file the shell already knows (recent list, command line, the OS). */
  openPath(filePath: string): Promise<ResultOf<'openPath'>>;
  /** Opens a file dropped onto the window. */
  openDroppedFile(file: File): Promise<ResultOf<'openDropped'>>;
  /** Saves to the document's file (asks for a place when it has none or cannot be written). */
  save(request: RequestOf<'save'>): Promise<ResultOf<'save'>>;
  saveAs(request: RequestOf<'saveAs'>): Promise<ResultOf<'saveAs'>>;
  exportFile(request: RequestOf<'exportFile'>): Promise<ResultOf<'exportFile'>>;
  listRecent(): Promise<ResultOf<'listRecent'>>;
  clearRecent(): Promise<ResultOf<'clearRecent'>>;
  readBackup(): Promise<ResultOf<'readBackup'>>;
  writeBackup(request: RequestOf<'writeBackup'>): Promise<ResultOf<'writeBackup'>>;
  clearBackup(): Promise<ResultOf<'clearBackup'>>;
  /** File name and unsaved state, for the window title. */
  setDocumentState(request: RequestOf<'setDocumentState'>): Promise<ResultOf<'setDocumentState'>>;
  /** Closes the window after the page has dealt with unsaved changes. */
  closeWindow(): Promise<ResultOf<'closeWindow'>>;
  /** Opens an allow-listed https link in the system browser. */
  openExternal(url: string): Promise<ResultOf<'openExternal'>>;
  /** Menu items, the close button and files from the OS arrive here. Returns unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;

  /**
   * The report as a PDF. Desktop: Chromium's printToPDF in a hidden window without scripts or
   * network, with renderer/report/print-options.ts. Browser: fails ('unsupported') with a sentence
   * saying how to get a PDF there.
   */
  printReportPdf(request: PrintReportRequest): Promise<ResultOf<'printReportPdf'>>;
  /**
   * Opens the presenter's own window. Desktop: with two or more displays, the audience window
   * goes full screen on an external display and a presenter window opens on the primary one
   * ('second-display'); with one display nothing opens ('none'). Browser: opens the app's page
   * with `#presenter` in a new window ('window'); fails with a message when it is blocked.
   */
  openPresenterView(): Promise<ResultOf<'openPresenterView'>>;
  /** Closes the presenter window (desktop: the audience window goes back to where it was). */
  closePresenterView(): Promise<ResultOf<'closePresenterView'>>;
  /** Audience window -> presenter window, fire and forget; the last one is kept for a later one. */
  publishPresenterState(snapshot: PresenterSnapshot): void;
  /** In the presenter window: snapshots as they arrive (the latest at once, if any). */
  onPresenterState(listener: (snapshot: PresenterSnapshot) => void): () => void;
  /** Presenter window -> audience window (keys pressed in the presenter window). */
  sendPresenterCommand(command: PresenterCommand): void;
  /** In the audience window: commands from the presenter window, already validated. */
  onPresenterCommand(listener: (command: PresenterCommand) => void): () => void;
}

/** `● name — Flywheel Lab` (macOS marks unsaved state with the close button instead). */
export function windowTitle(name: string, dirty: boolean, platform: 'darwin' | 'other'): string {
  const marker = dirty && platform !== 'darwin' ? '● ' : '';
  return `${marker}${name} — ${PRODUCT_NAME}`;
}
