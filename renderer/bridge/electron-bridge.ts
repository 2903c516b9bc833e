/**
 * The bridge in the desktop shell: the `window.flywheel` object the preload exposes, passed
 * through as it is, except that messages from the shell (menu commands, presenter snapshots and
 * commands) are checked against the contract's schemas where they arrive.
 */
import type * as z from 'zod';
import {
  menuCommandSchema,
  presenterCommandSchema,
  presenterSnapshotSchema,
  type FlywheelBridge,
} from './contract';

declare global {
  interface Window {
    /** Set by the desktop shell's preload; absent in a plain browser. */
    readonly flywheel?: FlywheelBridge;
  }
}

/** Passes on only what parses; anything else is dropped where it arrives. */
function checked<T>(schema: z.ZodType<T>, listener: (value: T) => void): (value: T) => void {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) listener(parsed.data);
  };
}

export function desktopBridge(exposed: FlywheelBridge): FlywheelBridge {
  return {
    ...exposed,
    kind: 'desktop',
    onMenuCommand: (listener) => exposed.onMenuCommand(checked(menuCommandSchema, listener)),
    onPresenterState: (listener) =>
      exposed.onPresenterState(checked(presenterSnapshotSchema, listener)),
    onPresenterCommand: (listener) =>
      exposed.onPresenterCommand(checked(presenterCommandSchema, listener)),
  };
}
