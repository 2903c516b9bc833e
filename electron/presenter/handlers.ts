/** The presenter view's IPC requests, served by the PresenterManager (checked by the wrapper first). */
import type { Handlers } from '../ipc/wrapper';
import type { PresenterManager } from './manager';

export type PresenterHandlers = Pick<
  Handlers,
  'openPresenterView' | 'closePresenterView' | 'publishPresenterState' | 'sendPresenterCommand'
>;

export function createPresenterHandlers(manager: PresenterManager): PresenterHandlers {
  return {
    openPresenterView: (_request, { senderId }) => manager.open(senderId),
    closePresenterView: () => manager.close(),
    publishPresenterState: async (snapshot, { senderId }) => manager.publish(senderId, snapshot),
    sendPresenterCommand: async (command, { senderId }) => manager.command(senderId, command),
  };
}
