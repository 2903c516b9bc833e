/**
 * The presenter view on a second display: the pure choice of displays (1, 2 and 3 displays, odd
 * scale factors, negative origins), and the manager with fake windows (placement by display count,
 * the audience window moved full screen and restored, the state relay with its cache, commands
 * only from the presenter window, wrong senders refused, restore on every way of closing).
 */
import { describe, expect, it } from 'vitest';
import { PRESENTER_COMMAND_CHANNEL, PRESENTER_STATE_CHANNEL } from '../../renderer/bridge/contract';
import {
  choosePresenterLayout,
  displayOf,
  type DisplayLike,
  type Rect,
} from '../../electron/presenter/placement';
import {
  PresenterManager,
  type AudienceWindow,
  type PresenterWindow,
} from '../../electron/presenter/manager';
import {
  PRESENTER_ENTRY_URL,
  presenterWindowOptions,
} from '../../electron/presenter/window-options';
import { mainWindowOptions } from '../../electron/window/main-window';
import { snapshot } from '../bridge/presenter-fixtures';

const display = (id: number, x: number, y: number, w: number, h: number, scaleFactor = 1) => ({
  id,
  bounds: { x, y, width: w, height: h },
  workArea: { x, y: y + 25, width: w, height: h - 65 },
  scaleFactor,
});
const laptop = display(1, 0, 0, 1512, 982, 2);
const projector = display(2, 1512, 0, 1920, 1080, 1);
/** An external monitor to the LEFT of and above the primary: negative origin. */
const leftMonitor = display(3, -2560, -300, 2560, 1440, 1.25);
const onLaptop: Rect = { x: 100, y: 80, width: 1200, height: 800 };

describe('choosing displays', () => {
  it('one display: nothing to choose', () => {
    expect(choosePresenterLayout([laptop], 1, onLaptop)).toEqual({ kind: 'none' });
    expect(choosePresenterLayout([], 1, onLaptop)).toEqual({ kind: 'none' });
  });

  it('two displays: presenter on the primary, audience on the other, wherever the window is', () => {
    for (const windowBounds of [onLaptop, { x: 1600, y: 50, width: 1000, height: 700 }]) {
      const layout = choosePresenterLayout([laptop, projector], 1, windowBounds);
      expect(layout).toMatchObject({
        kind: 'second-display',
        presenter: { id: 1 },
        audience: { id: 2 },
      });
      if (layout.kind === 'second-display') expect(layout.presenterBounds).toEqual(laptop.workArea);
    }
  });

  it('the primary listed second and an external display at a negative origin', () => {
    const layout = choosePresenterLayout([leftMonitor, laptop], 1, onLaptop);
    expect(layout).toMatchObject({ presenter: { id: 1 }, audience: { id: 3 } });
    if (layout.kind === 'second-display') {
      expect(layout.audience.workArea.x).toBe(-2560);
      expect(layout.audience.workArea.y).toBe(-275);
    }
  });

  it('the primary is the external display: the presenter still goes to the primary', () => {
    const primaryExternal = display(2, 1512, 0, 1920, 1080, 1.5);
    const layout = choosePresenterLayout([laptop, primaryExternal], 2, onLaptop);
    expect(layout).toMatchObject({ presenter: { id: 2 }, audience: { id: 1 } });
  });

  it('three displays: the audience goes where the app window is, if that is not the primary', () => {
    const onLeft = { x: -2000, y: 0, width: 1200, height: 800 };
    expect(choosePresenterLayout([laptop, projector, leftMonitor], 1, onLeft)).toMatchObject({
      presenter: { id: 1 },
      audience: { id: 3 },
    });
    const onProjector = { x: 1700, y: 100, width: 1200, height: 800 };
    expect(choosePresenterLayout([laptop, projector, leftMonitor], 1, onProjector)).toMatchObject({
      presenter: { id: 1 },
      audience: { id: 2 },
    });
  });

  it('three displays, window on the primary: the largest other display (scale factors ignored)', () => {
    // The left monitor is 2560x1440 in screen coordinates; its scale factor does not shrink it.
    expect(choosePresenterLayout([laptop, projector, leftMonitor], 1, onLaptop)).toMatchObject({
      presenter: { id: 1 },
      audience: { id: 3 },
    });
    const small = display(4, 3432, 0, 1280, 720, 3);
    expect(choosePresenterLayout([laptop, small, projector], 1, onLaptop)).toMatchObject({
      audience: { id: 2 },
    });
  });

  it('a primary id not among the displays: the presenter goes where the window is', () => {
    expect(choosePresenterLayout([laptop, projector], 99, onLaptop)).toMatchObject({
      presenter: { id: 1 },
      audience: { id: 2 },
    });
  });

  it('finds the display a window is on by overlap, or the nearest one when it is off screen', () => {
    const displays: DisplayLike[] = [laptop, projector, leftMonitor];
    // Mostly on the projector, a little on the laptop.
    expect(displayOf({ x: 1400, y: 0, width: 1000, height: 500 }, displays)?.id).toBe(2);
    expect(displayOf({ x: -100, y: -200, width: 50, height: 50 }, displays)?.id).toBe(3);
    // Off every display, far to the right: the projector is nearest.
    expect(displayOf({ x: 9000, y: 100, width: 100, height: 100 }, displays)?.id).toBe(2);
    expect(displayOf(onLaptop, [])).toBeNull();
  });
});

describe('the presenter window options', () => {
  it('has the same secure preferences and preload as the document window', () => {
    const o = { preloadPath: '/app/dist/electron/preload.js', iconPath: null, devTools: false };
    const presenter = presenterWindowOptions({ x: 0, y: 25, width: 1512, height: 917 }, o);
    const document = mainWindowOptions(
      { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false },
      o,
    );
    expect(presenter.webPreferences).toEqual(document.webPreferences);
    expect(presenter.webPreferences?.preload).toBe('/app/dist/electron/preload.js');
    expect(presenter).toMatchObject({ x: 0, y: 25, width: 1512, height: 917, show: false });
    expect(PRESENTER_ENTRY_URL).toBe('app://flywheel/index.html#presenter');
  });
});

// ---- the manager with fake windows ------------------------------------------------------------

class FakeAudience implements AudienceWindow {
  bounds: Rect = { ...onLaptop };
  normalBounds: Rect = { ...onLaptop };
  maximized = false;
  fullScreen = false;
  destroyed = false;
  sent: Array<{ channel: string; payload: unknown }> = [];
  history: string[] = [];
  constructor(readonly webContentsId: number) {}
  isDestroyed = () => this.destroyed;
  getBounds = () => this.bounds;
  getNormalBounds = () => this.normalBounds;
  isMaximized = () => this.maximized;
  isFullScreen = () => this.fullScreen;
  maximize = () => {
    this.history.push('maximize');
    this.maximized = true;
  };
  unmaximize = () => {
    this.history.push('unmaximize');
    this.maximized = false;
  };
  setBounds = (b: Rect) => {
    if (this.fullScreen || this.maximized) throw new Error('cannot move a full-screen window');
    this.history.push(`bounds ${b.x},${b.y}`);
    this.bounds = { ...b };
    this.normalBounds = { ...b };
  };
  setFullScreen = (flag: boolean) => {
    this.history.push(`fullscreen ${flag}`);
    this.fullScreen = flag;
  };
  leaveFullScreen = async () => {
    if (this.fullScreen) this.setFullScreen(false);
  };
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
}

class FakePresenter implements PresenterWindow {
  destroyed = false;
  focused = 0;
  sent: Array<{ channel: string; payload: unknown }> = [];
  private loaded: Array<() => void> = [];
  private closed: Array<() => void> = [];
  constructor(
    readonly webContentsId: number,
    readonly bounds: Rect,
  ) {}
  isDestroyed = () => this.destroyed;
  close = () => {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const l of this.closed) l();
  };
  focus = () => void this.focused++;
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
  onLoaded = (l: () => void) => void this.loaded.push(l);
  onClosed = (l: () => void) => void this.closed.push(l);
  finishLoad() {
    for (const l of this.loaded) l();
  }
}

const AUDIENCE = 11;
const PRESENTER = 12;

function setup(displays: DisplayLike[], primary = 1) {
  const audience = new FakeAudience(AUDIENCE);
  const presenters: FakePresenter[] = [];
  const log: string[] = [];
  const manager = new PresenterManager({
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays.find((d) => d.id === primary)!,
    },
    createPresenterWindow: (bounds) => {
      const p = new FakePresenter(PRESENTER + presenters.length, bounds);
      presenters.push(p);
      return p;
    },
    log: (l) => void log.push(l),
  });
  manager.attach(audience);
  return { manager, audience, presenters, log };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the presenter manager', () => {
  it('with one display opens nothing and leaves the window alone', async () => {
    const { manager, audience, presenters } = setup([laptop]);
    expect(await manager.open(AUDIENCE)).toEqual({ ok: true, value: { placement: 'none' } });
    expect(presenters).toEqual([]);
    expect(audience.history).toEqual([]);
  });

  it('with two displays moves the audience full screen to the projector and opens the presenter on the primary', async () => {
    const { manager, audience, presenters } = setup([laptop, projector]);
    expect(await manager.open(AUDIENCE)).toEqual({
      ok: true,
      value: { placement: 'second-display' },
    });
    expect(audience.history).toEqual(['bounds 1512,25', 'fullscreen true']);
    expect(presenters).toHaveLength(1);
    expect(presenters[0]!.bounds).toEqual(laptop.workArea);
    expect(manager.isPresenterWindow(PRESENTER)).toBe(true);
    // Opening again focuses the one presenter window.
    expect(await manager.open(AUDIENCE)).toMatchObject({ value: { placement: 'second-display' } });
    expect(presenters).toHaveLength(1);
    expect(presenters[0]!.focused).toBe(1);
  });

  it('two opens at once create one presenter window', async () => {
    const { manager, presenters } = setup([laptop, projector]);
    const [a, b] = await Promise.all([manager.open(AUDIENCE), manager.open(AUDIENCE)]);
    expect(a).toEqual(b);
    expect(presenters).toHaveLength(1);
  });

  it('closing restores the audience window: bounds, maximised state', async () => {
    const { manager, audience, presenters } = setup([laptop, projector]);
    audience.maximized = true;
    audience.normalBounds = { x: 40, y: 60, width: 1000, height: 700 };
    await manager.open(AUDIENCE);
    expect(audience.history).toEqual(['unmaximize', 'bounds 1512,25', 'fullscreen true']);
    audience.history = [];
    expect(await manager.close()).toEqual({ ok: true, value: null });
    await flush();
    expect(presenters[0]!.destroyed).toBe(true);
    expect(audience.history).toEqual(['fullscreen false', 'bounds 40,60', 'maximize']);
    expect(audience.bounds).toEqual({ x: 40, y: 60, width: 1000, height: 700 });
    expect(audience.fullScreen).toBe(false);
    expect(manager.isPresenterWindow(PRESENTER)).toBe(false);
    // Harmless when none is open.
    expect(await manager.close()).toEqual({ ok: true, value: null });
  });

  it('a window that was full screen before goes back to full screen where it was', async () => {
    const { manager, audience } = setup([laptop, projector]);
    audience.fullScreen = true;
    audience.normalBounds = { x: 10, y: 20, width: 900, height: 600 };
    await manager.open(AUDIENCE);
    expect(audience.history).toEqual(['fullscreen false', 'bounds 1512,25', 'fullscreen true']);
    audience.history = [];
    await manager.close();
    await flush();
    expect(audience.history).toEqual(['fullscreen false', 'bounds 10,20', 'fullscreen true']);
  });

  it('the user closing the presenter window restores the audience window too', async () => {
    const { manager, audience, presenters } = setup([laptop, projector]);
    await manager.open(AUDIENCE);
    presenters[0]!.close();
    await flush();
    expect(audience.bounds).toEqual(onLaptop);
    expect(audience.fullScreen).toBe(false);
  });

  it('the document window closing closes the presenter window without restoring anything', async () => {
    const { manager, audience, presenters } = setup([laptop, projector]);
    await manager.open(AUDIENCE);
    audience.destroyed = true;
    audience.history = [];
    manager.documentClosed();
    await flush();
    expect(presenters[0]!.destroyed).toBe(true);
    expect(audience.history).toEqual([]);
  });

  it('relays snapshots from the document window, and gives the last one to a presenter window that loads later', async () => {
    const { manager, presenters } = setup([laptop, projector]);
    expect(manager.publish(AUDIENCE, snapshot({ index: 1 }))).toEqual({ ok: true, value: null });
    expect(manager.publish(AUDIENCE, snapshot({ index: 2 }))).toEqual({ ok: true, value: null });
    await manager.open(AUDIENCE);
    const presenter = presenters[0]!;
    expect(presenter.sent).toEqual([]);
    presenter.finishLoad();
    expect(presenter.sent).toEqual([
      { channel: PRESENTER_STATE_CHANNEL, payload: snapshot({ index: 2 }) },
    ]);
    manager.publish(AUDIENCE, snapshot({ index: 3, blanked: true }));
    expect(presenter.sent.at(-1)).toEqual({
      channel: PRESENTER_STATE_CHANNEL,
      payload: snapshot({ index: 3, blanked: true }),
    });
    // A reload of the presenter page gets the latest again.
    presenter.finishLoad();
    expect(presenter.sent.at(-1)?.payload).toEqual(snapshot({ index: 3, blanked: true }));
  });

  it('refuses snapshots from any other sender, the presenter window included', async () => {
    const { manager, presenters, log } = setup([laptop, projector]);
    await manager.open(AUDIENCE);
    manager.publish(AUDIENCE, snapshot({ index: 1 }));
    const before = presenters[0]!.sent.length;
    for (const sender of [PRESENTER, 99]) {
      expect(manager.publish(sender, snapshot({ index: 7 }))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(presenters[0]!.sent).toHaveLength(before);
    presenters[0]!.finishLoad();
    expect(presenters[0]!.sent.at(-1)?.payload).toEqual(snapshot({ index: 1 }));
    expect(log.filter((l) => l.includes('presenter state refused'))).toHaveLength(2);
  });

  it('forwards commands from the presenter window only', async () => {
    const { manager, audience } = setup([laptop, projector]);
    // No presenter window yet: nobody may send commands.
    expect(manager.command(PRESENTER, { action: 'next' })).toMatchObject({ ok: false });
    await manager.open(AUDIENCE);
    expect(manager.command(PRESENTER, { action: 'next' })).toEqual({ ok: true, value: null });
    expect(manager.command(PRESENTER, { action: 'jump', index: 4 })).toEqual({
      ok: true,
      value: null,
    });
    for (const sender of [AUDIENCE, 99]) {
      expect(manager.command(sender, { action: 'exit' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(audience.sent).toEqual([
      { channel: PRESENTER_COMMAND_CHANNEL, payload: { action: 'next' } },
      { channel: PRESENTER_COMMAND_CHANNEL, payload: { action: 'jump', index: 4 } },
    ]);
    // Once the presenter window has closed, its id is nobody's.
    await manager.close();
    expect(manager.command(PRESENTER, { action: 'next' })).toMatchObject({ ok: false });
  });

  it('only the document window may open the presenter view', async () => {
    const { manager, presenters } = setup([laptop, projector]);
    expect(await manager.open(99)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(presenters).toEqual([]);
  });
});
