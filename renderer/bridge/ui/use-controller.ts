/** React access to the document controller's state (prompt, notices, recent files, busy). */
import { useSyncExternalStore } from 'react';
import type { ControllerState, DocumentController } from '../controller';

export function useControllerState(controller: DocumentController): ControllerState {
  return useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.getState(),
  );
}
