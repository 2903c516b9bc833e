import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeScenario, withoutPreset, withPreset, type Scenario } from '../../simulation';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  fail,
  ok,
  windowTitle,
  type FlywheelBridge,
  type MenuCommand,
  type Result,
} from '../../renderer/bridge/contract';
import { DocumentController, type ControllerDeps } from '../../renderer/bridge/controller';
import { createDocumentApi, type DocumentApi } from '../../renderer/state/document';
import { registerAppExporters } from '../../renderer/export/exporters';
import { buildMenuTemplate } from '../../electron/menu/template';
import { createWorkspaceStore, isDirty } from '../../renderer/state/workspace';

/** A DocumentApi over a plain object: dirty when the scenario differs from the saved one. */
class FakeDocument implements DocumentApi {
  scenario: Scenario = withPreset();
  saved: Scenario | null = this.scenario;
  meta = { filePath: null as string | null, fileName: 'Untitled.flywheel.json' };
  undone = 0;
  redone = 0;
  private listeners = new Set<() => void>();
  getScenario = () => this.scenario;
  loadScenario = (
    s: Scenario,
    meta: { filePath: string | null; fileName: string },
    options?: { unsaved?: boolean },
  ) => {
    this.scenario = s;
    this.saved = options?.unsaved ? null : s;
    this.meta = meta;
    this.emit();
  };
  markSaved = (meta: { filePath: string | null; fileName: string }) => {
    this.saved = this.scenario;
    this.meta = meta;
    this.emit();
  };
  isDirty = () =>
    this.saved === null || serializeScenario(this.scenario) !== serializeScenario(this.saved);
  getFileName = () => this.meta.fileName;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  undo = () => void this.undone++;
  redo = () => void this.redone++;
  /** An edit by the user. */
  edit(name: string) {
    this.scenario = { ...this.scenario, name };
    this.emit();
  }
  private emit() {
    for (const l of this.listeners) l();
  }
}

type Call = { method: string; request?: unknown };

/** A bridge that records calls; each method's answer can be set per test. */
class FakeBridge implements FlywheelBridge {
  readonly kind = 'desktop' as const;
  calls: Call[] = [];
  files = new Map<string, string>();
  nextOpen: Result<{ text: string; fileName: string; filePath: string | null }> = fail(
    'canceled',
    'cancelled',
  );
  nextSaveAsPath: string | null = '/docs/chosen.flywheel.json';
  failWrites = false;
  backup: {
    scenarioText: string;
    fileName: string;
    filePath: string | null;
    savedAt: string;
  } | null = null;
  backupCorrupt = false;
  private listeners = new Set<(c: MenuCommand) => void>();
  private record(method: string, request?: unknown) {
    this.calls.push(request === undefined ? { method } : { method, request });
  }
  named(method: string) {
    return this.calls.filter((c) => c.method === method);
  }
  send(c: MenuCommand) {
    for (const l of this.listeners) l(c);
  }
  openFile = async () => (this.record('openFile'), this.nextOpen);
  openPath = async (filePath: string) => {
    this.record('openPath', filePath);
    const text = this.files.get(filePath);
    return text === undefined
      ? fail('not-found', `${filePath} no longer exists.`)
      : ok({ text, fileName: filePath.split('/').pop()!, filePath });
  };
  openDroppedFile = async (file: File) => (
    this.record('openDroppedFile', file.name),
    ok({ text: await file.text(), fileName: file.name, filePath: `/dropped/${file.name}` })
  );
  save = async (r: { text: string; fileName: string; filePath: string | null }) => {
    this.record('save', r);
    if (this.failWrites)
      return fail('io', 'Could not save: the disk is full. The file on disk was not changed.');
    this.files.set(r.filePath!, r.text);
    return ok({ fileName: r.fileName, filePath: r.filePath });
  };
  saveAs = async (r: { text: string; suggestedName: string }) => {
    this.record('saveAs', r);
    if (this.nextSaveAsPath === null) return fail('canceled', 'Save cancelled.');
    this.files.set(this.nextSaveAsPath, r.text);
    return ok({ fileName: this.nextSaveAsPath.split('/').pop()!, filePath: this.nextSaveAsPath });
  };
  exportFile = async (r: { format: string; suggestedName: string; data: string | Uint8Array }) => (
    this.record('exportFile', r),
    ok({ fileName: r.suggestedName, filePath: `/exports/${r.suggestedName}` })
  );
  listRecent = async () => ok([]);
  clearRecent = async () => ok(null);
  readBackup = async () => {
    this.record('readBackup');
    return this.backupCorrupt
      ? fail(
          'invalid-file',
          'The backup could not be restored: it is not valid JSON. It was kept as /x.',
        )
      : ok(this.backup);
  };
  writeBackup = async (r: { scenarioText: string; fileName: string; filePath: string | null }) => {
    this.record('writeBackup', r);
    this.backup = { ...r, savedAt: '2025-01-02T03:04:05.000Z' };
    return ok(null);
  };
  clearBackup = async () => {
    this.record('clearBackup');
    this.backup = null;
    return ok(null);
  };
  setDocumentState = async (r: { fileName: string; filePath: string | null; dirty: boolean }) => (
    this.record('setDocumentState', r),
    ok(null)
  );
  closeWindow = async () => (this.record('closeWindow'), ok(null));
  openExternal = async () => ok(null);
  onMenuCommand = (l: (c: MenuCommand) => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  // The controller does not present or print: these only record that they were called.
  printReportPdf = async () => (this.record('printReportPdf'), fail('unsupported', 'not here'));
  openPresenterView = async () => (
    this.record('openPresenterView'),
    ok({ placement: 'none' as const })
  );
  closePresenterView = async () => (this.record('closePresenterView'), ok(null));
  publishPresenterState = () => this.record('publishPresenterState');
  onPresenterState = () => () => undefined;
  sendPresenterCommand = () => this.record('sendPresenterCommand');
  onPresenterCommand = () => () => undefined;
}

let doc: FakeDocument;
let bridge: FakeBridge;
let controller: DocumentController;
const flush = () => new Promise((r) => setTimeout(r, 0));

function make(extra: Partial<ControllerDeps> = {}) {
  controller = new DocumentController({
    bridge,
    document: doc,
    newScenario: withPreset,
    infoNoticeMs: 0,
    ...extra,
  });
  return controller;
}

/** Waits until the controller shows a prompt, then answers it. */
async function answerWhenAsked(choice: Parameters<DocumentController['answer']>[0], kind?: string) {
  for (let i = 0; i < 50 && !controller.getState().prompt; i++) await flush();
  const prompt = controller.getState().prompt;
  expect(prompt).not.toBeNull();
  if (kind) expect(prompt!.kind).toBe(kind);
  controller.answer(choice);
}

beforeEach(() => {
  doc = new FakeDocument();
  bridge = new FakeBridge();
});

describe('open', () => {
  const other = { ...withoutPreset(), name: 'Other plan' };
  const otherText = serializeScenario(other);

  it('loads a valid file with its name and path and reports the title state', async () => {
    make();
    await controller.start();
    bridge.nextOpen = ok({
      text: otherText,
      fileName: 'other.flywheel.json',
      filePath: '/docs/other.flywheel.json',
    });
    expect(await controller.open()).toBe(true);
    expect(doc.scenario.name).toBe('Other plan');
    expect(doc.meta).toEqual({
      filePath: '/docs/other.flywheel.json',
      fileName: 'other.flywheel.json',
    });
    expect(bridge.named('setDocumentState').at(-1)!.request).toEqual({
      fileName: 'other.flywheel.json',
      filePath: '/docs/other.flywheel.json',
      dirty: false,
    });
  });

  it('a malformed file gives a clear message and leaves the current work untouched', async () => {
    make();
    await controller.start();
    doc.edit('My unsaved edit');
    bridge.nextOpen = ok({
      text: '{"kind":"flywheel-lab/scenario","formatVersion":7}',
      fileName: 'future.flywheel.json',
      filePath: null,
    });
    // The guard asks first ("Don't Save" is allowed to replace it), then the file turns out unreadable.
    const opened = controller.open();
    await answerWhenAsked('discard');
    expect(await opened).toBe(false);
    expect(doc.scenario.name).toBe('My unsaved edit');
    const notice = controller.getState().notices.at(-1)!;
    expect(notice.tone).toBe('error');
    expect(notice.detail).toMatch(/future\.flywheel\.json: formatVersion: .*newer than this app/);
  });

  it('a failure reported by the shell (too large) is shown; a cancelled dialog is not an error', async () => {
    make();
    await controller.start();
    expect(await controller.open()).toBe(false);
    expect(controller.getState().notices).toEqual([]);
    bridge.nextOpen = fail(
      'too-large',
      'big.json is 9.0 MB; a scenario file is at most 5.0 MB. It was not opened.',
    );
    expect(await controller.open()).toBe(false);
    expect(controller.getState().notices.at(-1)).toMatchObject({
      tone: 'error',
      detail: expect.stringMatching(/9\.0 MB/),
    });
  });

  it('asks before replacing unsaved changes: Cancel keeps them, Save saves then opens', async () => {
    make();
    await controller.start();
    doc.edit('Edited');
    bridge.nextOpen = ok({
      text: otherText,
      fileName: 'other.flywheel.json',
      filePath: '/docs/other.flywheel.json',
    });
    const first = controller.open();
    await answerWhenAsked('cancel', 'unsaved');
    expect(await first).toBe(false);
    expect(doc.scenario.name).toBe('Edited');
    expect(bridge.named('openFile')).toHaveLength(0);

    const second = controller.open();
    await answerWhenAsked('save', 'unsaved');
    expect(await second).toBe(true);
    expect(JSON.parse(bridge.files.get('/docs/chosen.flywheel.json')!).name).toBe('Edited');
    expect(doc.scenario.name).toBe('Other plan');
  });

  it('Save in the guard that is cancelled (no place chosen) cancels the open', async () => {
    make();
    await controller.start();
    doc.edit('Edited');
    bridge.nextSaveAsPath = null;
    const p = controller.open();
    await answerWhenAsked('save');
    expect(await p).toBe(false);
    expect(doc.scenario.name).toBe('Edited');
  });

  it('opens recent files and files from the OS through the menu command', async () => {
    make();
    await controller.start();
    bridge.files.set('/docs/recent.flywheel.json', otherText);
    bridge.send({ command: 'open-recent', filePath: '/docs/recent.flywheel.json' });
    await vi.waitFor(() => expect(doc.scenario.name).toBe('Other plan'));
    bridge.send({ command: 'open-path', filePath: '/gone.flywheel.json' });
    await vi.waitFor(() =>
      expect(controller.getState().notices.at(-1)?.detail).toMatch(/no longer exists/),
    );
  });

  it('opens a dropped file', async () => {
    make();
    await controller.start();
    expect(await controller.openDropped(new File([otherText], 'dropped.flywheel.json'))).toBe(true);
    expect(doc.meta).toEqual({
      fileName: 'dropped.flywheel.json',
      filePath: '/dropped/dropped.flywheel.json',
    });
  });
});

describe('save', () => {
  it('an untitled document asks where to save; afterwards Save writes to the same file', async () => {
    make();
    await controller.start();
    doc.edit('First');
    expect(await controller.save()).toBe(true);
    expect(bridge.named('saveAs')).toHaveLength(1);
    expect(doc.isDirty()).toBe(false);
    expect(doc.meta).toEqual({
      filePath: '/docs/chosen.flywheel.json',
      fileName: 'chosen.flywheel.json',
    });
    doc.edit('Second');
    expect(await controller.save()).toBe(true);
    expect(bridge.named('save').at(-1)!.request).toMatchObject({
      filePath: '/docs/chosen.flywheel.json',
      fileName: 'chosen.flywheel.json',
    });
    expect(JSON.parse(bridge.files.get('/docs/chosen.flywheel.json')!).name).toBe('Second');
    // Save As always asks.
    await controller.saveAs();
    expect(bridge.named('saveAs')).toHaveLength(2);
  });

  it('a failed save tells the user and the document stays unsaved', async () => {
    make();
    await controller.start();
    doc.edit('x');
    await controller.save();
    doc.edit('y');
    bridge.failWrites = true;
    expect(await controller.save()).toBe(false);
    expect(doc.isDirty()).toBe(true);
    expect(controller.getState().notices.at(-1)).toMatchObject({
      tone: 'error',
      title: 'Could not save',
      detail: expect.stringMatching(/disk is full/),
    });
  });

  it('the menu Save and the keyboard go through the same command', async () => {
    make();
    await controller.start();
    doc.edit('via menu');
    bridge.send({ command: 'save' });
    await vi.waitFor(() => expect(doc.isDirty()).toBe(false));
  });
});

describe('autosave and recovery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs up about a second after the last edit (debounced), and drops the backup on save', async () => {
    make({ backupDelayMs: 1000, backupMaxWaitMs: 5000 });
    await controller.start();
    doc.edit('a');
    await vi.advanceTimersByTimeAsync(600);
    doc.edit('ab');
    await vi.advanceTimersByTimeAsync(600);
    expect(bridge.named('writeBackup')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(bridge.named('writeBackup')).toHaveLength(1);
    expect(
      JSON.parse((bridge.named('writeBackup')[0]!.request as { scenarioText: string }).scenarioText)
        .name,
    ).toBe('ab');
    await controller.save();
    expect(bridge.backup).toBeNull();
  });

  it('during a long gesture the backup is still written at least every five seconds', async () => {
    make({ backupDelayMs: 1000, backupMaxWaitMs: 5000 });
    await controller.start();
    for (let i = 0; i < 60; i++) {
      doc.edit(`drag ${i}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(bridge.named('writeBackup').length).toBeGreaterThanOrEqual(2);
  });

  it('undoing back to the saved state drops the pending backup', async () => {
    make();
    await controller.start();
    const original = doc.scenario;
    doc.edit('temp');
    doc.scenario = original;
    doc.loadScenario(original, doc.meta);
    await vi.advanceTimersByTimeAsync(2000);
    expect(bridge.named('writeBackup')).toHaveLength(0);
  });

  it('offers the backup on start; Restore brings the work back, unsaved, to its original file', async () => {
    bridge.backup = {
      scenarioText: serializeScenario({ ...withPreset(), name: 'Lost work' }),
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
      savedAt: '2025-01-02T03:04:05.000Z',
    };
    make();
    const started = controller.start();
    await vi.waitFor(() =>
      expect(controller.getState().prompt).toMatchObject({
        kind: 'recover',
        fileName: 'plan.flywheel.json',
      }),
    );
    controller.answer('restore');
    await started;
    expect(doc.scenario.name).toBe('Lost work');
    expect(controller.isDirty()).toBe(true);
    expect(bridge.named('setDocumentState').at(-1)!.request).toEqual({
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
      dirty: true,
    });
    // The backup stays until the work is saved; saving goes to the original file.
    expect(bridge.backup).not.toBeNull();
    await controller.save();
    expect(bridge.named('save').at(-1)!.request).toMatchObject({
      filePath: '/docs/plan.flywheel.json',
    });
    expect(controller.isDirty()).toBe(false);
    expect(bridge.backup).toBeNull();
  });

  it('Discard drops the backup', async () => {
    bridge.backup = {
      scenarioText: serializeScenario(withPreset()),
      fileName: 'x.flywheel.json',
      filePath: null,
      savedAt: '2025-01-02T03:04:05.000Z',
    };
    make();
    const started = controller.start();
    await vi.waitFor(() => expect(controller.getState().prompt).not.toBeNull());
    controller.answer('discard');
    await started;
    expect(bridge.backup).toBeNull();
    expect(doc.scenario.name).toBe(withPreset().name);
  });

  it('the recovery prompt closed without an answer (Escape) restores the work and keeps its backup', async () => {
    const backup = {
      scenarioText: serializeScenario({ ...withPreset(), name: 'Work to keep' }),
      fileName: 'keep.flywheel.json',
      filePath: null,
      savedAt: '2025-01-02T03:04:05.000Z',
    };
    bridge.backup = backup;
    make();
    const started = controller.start();
    await vi.waitFor(() => expect(controller.getState().prompt).not.toBeNull());
    const prompt = controller.getState().prompt!;
    controller.dismissPrompt(prompt);
    // A second close of the same (gone) dialog changes nothing.
    controller.dismissPrompt(prompt);
    await started;
    expect(bridge.named('clearBackup')).toHaveLength(0);
    expect(bridge.backup).toEqual(backup);
    expect(doc.scenario.name).toBe('Work to keep');
    expect(controller.isDirty()).toBe(true);
    // The restored work is still backed up after the next edit, not replaced by a blank one.
    doc.edit('Work to keep, edited');
    await vi.advanceTimersByTimeAsync(2000);
    expect(JSON.parse(bridge.backup!.scenarioText).name).toBe('Work to keep, edited');
  });

  it('the unsaved-changes prompt closed without an answer (Escape) is Cancel: nothing is replaced', async () => {
    make();
    await controller.start();
    doc.edit('Keep me');
    bridge.nextOpen = ok({
      text: serializeScenario(withoutPreset()),
      fileName: 'other.flywheel.json',
      filePath: '/docs/other.flywheel.json',
    });
    const opened = controller.open();
    await vi.waitFor(() => expect(controller.getState().prompt?.kind).toBe('unsaved'));
    controller.dismissPrompt(controller.getState().prompt!);
    expect(await opened).toBe(false);
    expect(bridge.named('openFile')).toHaveLength(0);
    expect(doc.scenario.name).toBe('Keep me');
  });

  it('closing a prompt that is no longer on screen answers nothing', async () => {
    make();
    await controller.start();
    doc.edit('edited');
    const first = controller.newDocument();
    await vi.waitFor(() => expect(controller.getState().prompt).not.toBeNull());
    const stale = controller.getState().prompt!;
    controller.answer('cancel');
    await first;
    const second = controller.newDocument();
    await vi.waitFor(() => expect(controller.getState().prompt).not.toBeNull());
    controller.dismissPrompt(stale);
    expect(controller.getState().prompt).not.toBeNull();
    controller.answer('discard');
    expect(await second).toBe(true);
  });

  it('a corrupt backup gives a message, not a crash, and the app starts normally', async () => {
    bridge.backupCorrupt = true;
    make();
    await controller.start();
    expect(controller.getState().prompt).toBeNull();
    expect(controller.getState().notices.at(-1)).toMatchObject({
      tone: 'error',
      detail: expect.stringMatching(/could not be restored/),
    });
  });

  it('a backup whose scenario no longer validates is reported, not loaded', async () => {
    bridge.backup = {
      scenarioText: '{"kind":"flywheel-lab/scenario","formatVersion":1,"name":""}',
      fileName: 'x.flywheel.json',
      filePath: null,
      savedAt: '2025-01-02T03:04:05.000Z',
    };
    make();
    const started = controller.start();
    await vi.waitFor(() => expect(controller.getState().prompt).not.toBeNull());
    controller.answer('restore');
    await started;
    expect(doc.scenario.name).toBe(withPreset().name);
    expect(controller.getState().notices.at(-1)).toMatchObject({
      tone: 'error',
      detail: expect.stringMatching(/name/),
    });
  });
});

describe('closing, new, menu commands', () => {
  it("the close button with unsaved changes asks; Don't Save drops the backup and closes", async () => {
    make();
    await controller.start();
    doc.edit('unsaved');
    bridge.send({ command: 'close' });
    await answerWhenAsked('discard', 'unsaved');
    await vi.waitFor(() => expect(bridge.named('closeWindow')).toHaveLength(1));
    expect(bridge.named('clearBackup').length).toBeGreaterThan(0);
  });

  it('Cancel keeps the window open', async () => {
    make();
    await controller.start();
    doc.edit('unsaved');
    const closing = controller.requestClose();
    await answerWhenAsked('cancel');
    expect(await closing).toBe(false);
    expect(bridge.named('closeWindow')).toHaveLength(0);
  });

  it('a clean document closes without asking', async () => {
    make();
    await controller.start();
    expect(await controller.requestClose()).toBe(true);
    expect(bridge.named('closeWindow')).toHaveLength(1);
  });

  it('New starts from the default scenario, untitled', async () => {
    make({ newScenario: () => ({ ...withPreset(), name: 'Fresh' }) });
    await controller.start();
    await controller.newDocument();
    expect(doc.scenario.name).toBe('Fresh');
    expect(doc.meta).toEqual({ filePath: null, fileName: 'Untitled.flywheel.json' });
  });

  it('undo/redo go to the document unless a text field takes them; theme goes to the theme', async () => {
    const themes: string[] = [];
    let inTextField = false;
    make({ textUndo: () => inTextField, applyTheme: (t) => void themes.push(t) });
    await controller.start();
    bridge.send({ command: 'undo' });
    bridge.send({ command: 'redo' });
    inTextField = true;
    bridge.send({ command: 'undo' });
    bridge.send({ command: 'theme', theme: 'high-contrast' });
    expect([doc.undone, doc.redone]).toEqual([1, 1]);
    expect(themes).toEqual(['high-contrast']);
  });

  it("saves a document never saved under the scenario's name; Save As suggests it too", async () => {
    make();
    await controller.start();
    doc.edit('Retail plan: Q3 / Q4 <draft>');
    expect(await controller.save()).toBe(true);
    expect(bridge.named('saveAs')[0]!.request).toMatchObject({
      suggestedName: 'Retail plan- Q3 - Q4 -draft-.flywheel.json',
    });
  });

  it('exports the scenario copy; a format nobody registered says so', async () => {
    make();
    await controller.start();
    expect(await controller.exportAs('scenario')).toBe(true);
    // Named after the scenario, not "Untitled".
    expect(bridge.named('exportFile')[0]!.request).toMatchObject({
      format: 'scenario',
      suggestedName: 'E-commerce with data products.flywheel.json',
    });
    expect(await controller.exportAs('pdf')).toBe(false);
    expect(controller.getState().notices.at(-1)).toMatchObject({
      tone: 'error',
      title: 'Report as PDF: not available',
      detail: expect.stringMatching(/no exporter is registered for PDF.*no file was saved/),
    });
    expect(bridge.named('exportFile')).toHaveLength(1);
    const off = controller.registerExporter('csv', async () => ({
      data: 'week,users\n0,1\n',
      suggestedName: 'series.csv',
    }));
    expect(await controller.exportAs('csv')).toBe(true);
    off();
    expect(await controller.exportAs('csv')).toBe(false);
  });
});

describe('File > Export and the app exporters', () => {
  it('every format of the menu is produced by an exporter once the app registers its own', async () => {
    make();
    await controller.start();
    expect(controller.formatsWithoutExporter()).toEqual([
      'csv',
      'json',
      'html',
      'pdf',
      'png',
      'svg',
    ]);
    const off = registerAppExporters(
      (format, exporter) => controller.registerExporter(format, exporter),
      bridge,
    );
    expect(controller.formatsWithoutExporter()).toEqual([]);
    // The menu lists exactly the contract's formats, so none of its items is left without one.
    const menu = buildMenuTemplate({
      platform: 'linux',
      recentFiles: [],
      theme: 'system',
      developerTools: false,
      send: () => undefined,
      actions: {
        clearRecent: () => undefined,
        showAbout: () => undefined,
        openDocumentation: () => undefined,
        chooseTheme: () => undefined,
      },
    });
    const file = menu.find((m) => m.label === '&File')!;
    const exportItems = (file.submenu as Array<{ label?: string; submenu?: unknown }>).find(
      (i) => i.label === '&Export',
    )!.submenu as Array<{ label: string }>;
    expect(exportItems.map((i) => i.label)).toEqual(
      EXPORT_FORMATS.map((f) => `${EXPORT_FORMAT_LABELS[f]}…`),
    );
    off();
    expect(controller.formatsWithoutExporter()).toEqual([
      'csv',
      'json',
      'html',
      'pdf',
      'png',
      'svg',
    ]);
  });

  it('a menu command reaches the registered exporter and saves its content in that format', async () => {
    make();
    await controller.start();
    controller.registerExporter('json', async () => ({
      data: '{"runs":[]}',
      suggestedName: 'plan-series.json',
    }));
    bridge.send({ command: 'export', format: 'json' });
    await vi.waitFor(() => expect(bridge.named('exportFile')).toHaveLength(1));
    expect(bridge.named('exportFile')[0]!.request).toEqual({
      format: 'json',
      data: '{"runs":[]}',
      suggestedName: 'plan-series.json',
    });
  });
});

describe('with the real workspace store behind the DocumentApi (contract 4)', () => {
  it('work restored after a crash is unsaved in the store itself, under its original file; closing asks', async () => {
    const store = createWorkspaceStore();
    const api = createDocumentApi(store);
    bridge.backup = {
      scenarioText: serializeScenario({ ...withPreset(), name: 'Lost work' }),
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
      savedAt: '2025-01-02T03:04:05.000Z',
    };
    controller = new DocumentController({
      bridge,
      document: api,
      newScenario: withPreset,
      infoNoticeMs: 0,
    });
    const started = controller.start();
    await vi.waitFor(() => expect(controller.getState().prompt).toMatchObject({ kind: 'recover' }));
    controller.answer('restore');
    await started;
    // The store (which the page's header reads for its "edited" marker) says unsaved.
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().scenario.name).toBe('Lost work');
    expect(store.getState().document).toEqual({
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
    });
    // The window title gets the marker.
    expect(bridge.named('setDocumentState').at(-1)!.request).toEqual({
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
      dirty: true,
    });
    expect(windowTitle('plan.flywheel.json', true, 'other')).toBe(
      '● plan.flywheel.json — Flywheel Lab',
    );
    // An edit and its undo do not make it clean: it was never saved as it is.
    store.getState().edit(
      (draft) => {
        draft.name = 'Lost work, edited';
      },
      { label: 'Rename' },
    );
    store.getState().undo();
    expect(store.getState().scenario.name).toBe('Lost work');
    expect(controller.isDirty()).toBe(true);
    // Closing asks; Cancel keeps everything, the backup included.
    bridge.send({ command: 'close' });
    await answerWhenAsked('cancel', 'unsaved');
    expect(bridge.named('closeWindow')).toHaveLength(0);
    expect(bridge.backup).not.toBeNull();
    // Saving writes to the original file and makes it clean.
    expect(await controller.save()).toBe(true);
    expect(bridge.named('save').at(-1)!.request).toMatchObject({
      fileName: 'plan.flywheel.json',
      filePath: '/docs/plan.flywheel.json',
    });
    expect(isDirty(store.getState())).toBe(false);
    expect(bridge.named('setDocumentState').at(-1)!.request).toMatchObject({ dirty: false });
    expect(bridge.backup).toBeNull();
  });

  it('edits mark the document dirty, save marks it clean, open replaces it', async () => {
    const store = createWorkspaceStore();
    const api = createDocumentApi(store);
    controller = new DocumentController({
      bridge,
      document: api,
      newScenario: withPreset,
      infoNoticeMs: 0,
    });
    await controller.start();
    store.getState().edit(
      (draft) => {
        draft.name = 'Edited in the store';
      },
      { label: 'Rename' },
    );
    expect(controller.isDirty()).toBe(true);
    await controller.save();
    expect(api.isDirty()).toBe(false);
    expect(api.getFileName()).toBe('chosen.flywheel.json');
    bridge.nextOpen = ok({
      text: serializeScenario({ ...withoutPreset(), name: 'Opened' }),
      fileName: 'o.flywheel.json',
      filePath: '/o.flywheel.json',
    });
    await controller.open();
    expect(api.getScenario().name).toBe('Opened');
    expect(api.isDirty()).toBe(false);
  });
});
