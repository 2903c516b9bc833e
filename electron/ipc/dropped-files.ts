/**
 * The shell's record of files the user dropped onto a window. The preload sees the drop (a
 * trusted `drop` event: the page can dispatch drag events of its own, never trusted ones), takes
 * each file's path with Electron's `webUtils.getPathForFile` and sends the paths here
 * (`recordDrop`). `openDropped` then opens, and grants for later saves, only a path in the latest
 * drop on that window, once. A path the page names by itself is refused: the page never chooses
 * which files the app may read or write.
 */
import path from 'node:path';
import { samePath } from '../files/recent-files';

export class DroppedFiles {
  private readonly bySender = new Map<number, string[]>();

  /** The files of a drop on window `senderId` (replacing that window's earlier drop). */
  record(senderId: number, filePaths: readonly string[]): void {
    this.bySender.set(
      senderId,
      filePaths.filter((p) => path.isAbsolute(p)).map((p) => path.resolve(p)),
    );
  }

  /** True (once) when `filePath` was in the latest drop on window `senderId`. */
  take(senderId: number, filePath: string): boolean {
    if (!path.isAbsolute(filePath)) return false;
    const dropped = this.bySender.get(senderId);
    const index = dropped?.findIndex((p) => samePath(p, filePath)) ?? -1;
    if (index < 0) return false;
    dropped!.splice(index, 1);
    return true;
  }

  /** The window is gone. */
  forget(senderId: number): void {
    this.bySender.delete(senderId);
  }
}
