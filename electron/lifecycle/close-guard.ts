/**
 * Closing a window with unsaved changes asks first. The page owns the document, so the shell does
 * not decide: when the page reported unsaved changes, the close is held and the page is asked
 * (it shows Save / Don't Save / Cancel and then calls closeWindow). A page that has stopped
 * responding cannot answer, so then the window closes and the backup stays for recovery.
 */
export type CloseDecision = 'close' | 'ask-page';

export class CloseGuard {
  private dirty = false;
  private confirmed = false;
  private unresponsive = false;

  setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }

  isDirty(): boolean {
    return this.dirty;
  }

  wasConfirmed(): boolean {
    return this.confirmed;
  }

  /** The page answered "close": the next close request goes through. */
  confirm(): void {
    this.confirmed = true;
  }

  setUnresponsive(unresponsive: boolean): void {
    this.unresponsive = unresponsive;
  }

  onCloseRequested(): CloseDecision {
    if (this.confirmed || !this.dirty || this.unresponsive) return 'close';
    return 'ask-page';
  }

  /** After the window closed: is it right to drop the backup (no unsaved work was left)? */
  closedCleanly(): boolean {
    return !this.dirty || this.confirmed;
  }
}
