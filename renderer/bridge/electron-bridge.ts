/**
 * The bridge in the desktop shell: the `window.flywheel` object the preload exposes, passed
 * through as it is, except that commands from the shell are checked against the contract's
 * schema where they arrive.
 */
import { menuCommandSchema, type FlywheelBridge } from './contract';

declare global {
  interface Window {
    /** Set by the desktop shell's preload; absent in a plain browser. */
    readonly flywheel?: FlywheelBridge;
  }
}

export function desktopBridge(exposed: FlywheelBridge): FlywheelBridge {
  return {
    ...exposed,
    kind: 'desktop',
    onMenuCommand(listener) {
      return exposed.onMenuCommand((command) => {
        const parsed = menuCommandSchema.safeParse(command);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
