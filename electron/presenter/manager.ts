/**
 * The presenter view on a second display. Opening moves the audience (document) window full
 * screen onto another display and opens a presenter window on the primary one; closing (or the
 * presenter window being closed, or the document window going) puts the audience window back as
 * it was. Between them the shell relays: snapshots from the document window to the presenter
 * window (the last one is kept for a presenter window that loads later), commands from the
 * presenter window to the document window. Each relay accepts only its own sender.
 *
 * Electron is injected (`PresenterManagerDeps`, `AudienceWindow`), so the logic runs in Node tests.
 */
import {
  fail,
  ok,
  PRESENTER_COMMAND_CHANNEL,
  PRESENTER_STATE_CHANNEL,
  type PresenterCommand,
  type PresenterPlacement,
  type PresenterSnapshot,
  type Result,
} from '../../renderer/bridge/contract';
import type { Log } from '../log';
import { choosePresenterLayout, type DisplayLike, type Rect } from './placement';

/** The document window, as the presenter view moves and restores it. */
export interface AudienceWindow {
  readonly webContentsId: number;
  isDestroyed(): boolean;
  getBounds(): Rect;
  /** The bounds it has when neither maximised nor full screen. */
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  maximize(): void;
  unmaximize(): void;
  setBounds(bounds: Rect): void;
  setFullScreen(flag: boolean): void;
  /** Leaves full screen and resolves once it has (macOS animates the change). */
  leaveFullScreen(): Promise<void>;
  send(channel: string, payload: unknown): void;
}

/** The presenter window (created by the injected factory). */
export interface PresenterWindow {
  readonly webContentsId: number;
  isDestroyed(): boolean;
  close(): void;
  focus(): void;
  send(channel: string, payload: unknown): void;
  /** Every time its page has finished loading (a reload included). */
  onLoaded(listener: () => void): void;
  onClosed(listener: () => void): void;
}

export interface PresenterManagerDeps {
  readonly screen: {
    getAllDisplays(): readonly DisplayLike[];
    getPrimaryDisplay(): DisplayLike;
  };
  /** Creates the presenter window at `bounds`, loading the app with `#presenter`. */
  readonly createPresenterWindow: (bounds: Rect) => PresenterWindow;
  readonly log: Log;
}

interface SavedAudienceState {
  readonly bounds: Rect;
  readonly maximized: boolean;
  readonly fullScreen: boolean;
}

export class PresenterManager {
  private audience: AudienceWindow | null = null;
  private presenter: PresenterWindow | null = null;
  private saved: SavedAudienceState | null = null;
  private snapshot: PresenterSnapshot | null = null;
  private opening: Promise<Result<{ placement: PresenterPlacement }>> | null = null;

  constructor(private readonly deps: PresenterManagerDeps) {}

  /** The document window whose state is published and to which commands go. */
  attach(audience: AudienceWindow): void {
    this.audience = audience;
    this.snapshot = null;
  }

  /** The document window has closed: the presenter window goes too, nothing is restored. */
  documentClosed(): void {
    this.audience = null;
    this.saved = null;
    this.snapshot = null;
    const presenter = this.presenter;
    this.presenter = null;
    if (presenter && !presenter.isDestroyed()) presenter.close();
  }

  isPresenterWindow(webContentsId: number): boolean {
    return this.presenter !== null && this.presenter.webContentsId === webContentsId;
  }

  isDocumentWindow(webContentsId: number): boolean {
    return this.audience !== null && this.audience.webContentsId === webContentsId;
  }

  open(senderId: number): Promise<Result<{ placement: PresenterPlacement }>> {
    this.opening ??= this.openNow(senderId).finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openNow(senderId: number): Promise<Result<{ placement: PresenterPlacement }>> {
    const audience = this.audience;
    if (!audience || audience.isDestroyed() || audience.webContentsId !== senderId) {
      return fail('forbidden', 'Only the document window can open the presenter view.');
    }
    if (this.presenter && !this.presenter.isDestroyed()) {
      this.presenter.focus();
      return ok({ placement: 'second-display' });
    }
    const layout = choosePresenterLayout(
      this.deps.screen.getAllDisplays(),
      this.deps.screen.getPrimaryDisplay().id,
      audience.getBounds(),
    );
    if (layout.kind === 'none') return ok({ placement: 'none' });

    this.saved = {
      bounds: audience.getNormalBounds(),
      maximized: audience.isMaximized(),
      fullScreen: audience.isFullScreen(),
    };
    // A full-screen or maximised window cannot be moved: take it out first.
    if (this.saved.fullScreen) await audience.leaveFullScreen();
    if (audience.isMaximized()) audience.unmaximize();
    audience.setBounds(layout.audience.workArea);
    audience.setFullScreen(true);

    const presenter = this.deps.createPresenterWindow(layout.presenterBounds);
    this.presenter = presenter;
    presenter.onLoaded(() => {
      if (this.snapshot && !presenter.isDestroyed())
        presenter.send(PRESENTER_STATE_CHANNEL, this.snapshot);
    });
    presenter.onClosed(() => {
      if (this.presenter !== presenter) return;
      this.presenter = null;
      void this.restoreAudience();
    });
    this.deps.log(
      `presenter view: audience on display ${layout.audience.id}, presenter on display ${layout.presenter.id}`,
    );
    return ok({ placement: 'second-display' });
  }

  /** Closes the presenter window; the audience window is restored when it has gone. */
  async close(): Promise<Result<null>> {
    if (this.opening) await this.opening;
    const presenter = this.presenter;
    if (!presenter || presenter.isDestroyed()) {
      this.presenter = null;
      return ok(null);
    }
    presenter.close();
    return ok(null);
  }

  /** Puts the audience window back where it was before the presenter view opened. */
  private async restoreAudience(): Promise<void> {
    const audience = this.audience;
    const saved = this.saved;
    this.saved = null;
    if (!audience || audience.isDestroyed() || !saved) return;
    await audience.leaveFullScreen();
    if (audience.isDestroyed()) return;
    audience.setBounds(saved.bounds);
    if (saved.maximized) audience.maximize();
    if (saved.fullScreen) audience.setFullScreen(true);
  }

  /** From the document window only: kept, and passed to the presenter window if one is open. */
  publish(senderId: number, snapshot: PresenterSnapshot): Result<null> {
    if (!this.isDocumentWindow(senderId)) {
      this.deps.log('presenter state refused: not from the document window');
      return fail('forbidden', 'Only the document window publishes the presentation.');
    }
    this.snapshot = snapshot;
    const presenter = this.presenter;
    if (presenter && !presenter.isDestroyed()) presenter.send(PRESENTER_STATE_CHANNEL, snapshot);
    return ok(null);
  }

  /** From the presenter window only: forwarded to the document window. */
  command(senderId: number, command: PresenterCommand): Result<null> {
    if (!this.isPresenterWindow(senderId)) {
      this.deps.log('presenter command refused: not from the presenter window');
      return fail('forbidden', 'Only the presenter window sends presenter commands.');
    }
    const audience = this.audience;
    if (!audience || audience.isDestroyed())
      return fail('not-found', 'The presentation window is gone.');
    audience.send(PRESENTER_COMMAND_CHANNEL, command);
    return ok(null);
  }
}
