/**
 * The browser build's presenter relay: two bridges in one test (the audience page and the
 * presenter page) talking through Node's real BroadcastChannel, as two tabs of one origin do.
 * Snapshots go one way and commands the other, a presenter page that opens later gets the last
 * snapshot through the hello handshake, and malformed messages are dropped where they arrive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PresenterCommand, PresenterSnapshot } from '../../renderer/bridge/contract';
import {
  createPresenterRelay,
  type BroadcastChannelLike,
} from '../../renderer/bridge/presenter-channel';
import {
  createWebBridge,
  PDF_IN_BROWSER_MESSAGE,
  PRESENTER_WINDOW_NAME,
} from '../../renderer/bridge/web-bridge';
import { snapshot } from './presenter-fixtures';

let channels: BroadcastChannel[] = [];
let name = '';
/** A fresh channel name per test, so tests cannot hear each other. */
const opener = () => {
  const ch = new BroadcastChannel(name);
  channels.push(ch);
  return ch as unknown as BroadcastChannelLike;
};

afterEach(() => {
  for (const ch of channels) ch.close();
  channels = [];
});

const settle = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};
/** Lets every message in flight arrive (for checks that something did NOT arrive). */
const quiet = () => new Promise((r) => setTimeout(r, 50));

let testNo = 0;
function pair() {
  name = `flywheel-presenter-test-${process.pid}-${++testNo}`;
  return { audience: createPresenterRelay(opener), presenter: createPresenterRelay(opener) };
}

describe('the presenter relay over BroadcastChannel', () => {
  it('delivers each published snapshot to the presenter page, in order', async () => {
    const { audience, presenter } = pair();
    const seen: PresenterSnapshot[] = [];
    presenter.onPresenterState((s) => seen.push(s));
    audience.publishPresenterState(snapshot({ index: 0 }));
    audience.publishPresenterState(snapshot({ index: 1 }));
    audience.publishPresenterState(snapshot({ index: 2, blanked: true }));
    await settle(() => seen.length === 3, 'three snapshots');
    expect(seen.map((s) => [s.index, s.blanked])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
  });

  it('a presenter page that subscribes later gets the last snapshot through the hello', async () => {
    const { audience } = pair();
    audience.onPresenterCommand(() => undefined); // the audience page listens for commands
    audience.publishPresenterState(snapshot({ index: 4 }));
    audience.publishPresenterState(snapshot({ index: 5 }));
    await quiet();
    // Opened after the publications: it has heard none of them.
    const late = createPresenterRelay(opener);
    const seen: number[] = [];
    late.onPresenterState((s) => seen.push(s.index));
    await settle(() => seen.length === 1, 'the answer to hello');
    await quiet();
    expect(seen).toEqual([5]);
    // A second subscriber on the same page gets the latest at once, without another hello.
    const second: number[] = [];
    late.onPresenterState((s) => second.push(s.index));
    expect(second).toEqual([5]);
  });

  it('a hello before anything was published gets no answer, and the first publication arrives', async () => {
    const { audience, presenter } = pair();
    audience.onPresenterCommand(() => undefined);
    const seen: number[] = [];
    presenter.onPresenterState((s) => seen.push(s.index));
    await quiet();
    expect(seen).toEqual([]);
    audience.publishPresenterState(snapshot({ index: 1 }));
    await settle(() => seen.length === 1, 'the first snapshot');
    expect(seen).toEqual([1]);
  });

  it('commands go from the presenter page to the audience page only', async () => {
    const { audience, presenter } = pair();
    const atAudience: PresenterCommand[] = [];
    const atPresenter: PresenterCommand[] = [];
    audience.onPresenterCommand((c) => atAudience.push(c));
    presenter.onPresenterCommand((c) => atPresenter.push(c));
    presenter.sendPresenterCommand({ action: 'next' });
    presenter.sendPresenterCommand({ action: 'jump', index: 6 });
    await settle(() => atAudience.length === 2, 'two commands');
    expect(atAudience).toEqual([{ action: 'next' }, { action: 'jump', index: 6 }]);
    // BroadcastChannel does not echo to the sender.
    expect(atPresenter).toEqual([]);
  });

  it('drops malformed messages from other pages of the origin', async () => {
    const { audience, presenter } = pair();
    const states: PresenterSnapshot[] = [];
    const commands: PresenterCommand[] = [];
    presenter.onPresenterState((s) => states.push(s));
    audience.onPresenterCommand((c) => commands.push(c));
    const other = opener();
    other.postMessage({ type: 'command', command: { action: 'reload' } });
    other.postMessage({ type: 'command', command: { action: 'jump', index: -3 } });
    other.postMessage({ type: 'state', snapshot: { ...snapshot(), index: 99, count: 3 } });
    other.postMessage({ type: 'state', snapshot: { ...snapshot(), evil: '<img>' } });
    other.postMessage({ type: 'state' });
    other.postMessage('next');
    other.postMessage(null);
    other.postMessage({ type: 'command', command: { action: 'first' } });
    await settle(() => commands.length === 1, 'the one valid command');
    await quiet();
    expect(commands).toEqual([{ action: 'first' }]);
    expect(states).toEqual([]);
  });

  it('unsubscribing stops delivery; a page that never presents opens no channel', async () => {
    const { audience, presenter } = pair();
    const seen: number[] = [];
    const off = presenter.onPresenterState((s) => seen.push(s.index));
    audience.publishPresenterState(snapshot({ index: 1 }));
    await settle(() => seen.length === 1, 'the first snapshot');
    off();
    audience.publishPresenterState(snapshot({ index: 2 }));
    await quiet();
    expect(seen).toEqual([1]);

    let opened = 0;
    createPresenterRelay(() => {
      opened++;
      return opener();
    });
    expect(opened).toBe(0);
  });

  it('without BroadcastChannel the relay does nothing and throws nothing', () => {
    const relay = createPresenterRelay(() => null);
    const seen: unknown[] = [];
    relay.onPresenterState((s) => seen.push(s));
    relay.onPresenterCommand((c) => seen.push(c));
    relay.publishPresenterState(snapshot());
    relay.sendPresenterCommand({ action: 'next' });
    relay.close();
    expect(seen).toEqual([]);
  });
});

/** A window with what the web bridge touches: events, location, open. */
function fakeWindow(href: string, popup: 'allow' | 'block') {
  const opened: Array<{ url: string; target: string; features: string; closed: boolean }> = [];
  const win = Object.assign(new EventTarget(), {
    location: { href },
    open(url: string, target: string, features: string) {
      if (popup === 'block') return null;
      const handle = {
        url,
        target,
        features,
        closed: false,
        close() {
          handle.closed = true;
        },
      };
      opened.push(handle);
      return handle;
    },
    setTimeout,
  });
  return { win: win as unknown as Window, opened };
}

describe('the web bridge', () => {
  it('opens the app page with #presenter in a named window, and closes it again', async () => {
    const { win, opened } = fakeWindow('https://flywheel.example/app/index.html#old', 'allow');
    const bridge = createWebBridge({
      document: {} as Document,
      window: win,
      storage: null,
      presenterChannel: () => null,
    });
    expect(await bridge.openPresenterView()).toEqual({ ok: true, value: { placement: 'window' } });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.url).toBe('https://flywheel.example/app/index.html#presenter');
    expect(opened[0]!.target).toBe(PRESENTER_WINDOW_NAME);
    expect(opened[0]!.features).not.toContain('noopener');
    expect(await bridge.closePresenterView()).toEqual({ ok: true, value: null });
    expect(opened[0]!.closed).toBe(true);
    // Harmless when none is open.
    expect(await bridge.closePresenterView()).toEqual({ ok: true, value: null });
  });

  it('says how to allow the window when the popup is blocked', async () => {
    const { win } = fakeWindow('https://flywheel.example/', 'block');
    const bridge = createWebBridge({ document: {} as Document, window: win, storage: null });
    const result = await bridge.openPresenterView();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/blocked.*Allow pop-ups/);
  });

  it('cannot print a PDF and says how to get one', async () => {
    const { win } = fakeWindow('https://flywheel.example/', 'allow');
    const bridge = createWebBridge({ document: {} as Document, window: win, storage: null });
    expect(await bridge.printReportPdf({ html: '<p>x</p>', paper: 'a4' })).toEqual({
      ok: false,
      error: { code: 'unsupported', message: PDF_IN_BROWSER_MESSAGE },
    });
    expect(PDF_IN_BROWSER_MESSAGE).toMatch(/Save as PDF/);
  });

  it('two web bridges relay snapshots and commands through the channel they are given', async () => {
    name = `flywheel-presenter-test-${process.pid}-bridges`;
    const make = () =>
      createWebBridge({
        document: {} as Document,
        window: fakeWindow('https://flywheel.example/', 'allow').win,
        storage: null,
        presenterChannel: opener,
      });
    const audience = make();
    const presenter = make();
    const commands: PresenterCommand[] = [];
    audience.onPresenterCommand((c) => commands.push(c));
    audience.publishPresenterState(snapshot({ index: 3 }));
    const states: number[] = [];
    presenter.onPresenterState((s) => states.push(s.index));
    await settle(() => states.length === 1, 'the snapshot after hello');
    presenter.sendPresenterCommand({ action: 'previous' });
    await settle(() => commands.length === 1, 'the command');
    expect(states).toEqual([3]);
    expect(commands).toEqual([{ action: 'previous' }]);
  });
});
