/**
 * Paths the page may have the shell read or write by name: those the user chose in a system
 * dialog, dropped, passed on the command line or by the OS in this session, and the recent list.
 * The page can name no other path.
 */
import path from 'node:path';
import { samePath, type RecentFiles } from '../files/recent-files';

export class PathGrants {
  private readonly granted: string[] = [];

  constructor(private readonly recent: Pick<RecentFiles, 'has'>) {}

  add(filePath: string): void {
    const absolute = path.resolve(filePath);
    if (!this.granted.some((g) => samePath(g, absolute))) this.granted.push(absolute);
  }

  async allows(filePath: string): Promise<boolean> {
    if (!path.isAbsolute(filePath)) return false;
    return this.granted.some((g) => samePath(g, filePath)) || (await this.recent.has(filePath));
  }
}
