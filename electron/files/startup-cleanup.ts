/**
 * At start-up, the temporary files of saves that were interrupted (the app killed, the machine
 * off between writing and renaming) are removed where they belong to the app: in the backup
 * folder and the settings folder, any of the writer's own temporary files; next to each recently
 * used file, only those made for that file. Only names of the writer's own pattern
 * (`.<name>.<pid>-<12 hex>.flywheel-tmp`, node/files/atomic-write.ts) whose writing process is
 * gone, and only plain files, are removed: a save running in another instance keeps its file,
 * and nothing else in those folders is touched.
 */
import path from 'node:path';
import { processIsAlive, removeStaleTempFiles } from '../../node/files/atomic-write';

export interface CleanupPlaces {
  /** Folders that belong to the app (backup, settings): any stale temporary file of the writer. */
  readonly appFolders: readonly string[];
  /** Recently used files: stale temporary files made for each of them, in its folder. */
  readonly recentFiles: readonly string[];
}

/** Removes the stale temporary files; returns their paths (for the log). Never throws. */
export async function removeInterruptedSaves(
  places: CleanupPlaces,
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<string[]> {
  const byFolder = new Map<string, string[] | 'any'>();
  for (const folder of places.appFolders) byFolder.set(path.resolve(folder), 'any');
  for (const file of places.recentFiles) {
    const folder = path.dirname(path.resolve(file));
    const names = byFolder.get(folder);
    if (names === 'any') continue;
    byFolder.set(folder, [...(names ?? []), path.basename(file)]);
  }
  const removed = await Promise.all(
    [...byFolder].map(async ([folder, names]) =>
      (await removeStaleTempFiles(folder, names, isAlive)).map((n) => path.join(folder, n)),
    ),
  );
  return removed.flat().sort();
}
