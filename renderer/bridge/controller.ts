/**
 * The document controller: New, Open, Save, Save As, Export, the unsaved-changes guard, autosave
 * and recovery, for both the desktop shell and the browser. It is plain TypeScript (no React, no
 * DOM): it talks to the shell through a `FlywheelBridge`, to the document through the
 * `DocumentApi` (shared contract 4), and to the user through its own small state (the open
 * prompt and the notices) that the UI components render. Tests drive it with fakes.
 */
import {
  formatIssues,
  parseScenarioText,
  PRESETS,
  serializeScenario,
  type PresetName,
  type Scenario,
} from '../../simulation';
import type { DocumentApi } from '../state/document';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type Backup,
  type BridgeError,
  type ExportFormat,
  type FlywheelBridge,
  type MenuCommand,
  type OpenedFile,
  type Result,
  type ThemeChoice,
} from './contract';
import { scenarioFileName, UNTITLED_FILE_NAME } from './file-names';
import { BackupSchedule, realTimers, type Timers } from './autosave';
import {
  ChromeState,
  type ControllerState,
  type Prompt,
  type RecoveryChoice,
  type UnsavedChoice,
} from './chrome-state';

export type { Timers } from './autosave';

export type {
  ControllerState,
  Notice,
  Prompt,
  RecoveryChoice,
  UnsavedChoice,
} from './chrome-state';

/** Something that produces an export's content (registered by the feature that owns it). */
export type Exporter = () => Promise<{ data: string | Uint8Array; suggestedName: string }>;

export interface ControllerDeps {
  readonly bridge: FlywheelBridge;
  readonly document: DocumentApi;
  /** The scenario File > New starts from. */
  readonly newScenario: () => Scenario;
  readonly timers?: Timers;
  /** Quiet time after an edit before the backup is written (about a second). */
  readonly backupDelayMs?: number;
  /** During a long gesture the backup is written at least this often. */
  readonly backupMaxWaitMs?: number;
  readonly now?: () => number;
  /** Undo/redo from the menu when the focus is in a text field: the field's own undo. */
  readonly textUndo?: (action: 'undo' | 'redo') => boolean;
  readonly applyTheme?: (theme: ThemeChoice) => void;
  /** View > Present: starts workshop mode. */
  readonly present?: () => void;
  /** File > New from Built-in Scenario…: shows the page's choice (which calls newDocument). */
  readonly chooseBuiltin?: () => void;
  /** Shown in notices for how long (ms) before they go away by themselves; 0 = stay. */
  readonly infoNoticeMs?: number;
}

export { UNTITLED_FILE_NAME };

export class DocumentController {
  private readonly ui: ChromeState;
  private queue: Promise<unknown> = Promise.resolve();
  private filePath: string | null = null;
  private fileName: string;
  private readonly backups: BackupSchedule;
  private reported: { fileName: string; filePath: string | null; dirty: boolean } | null = null;
  private readonly exporters = new Map<ExportFormat, Exporter>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly deps: ControllerDeps) {
    const timers = deps.timers ?? realTimers;
    this.ui = new ChromeState(timers, deps.infoNoticeMs);
    this.backups = new BackupSchedule(
      timers,
      deps.now ?? (() => Date.now()),
      () => void this.writeBackup(),
      deps.backupDelayMs,
      deps.backupMaxWaitMs,
    );
    this.fileName = deps.document.getFileName();
    this.exporters.set('scenario', async () => ({
      data: serializeScenario(this.deps.document.getScenario()),
      suggestedName: scenarioFileName(this.deps.document.getScenario().name),
    }));
  }

  // ---- observable state for the UI ----------------------------------------------------------

  getState(): ControllerState {
    return this.ui.get();
  }

  subscribe(listener: () => void): () => void {
    return this.ui.subscribe(listener);
  }

  isDirty(): boolean {
    return this.deps.document.isDirty();
  }

  getFilePath(): string | null {
    return this.filePath;
  }

  // ---- start and stop -------------------------------------------------------------------------

  /** Subscribes to the document and the shell, then offers to recover unsaved work if any. */
  async start(): Promise<void> {
    this.unsubscribers.push(this.deps.document.subscribe(() => this.onDocumentChanged()));
    this.unsubscribers.push(this.deps.bridge.onMenuCommand((c) => void this.handleCommand(c)));
    this.reportState();
    await this.run(() => this.offerRecovery());
    void this.refreshRecent();
  }

  dispose(): void {
    for (const u of this.unsubscribers.splice(0)) u();
    this.backups.cancel();
  }

  /** Runs document commands one after another (a second Open waits for the first). */
  private run<T>(action: () => Promise<T>): Promise<T> {
    const next = this.queue.then(action, action);
    this.queue = next.catch(() => undefined);
    return next;
  }

  // ---- commands -------------------------------------------------------------------------------

  handleCommand(c: MenuCommand): Promise<unknown> {
    switch (c.command) {
      case 'new':
        return this.newDocument();
      case 'new-builtin':
        this.deps.chooseBuiltin?.();
        return Promise.resolve();
      case 'open':
        return this.open();
      case 'open-recent':
      case 'open-path':
        return this.openPath(c.filePath);
      case 'save':
        return this.save();
      case 'save-as':
        return this.saveAs();
      case 'export':
        return this.exportAs(c.format);
      case 'undo':
      case 'redo':
        if (!this.deps.textUndo?.(c.command)) this.deps.document[c.command]();
        return Promise.resolve();
      case 'theme':
        this.deps.applyTheme?.(c.theme);
        return Promise.resolve();
      case 'present':
        this.deps.present?.();
        return Promise.resolve();
      case 'close':
        return this.requestClose();
    }
  }

  /** A new, untitled document: the default scenario, or a built-in one (`flywheel --preset`). */
  newDocument(preset?: PresetName): Promise<boolean> {
    return this.run(async () => {
      if (!(await this.guard('new'))) return false;
      const scenario = preset === undefined ? this.deps.newScenario() : PRESETS[preset]();
      this.load(scenario, { filePath: null, fileName: UNTITLED_FILE_NAME });
      await this.deps.bridge.clearBackup();
      return true;
    });
  }

  open(): Promise<boolean> {
    return this.run(async () => {
      if (!(await this.guard('open'))) return false;
      return this.openWith(() => this.deps.bridge.openFile());
    });
  }

  openPath(filePath: string): Promise<boolean> {
    return this.run(async () => {
      if (!(await this.guard('open'))) return false;
      return this.openWith(() => this.deps.bridge.openPath(filePath));
    });
  }

  openDropped(file: File): Promise<boolean> {
    return this.run(async () => {
      if (!(await this.guard('open'))) return false;
      return this.openWith(() => this.deps.bridge.openDroppedFile(file));
    });
  }

  save(): Promise<boolean> {
    return this.run(() => this.saveNow(false));
  }

  saveAs(): Promise<boolean> {
    return this.run(() => this.saveNow(true));
  }

  /** Registers what File > Export > `format` produces (the report, the series, the loop image). */
  registerExporter(format: ExportFormat, exporter: Exporter): () => void {
    this.exporters.set(format, exporter);
    return () => {
      if (this.exporters.get(format) === exporter) this.exporters.delete(format);
    };
  }

  /** Formats of File > Export that nothing produces (none, once the app's exporters are in). */
  formatsWithoutExporter(): ExportFormat[] {
    return EXPORT_FORMATS.filter((format) => !this.exporters.has(format));
  }

  exportAs(format: ExportFormat): Promise<boolean> {
    return this.exportWith(format, this.exporters.get(format));
  }

  /**
   * Saves what `exporter` makes as a `format` file, as File > Export does (one at a time, with the
   * same notices): the Analyse view's exports (an analysis's CSV) go through here.
   */
  exportWith(format: ExportFormat, exporter: Exporter | undefined): Promise<boolean> {
    return this.run(async () => {
      if (!exporter) {
        const label = EXPORT_FORMAT_LABELS[format];
        this.notify(
          'error',
          `${label}: not available`,
          `Nothing in this window makes ${label.charAt(0).toLowerCase()}${label.slice(1)} (no exporter is registered for ${format.toUpperCase()}), so no file was saved. The other formats of File > Export still work.`,
        );
        return false;
      }
      let content;
      try {
        content = await exporter();
      } catch (e) {
        this.notify('error', 'Export failed', e instanceof Error ? e.message : String(e));
        return false;
      }
      const result = await this.busy(() => this.deps.bridge.exportFile({ format, ...content }));
      if (!result.ok) return this.failed('Export failed', result.error);
      this.notify('info', 'Exported', `Saved ${result.value.fileName}.`);
      return true;
    });
  }

  /** The window's close button or Quit: asks about unsaved changes, then lets the shell close. */
  requestClose(): Promise<boolean> {
    return this.run(async () => {
      if (!(await this.guard('close'))) return false;
      // Saved, clean, or "Don't Save": no unsaved work is left to recover.
      this.backups.cancel();
      await this.deps.bridge.clearBackup();
      await this.deps.bridge.closeWindow();
      return true;
    });
  }

  /** The user's answer to the prompt on screen. */
  answer(choice: UnsavedChoice | RecoveryChoice): void {
    this.ui.answer(choice);
  }

  /**
   * The prompt was closed without an answer (Escape): nothing is lost (unsaved changes stay
   * open; work offered for recovery is restored). Ignored when `prompt` is no longer on screen.
   */
  dismissPrompt(prompt: Prompt): void {
    this.ui.dismissPrompt(prompt);
  }

  dismissNotice(id: number): void {
    this.ui.dismiss(id);
  }

  // ---- internals ------------------------------------------------------------------------------

  /** True when it is fine to replace or close the document (saved, discarded or clean). */
  private async guard(action: 'new' | 'open' | 'close'): Promise<boolean> {
    if (!this.isDirty()) return true;
    const choice = await this.ui.ask<UnsavedChoice>({
      kind: 'unsaved',
      fileName: this.fileName,
      action,
    });
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return this.saveNow(false);
  }

  private async openWith(read: () => Promise<Result<OpenedFile>>): Promise<boolean> {
    const result = await this.busy(read);
    if (!result.ok) return this.failed('Could not open the file', result.error);
    const { text, fileName, filePath } = result.value;
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      this.notify('error', `Could not open ${fileName}`, formatIssues(fileName, parsed.issues, 5));
      return false;
    }
    this.load(parsed.scenario, { filePath, fileName });
    await this.deps.bridge.clearBackup();
    void this.refreshRecent();
    return true;
  }

  private async saveNow(as: boolean): Promise<boolean> {
    const text = serializeScenario(this.deps.document.getScenario());
    const result = await this.busy(() =>
      as || this.filePath === null
        ? this.deps.bridge.saveAs({
            text,
            // Named after the scenario: Save As, and the first Save of a document never saved.
            suggestedName:
              as || this.fileName === UNTITLED_FILE_NAME
                ? scenarioFileName(this.deps.document.getScenario().name)
                : this.fileName,
          })
        : this.deps.bridge.save({ text, fileName: this.fileName, filePath: this.filePath }),
    );
    if (!result.ok) return this.failed('Could not save', result.error);
    // Edits made while the file was being written stay unsaved: compare with what was written.
    const unchanged = serializeScenario(this.deps.document.getScenario()) === text;
    this.filePath = result.value.filePath;
    this.fileName = result.value.fileName;
    if (unchanged)
      this.deps.document.markSaved({ filePath: this.filePath, fileName: this.fileName });
    this.backups.cancel();
    if (unchanged) await this.deps.bridge.clearBackup();
    this.reportState();
    void this.refreshRecent();
    return true;
  }

  private load(
    scenario: Scenario,
    meta: { filePath: string | null; fileName: string },
    options?: { unsaved: boolean },
  ): void {
    this.filePath = meta.filePath;
    this.fileName = meta.fileName;
    this.backups.cancel();
    this.deps.document.loadScenario(scenario, meta, options);
    this.reportState();
  }

  private async offerRecovery(): Promise<void> {
    const read = await this.deps.bridge.readBackup();
    if (!read.ok) {
      this.failed('Unsaved work could not be recovered', read.error);
      return;
    }
    const backup: Backup | null = read.value;
    if (!backup) return;
    const choice = await this.ui.ask<RecoveryChoice>({
      kind: 'recover',
      fileName: backup.fileName,
      savedAt: backup.savedAt,
    });
    if (choice === 'discard') {
      await this.deps.bridge.clearBackup();
      return;
    }
    const parsed = parseScenarioText(backup.scenarioText);
    if (!parsed.ok) {
      this.notify(
        'error',
        'Unsaved work could not be recovered',
        formatIssues(backup.fileName, parsed.issues, 5),
      );
      return;
    }
    // Restored work is still unsaved, under its original name and path: it stays dirty (the title
    // shows it, closing asks) and keeps its backup until it is saved.
    this.load(
      parsed.scenario,
      { filePath: backup.filePath, fileName: backup.fileName },
      { unsaved: true },
    );
    this.notify(
      'info',
      'Unsaved work restored',
      `${backup.fileName} is as it was at ${new Date(backup.savedAt).toLocaleString()}. Save it to keep it.`,
    );
  }

  private onDocumentChanged(): void {
    const name = this.deps.document.getFileName();
    if (name !== this.fileName) {
      // The document was replaced elsewhere (not through this controller): it has no known path.
      this.fileName = name;
      this.filePath = null;
    }
    this.reportState();
    if (this.isDirty()) this.backups.edited();
    else if (this.backups.pending()) {
      // Undone back to the saved state: there is no unsaved work to back up.
      this.backups.cancel();
      void this.deps.bridge.clearBackup();
    }
  }

  private async writeBackup(): Promise<void> {
    if (!this.isDirty()) return;
    const result = await this.deps.bridge.writeBackup({
      scenarioText: serializeScenario(this.deps.document.getScenario()),
      fileName: this.fileName,
      filePath: this.filePath,
    });
    if (!result.ok) this.failed('Automatic backup failed', result.error);
  }

  private reportState(): void {
    const next = { fileName: this.fileName, filePath: this.filePath, dirty: this.isDirty() };
    const last = this.reported;
    if (
      last &&
      last.fileName === next.fileName &&
      last.filePath === next.filePath &&
      last.dirty === next.dirty
    )
      return;
    this.reported = next;
    void this.deps.bridge.setDocumentState(next);
  }

  private async refreshRecent(): Promise<void> {
    const result = await this.deps.bridge.listRecent();
    if (result.ok) this.ui.setRecent(result.value);
  }

  private busy<T>(work: () => Promise<T>): Promise<T> {
    return this.ui.whileBusy(work);
  }

  /** Reports a failed bridge call (a cancelled dialog is not a failure); always false. */
  private failed(title: string, error: BridgeError): false {
    if (error.code !== 'canceled') this.notify('error', title, error.message);
    return false;
  }

  private notify(tone: 'error' | 'info', title: string, detail: string): void {
    this.ui.notify(tone, title, detail);
  }
}
