/**
 * Everything the document needs on screen, in one component to mount once: the file buttons (in
 * the browser build), the unsaved-changes and recovery dialogs, file-drop handling and the notices
 * about files. It starts the document controller (autosave, recovery, menu commands) on mount.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { DocumentController } from '../controller';
import { getBridge, getDocumentController } from '../runtime';
import { DropZone } from './DropZone';
import { FileBar } from './FileBar';
import { Notices } from './Notices';
import { PromptDialog } from './PromptDialog';
import { useControllerState } from './use-controller';
import './chrome.css';

export interface DocumentChromeProps {
  /** Tests pass their own; the app uses the shared one. */
  readonly controller?: DocumentController;
  /** Show the New/Open/Save buttons (default: only in the browser build). */
  readonly fileButtons?: boolean;
}

export function DocumentChrome(props: DocumentChromeProps): ReactElement {
  const controller = props.controller ?? getDocumentController();
  const state = useControllerState(controller);
  // True once the start is done (any unsaved work offered back or found absent): until then the
  // controller may still be reading the backup, so tests plant one only after this.
  const [started, setStarted] = useState(false);
  useEffect(() => {
    let live = true;
    void controller.start().then(() => {
      if (live) setStarted(true);
    });
    return () => {
      live = false;
      controller.dispose();
    };
  }, [controller]);
  const showButtons = props.fileButtons ?? getBridge().kind === 'web';
  return (
    <div className="fw-chrome" data-testid="document-chrome" data-started={started}>
      {showButtons ? <FileBar controller={controller} busy={state.busy} /> : null}
      {state.prompt ? <PromptDialog prompt={state.prompt} controller={controller} /> : null}
      <DropZone controller={controller} />
      <Notices notices={state.notices} controller={controller} />
    </div>
  );
}
