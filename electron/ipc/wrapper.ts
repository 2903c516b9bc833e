/**
 * The one wrapper every IPC handler goes through. Before a handler runs, the request must come
 * from the main frame of one of the app's own windows showing the app's own origin, from a window
 * whose role may send it (ipc/roles.ts: document or presenter window), be at most its channel's
 * size, and match its channel's schema. Whatever happens, the page gets a typed
 * result: the handler's, or a typed error (never an exception across the process boundary).
 */
import {
  fail,
  ipcChannel,
  payloadSize,
  requestLimits,
  requestSchemas,
  type Channel,
  type RequestOf,
  type ResultOf,
} from '../../renderer/bridge/contract';
import { isAppUrl } from '../security/origin';
import { CHANNEL_ROLES, type WindowRole } from './roles';

/** The parts of Electron's IpcMainInvokeEvent the checks read (tests pass plain objects). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

export interface HandlerContext {
  /** webContents id of the window that asked. */
  readonly senderId: number;
}

export type Handler<C extends Channel> = (
  request: RequestOf<C>,
  context: HandlerContext,
) => Promise<ResultOf<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface SenderPolicy {
  /** The role of one of the app's own windows, by webContents id; null for any other. */
  roleOf(webContentsId: number): WindowRole | null;
}

export type Log = (line: string) => void;

/** Why a sender is refused for `channel`, or null when it may call. */
export function senderProblem(
  event: InvokeEventLike,
  policy: SenderPolicy,
  channel: Channel,
): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return 'the sending frame is gone';
  if (frame.parent !== null) return 'sent from a subframe';
  if (!isAppUrl(frame.url)) return `sent from a page outside the app (${safeOrigin(frame.url)})`;
  const role = policy.roleOf(event.sender.id);
  if (role === null) return 'sent from a window the app did not create';
  if (!CHANNEL_ROLES[channel].includes(role)) return `not accepted from the ${role} window`;
  return null;
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an unparsable URL';
  }
}

export async function invokeChecked<C extends Channel>(
  channel: C,
  handler: Handler<C>,
  policy: SenderPolicy,
  log: Log,
  event: InvokeEventLike,
  args: readonly unknown[],
): Promise<ResultOf<C>> {
  const problem = senderProblem(event, policy, channel);
  if (problem) {
    log(`ipc ${channel}: refused, ${problem}`);
    return fail('forbidden', 'This request is only accepted from the app itself.');
  }
  if (args.length > 1) return fail('invalid-request', `${channel}: expected at most one argument`);
  const payload = args[0];
  const limit = requestLimits[channel];
  if (payloadSize(payload, limit) > limit) {
    log(`ipc ${channel}: refused, payload larger than ${limit} bytes`);
    return fail('too-large', `${channel}: the request is too large.`);
  }
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    log(`ipc ${channel}: refused, ${where}${first?.message ?? 'invalid'}`);
    return fail('invalid-request', `${channel}: ${where}${first?.message ?? 'invalid request'}`);
  }
  try {
    return await handler(parsed.data as RequestOf<C>, { senderId: event.sender.id });
  } catch (e) {
    log(
      `ipc ${channel}: handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return fail('internal', 'Something went wrong in the app; the details are in the log.');
  }
}

/** Registers every channel of the contract, each through `invokeChecked`. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  policy: SenderPolicy,
  log: Log,
): void {
  for (const channel of Object.keys(requestSchemas) as Channel[]) {
    ipcMain.handle(ipcChannel(channel), (event, ...args) =>
      invokeChecked(
        channel,
        handlers[channel] as Handler<typeof channel>,
        policy,
        log,
        event,
        args,
      ),
    );
  }
}
