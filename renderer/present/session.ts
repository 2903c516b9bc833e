/**
 * Starting and ending a presentation: the workspace is left exactly as it was (scroll positions,
 * the week on screen, playback, focus), made inert under the stage, and the page goes full
 * screen where the browser allows it (a clean full-window stage otherwise). Leaving full screen
 * with the browser's own Escape ends the presentation too. In the desktop app the presenter's
 * window opens first: with a second display the shell has already put this window full screen
 * on the projector, and ending the presentation closes the presenter's window again.
 */
import { getBridge } from '../bridge/runtime';
import { playbackStore } from '../state/playback';
import { presentStore, type WorkspaceSnapshot } from './store';

/** Scroll containers of the workspace whose positions are kept. */
const SCROLLERS = ['.fw-layout__panel', '.fw-layout__main'];
const APP_ROOT = '.fw-app';

let focusBefore: HTMLElement | null = null;
let wentFullscreen = false;

function snapshot(): WorkspaceSnapshot {
  const scroll = [{ selector: ':root', top: window.scrollY, left: window.scrollX }];
  for (const selector of SCROLLERS) {
    const el = document.querySelector(selector);
    if (el) scroll.push({ selector, top: el.scrollTop, left: el.scrollLeft });
  }
  const p = playbackStore.getState();
  return { scroll, playbackPosition: p.position, playing: p.playing };
}

function restore(s: WorkspaceSnapshot): void {
  for (const { selector, top, left } of s.scroll) {
    if (selector === ':root') window.scrollTo(left, top);
    else document.querySelector(selector)?.scrollTo(left, top);
  }
}

function setWorkspaceInert(inert: boolean): void {
  const root = document.querySelector<HTMLElement>(APP_ROOT);
  if (!root) return;
  root.inert = inert;
  if (inert) root.setAttribute('aria-hidden', 'true');
  else root.removeAttribute('aria-hidden');
}

export function startPresentation(stepIndex = 0): void {
  if (presentStore.getState().active) return;
  const shot = snapshot();
  focusBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  playbackStore.getState().pause();
  presentStore.getState().enter(shot, Date.now(), stepIndex);
  setWorkspaceInert(true);
  wentFullscreen = false;
  const bridge = getBridge();
  if (bridge.kind !== 'desktop') {
    requestFullScreen();
    return;
  }
  void bridge.openPresenterView().then((result) => {
    // 'second-display': the shell made this window full screen on the projector already.
    const placedByShell = result.ok && result.value.placement === 'second-display';
    if (!placedByShell && presentStore.getState().active) requestFullScreen();
  });
}

function requestFullScreen(): void {
  const root = document.documentElement;
  if (typeof root.requestFullscreen === 'function' && document.fullscreenEnabled) {
    root.requestFullscreen({ navigationUI: 'hide' }).then(
      () => {
        wentFullscreen = true;
      },
      () => {
        // Not allowed here (no user gesture, a policy): the full-window stage stays.
      },
    );
  }
}

export function stopPresentation(): void {
  const shot = presentStore.getState().exit();
  if (!shot) return;
  setWorkspaceInert(false);
  const bridge = getBridge();
  if (bridge.kind === 'desktop') void bridge.closePresenterView();
  if (document.fullscreenElement && typeof document.exitFullscreen === 'function') {
    void document.exitFullscreen().catch(() => undefined);
  }
  wentFullscreen = false;
  const playback = playbackStore.getState();
  playback.scrub(shot.playbackPosition);
  if (shot.playing) playback.play();
  restore(shot);
  // Once more after the stage has gone and layout has settled.
  requestAnimationFrame(() => restore(shot));
  focusBefore?.focus({ preventScroll: true });
  focusBefore = null;
}

/** The browser left full screen (its own Escape): the presentation ends with it. */
export function onFullscreenChange(): void {
  if (wentFullscreen && !document.fullscreenElement && presentStore.getState().active) {
    stopPresentation();
  }
}
