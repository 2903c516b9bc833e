/**
 * The app's bridge and document controller, created once: the desktop bridge when the preload
 * exposed `window.flywheel`, the browser bridge otherwise.
 */
import './zod-without-eval';
import { withPreset } from '../../simulation';
import { builtinChoiceStore } from '../builtin/store';
import { startPresentation } from '../present/session';
import { documentApi } from '../state/document';
import { isTextEntry, SCENARIO_UNDO_EVENT } from '../state/keyboard';
import { uiStore, systemUiPreferences } from '../state/ui';
import type { FlywheelBridge, ThemeChoice } from './contract';
import { DocumentController } from './controller';
import { desktopBridge } from './electron-bridge';
import { indexedDbBackupStore } from './web-backup-store';
import { createWebBridge } from './web-bridge';

let bridge: FlywheelBridge | null = null;
let controller: DocumentController | null = null;

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function indexedDbOrNull(): IDBFactory | null {
  try {
    return window.indexedDB ?? null;
  } catch {
    return null;
  }
}

export function getBridge(): FlywheelBridge {
  const idb = window.flywheel ? null : indexedDbOrNull();
  bridge ??= window.flywheel
    ? desktopBridge(window.flywheel)
    : createWebBridge({
        document,
        window,
        storage: localStorageOrNull(),
        backupStore: idb ? indexedDbBackupStore(idb) : null,
      });
  return bridge;
}

/** Undo/redo from the menu inside a text field is the field's own undo (as in every editor). */
function textUndo(action: 'undo' | 'redo'): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !isTextEntry(active)) return false;
  // A scenario's number box: its undo is the scenario's (the box handles it).
  if (active.hasAttribute('data-scenario-undo')) {
    const event = new CustomEvent(SCENARIO_UNDO_EVENT, { detail: action, cancelable: true });
    return !active.dispatchEvent(event);
  }
  // execCommand is deprecated but is still the only way to drive a field's own undo stack.
  return document.execCommand(action);
}

function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system')
    uiStore.getState().followSystemTheme(systemUiPreferences().theme ?? 'light');
  else uiStore.getState().setTheme(choice);
}

export function getDocumentController(): DocumentController {
  controller ??= new DocumentController({
    bridge: getBridge(),
    document: documentApi,
    newScenario: withPreset,
    textUndo,
    applyTheme,
    present: () => startPresentation(),
    chooseBuiltin: () => builtinChoiceStore.getState().show(),
  });
  return controller;
}
