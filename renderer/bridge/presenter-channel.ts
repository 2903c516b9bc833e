/**
 * The browser build's presenter relay: the audience page and the presenter page (the same app
 * opened with `#presenter`) talk through one BroadcastChannel of their origin. The audience side
 * keeps its last snapshot; a presenter page that starts later says "hello" and gets it at once.
 * Every message is checked with the contract's schemas where it arrives.
 */
import * as z from 'zod';
import {
  presenterCommandSchema,
  presenterSnapshotSchema,
  type PresenterCommand,
  type PresenterSnapshot,
} from './contract';

export const PRESENTER_CHANNEL_NAME = 'flywheel-presenter';

/** The parts of BroadcastChannel the relay uses (tests and other runtimes pass their own). */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type PresenterMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'state'; readonly snapshot: PresenterSnapshot }
  | { readonly type: 'command'; readonly command: PresenterCommand };

function buildMessageSchema() {
  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('hello') }),
    z.strictObject({ type: z.literal('state'), snapshot: presenterSnapshotSchema }),
    z.strictObject({ type: z.literal('command'), command: presenterCommandSchema }),
  ]);
}
const messageSchema = /* @__PURE__ */ buildMessageSchema();

export interface PresenterRelay {
  publishPresenterState(snapshot: PresenterSnapshot): void;
  onPresenterState(listener: (snapshot: PresenterSnapshot) => void): () => void;
  sendPresenterCommand(command: PresenterCommand): void;
  onPresenterCommand(listener: (command: PresenterCommand) => void): () => void;
  /** Closes the channel (the page is going away, or a test is done). */
  close(): void;
}

/**
 * `open` makes the channel; it is called on first use, so a page that never presents opens none.
 * Returns null when the browser has no BroadcastChannel: the relay then does nothing.
 */
export function createPresenterRelay(open: () => BroadcastChannelLike | null): PresenterRelay {
  let channel: BroadcastChannelLike | null = null;
  let opened = false;
  /** Audience side: the last snapshot published, answered to every hello. */
  let published: PresenterSnapshot | null = null;
  /** Presenter side: the last snapshot received. */
  let received: PresenterSnapshot | null = null;
  let greeted = false;
  const stateListeners = new Set<(snapshot: PresenterSnapshot) => void>();
  const commandListeners = new Set<(command: PresenterCommand) => void>();

  const onMessage = (event: MessageEvent) => {
    const parsed = messageSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'hello') {
      if (published) channel?.postMessage({ type: 'state', snapshot: published });
    } else if (message.type === 'state') {
      received = message.snapshot;
      for (const l of stateListeners) l(message.snapshot);
    } else {
      for (const l of commandListeners) l(message.command);
    }
  };

  const ensure = (): BroadcastChannelLike | null => {
    if (!opened) {
      opened = true;
      channel = open();
      channel?.addEventListener('message', onMessage);
    }
    return channel;
  };
  const post = (message: PresenterMessage) => ensure()?.postMessage(message);

  return {
    publishPresenterState(snapshot) {
      published = snapshot;
      post({ type: 'state', snapshot });
    },
    onPresenterState(listener) {
      stateListeners.add(listener);
      ensure();
      if (received) listener(received);
      // One hello per page: whoever publishes answers with the latest snapshot.
      if (!greeted) {
        greeted = true;
        post({ type: 'hello' });
      }
      return () => {
        stateListeners.delete(listener);
      };
    },
    sendPresenterCommand(command) {
      post({ type: 'command', command });
    },
    onPresenterCommand(listener) {
      commandListeners.add(listener);
      ensure();
      return () => {
        commandListeners.delete(listener);
      };
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}

/** The browser's BroadcastChannel for the relay, or null where there is none. */
export function openBrowserPresenterChannel(): BroadcastChannelLike | null {
  return typeof BroadcastChannel === 'function'
    ? new BroadcastChannel(PRESENTER_CHANNEL_NAME)
    : null;
}
