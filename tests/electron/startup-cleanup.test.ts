/**
 * Start-up clean-up of interrupted saves (issue #16, item 7) over fake folders: the backup and
 * settings folders lose every stale temporary file of the writer's own pattern, a recently used
 * file's folder only those made for that file; live saves, look-alikes, links and everything else
 * stay.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeInterruptedSaves } from '../../electron/files/startup-cleanup';

const DEAD = 4_000_001;
const LIVE = 4_000_002;
const isAlive = (pid: number) => pid === LIVE;
const temp = (target: string, pid: number | null, hex = '0123456789ab') =>
  `.${target}.${pid === null ? '' : `${pid}-`}${hex}.flywheel-tmp`;

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-cleanup-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function files(folder: string, names: readonly string[]): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  for (const n of names) await fs.writeFile(path.join(folder, n), `content of ${n}`);
}

describe('removeInterruptedSaves', () => {
  it('cleans the app’s folders and next to recent files, matching the writer’s pattern only', async () => {
    const settings = path.join(root, 'user-data');
    const backup = path.join(settings, 'backup');
    const docs = path.join(root, 'Documents');
    const elsewhere = path.join(root, 'Downloads');
    const removed = {
      settings: [temp('recent-files.json', DEAD), temp('window-state.json', null)],
      backup: [temp('unsaved-work.json', DEAD, 'ffffffffffff'), temp('unsaved-work.json', null)],
      docs: [temp('plan.flywheel.json', DEAD), temp('Q3 plan.json', DEAD, 'abcdefabcdef')],
    };
    const kept = {
      settings: [
        'recent-files.json',
        'Preferences',
        'Cookies-journal',
        temp('window-state.json', LIVE),
        '.window-state.json.4000001-0123456789ab.tmp',
      ],
      backup: ['unsaved-work.json', temp('unsaved-work.json', LIVE)],
      docs: [
        'plan.flywheel.json',
        'Q3 plan.json',
        // Not a recently used file: its temporary files are not the app's to judge.
        temp('notes.json', DEAD),
        temp('plan.flywheel.json', LIVE),
        '.plan.flywheel.json.4000001-0123.flywheel-tmp',
      ],
      elsewhere: [temp('budget.json', DEAD)],
    };
    await files(settings, [...removed.settings, ...kept.settings]);
    await files(backup, [...removed.backup, ...kept.backup]);
    await files(docs, [...removed.docs, ...kept.docs]);
    await files(elsewhere, kept.elsewhere);
    // A folder and a link named like temporary files are not files the writer made.
    const dir = temp('plan.flywheel.json', DEAD, '111111111111');
    await fs.mkdir(path.join(docs, dir));
    const link = temp('plan.flywheel.json', DEAD, '222222222222');
    await fs.symlink(path.join(docs, 'plan.flywheel.json'), path.join(docs, link));

    const result = await removeInterruptedSaves(
      {
        appFolders: [backup, settings],
        recentFiles: [
          path.join(docs, 'plan.flywheel.json'),
          path.join(docs, 'Q3 plan.json'),
          path.join(root, 'gone', 'old.json'),
        ],
      },
      isAlive,
    );

    expect(result).toEqual(
      [
        ...removed.settings.map((n) => path.join(settings, n)),
        ...removed.backup.map((n) => path.join(backup, n)),
        ...removed.docs.map((n) => path.join(docs, n)),
      ].sort(),
    );
    expect((await fs.readdir(settings)).sort()).toEqual([...kept.settings, 'backup'].sort());
    expect((await fs.readdir(backup)).sort()).toEqual([...kept.backup].sort());
    expect((await fs.readdir(docs)).sort()).toEqual([...kept.docs, dir, link].sort());
    expect(await fs.readdir(elsewhere)).toEqual(kept.elsewhere);
    // The link's target is untouched.
    expect(await fs.readFile(path.join(docs, 'plan.flywheel.json'), 'utf8')).toBe(
      'content of plan.flywheel.json',
    );
  });

  it('missing folders and an empty list are fine', async () => {
    expect(
      await removeInterruptedSaves(
        { appFolders: [path.join(root, 'none')], recentFiles: [] },
        isAlive,
      ),
    ).toEqual([]);
  });
});
