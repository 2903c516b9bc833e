import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeScenario, withPreset } from '../../simulation';
import { BackupStore } from '../../electron/files/backup-store';
import { readJsonFile } from '../../electron/files/json-store';
import { RecentFiles } from '../../electron/files/recent-files';
import { readScenarioFile, writeScenarioFile } from '../../electron/files/scenario-files';
import { z } from 'zod';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-files-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const validText = serializeScenario(withPreset());

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  return p;
}

describe('readScenarioFile', () => {
  it('opens a valid scenario and returns its text, name and path', async () => {
    const p = await fileWith('good.flywheel.json', validText);
    const r = await readScenarioFile(p);
    expect(r).toEqual({
      ok: true,
      value: { text: validText, fileName: 'good.flywheel.json', filePath: p },
    });
  });

  it.each([
    [
      'malformed JSON',
      'broken.flywheel.json',
      '{"kind": "flywheel-lab/scenario", ',
      /not valid JSON/,
    ],
    [
      'a foreign JSON file',
      'package.json',
      '{"name": "something else"}',
      /not a Flywheel Lab scenario/,
    ],
    [
      'a newer format version',
      'future.flywheel.json',
      JSON.stringify({ kind: 'flywheel-lab/scenario', formatVersion: 99, name: 'x' }),
      /newer than this app/,
    ],
    [
      'an invalid value',
      'bad-value.flywheel.json',
      JSON.stringify({
        kind: 'flywheel-lab/scenario',
        formatVersion: 1,
        name: 'x',
        simulation: { weeks: -3 },
      }),
      /simulation\.weeks/,
    ],
  ])('gives a clear message for %s', async (_what, name, content, message) => {
    const p = await fileWith(name, content);
    const r = await readScenarioFile(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-file');
    expect(r.error.message).toContain(name);
    expect(r.error.message).toMatch(message);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const p = await fileWith('huge.flywheel.json', Buffer.alloc(2048, 32));
    const r = await readScenarioFile(p, 1024);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    if (!r.ok) expect(r.error.message).toMatch(/2\.0 KB.*at most 1\.0 KB/);
  });

  it('refuses binary content that is not UTF-8', async () => {
    const p = await fileWith(
      'image.flywheel.json',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]),
    );
    expect(await readScenarioFile(p)).toMatchObject({
      ok: false,
      error: { code: 'invalid-file', message: expect.stringMatching(/not a text file/) },
    });
  });

  it('refuses a FIFO and a link to /dev/zero named like scenarios, at once', async () => {
    const fifo = path.join(dir, 'pipe.flywheel.json');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(dir, 'zero.flywheel.json');
    await fs.symlink('/dev/zero', zero);
    expect(await readScenarioFile(fifo)).toEqual({
      ok: false,
      error: {
        code: 'invalid-file',
        message:
          'pipe.flywheel.json is a FIFO (named pipe), not a regular file. It was not opened.',
      },
    });
    expect(await readScenarioFile(zero)).toMatchObject({
      ok: false,
      error: { code: 'invalid-file', message: expect.stringMatching(/character device/) },
    });
    // Saving over them is refused too: they stay what they are.
    expect(await writeScenarioFile(fifo, validText)).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringMatching(/FIFO.*not replaced.*not changed/) },
    });
    expect((await fs.lstat(fifo)).isFIFO()).toBe(true);
  });

  it('reports a missing file and a folder', async () => {
    expect(await readScenarioFile(path.join(dir, 'nope.json'))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const folder = path.join(dir, 'folder.json');
    await fs.mkdir(folder);
    expect(await readScenarioFile(folder)).toMatchObject({
      ok: false,
      error: { code: 'invalid-file' },
    });
  });
});

describe('writeScenarioFile', () => {
  it('saves a valid scenario atomically and reads it back unchanged', async () => {
    const p = path.join(dir, 'saved.flywheel.json');
    expect(await writeScenarioFile(p, validText)).toEqual({
      ok: true,
      value: { fileName: 'saved.flywheel.json', filePath: p },
    });
    expect(await readScenarioFile(p)).toMatchObject({ ok: true, value: { text: validText } });
  });

  it('refuses text that is not a valid scenario and leaves the old file alone', async () => {
    const p = await fileWith('keep.flywheel.json', validText);
    const r = await writeScenarioFile(p, '{"kind":"something"}');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await fs.readFile(p, 'utf8')).toBe(validText);
  });

  it('tells the user when the save fails, and the old file is untouched', async () => {
    const r = await writeScenarioFile(
      path.join(dir, 'no-such-folder', 'x.flywheel.json'),
      validText,
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringMatching(/no longer exists.*not changed/) },
    });
  });
});

describe('RecentFiles', () => {
  it('keeps the most recent first, one entry per file, capped', async () => {
    const store = path.join(dir, 'recent-1.json');
    const files = await Promise.all(
      [0, 1, 2, 3].map((i) => fileWith(`r${i}.flywheel.json`, validText)),
    );
    const recent = new RecentFiles({ storePath: store, log: () => undefined, cap: 3 });
    for (const f of files) await recent.add(f);
    await recent.add(files[1]!);
    expect((await recent.entries()).map((e) => e.fileName)).toEqual([
      'r1.flywheel.json',
      'r3.flywheel.json',
      'r2.flywheel.json',
    ]);
    // A new instance reads the same list back.
    const again = new RecentFiles({ storePath: store, log: () => undefined, cap: 3 });
    expect((await again.entries()).map((e) => e.filePath)).toEqual([files[1], files[3], files[2]]);
  });

  it('prunes files that no longer exist', async () => {
    const store = path.join(dir, 'recent-2.json');
    const a = await fileWith('stays.flywheel.json', validText);
    const b = await fileWith('goes.flywheel.json', validText);
    const recent = new RecentFiles({ storePath: store, log: () => undefined });
    await recent.add(a);
    await recent.add(b);
    await fs.rm(b);
    expect((await recent.entries()).map((e) => e.filePath)).toEqual([a]);
    expect(await recent.has(b)).toBe(false);
  });

  it.each([
    ['not JSON', '{{{'],
    ['a foreign shape', '{"files": "nope"}'],
    [
      'relative paths',
      JSON.stringify({
        version: 1,
        files: [{ filePath: 'relative.json', openedAt: '2024-01-01T00:00:00.000Z' }],
      }),
    ],
  ])('starts empty with a log line when the stored list is %s', async (_what, content) => {
    const store = await fileWith(`recent-bad-${Math.random()}.json`, content);
    const lines: string[] = [];
    const recent = new RecentFiles({ storePath: store, log: (l) => lines.push(l) });
    expect(await recent.entries()).toEqual([]);
    expect(lines.join('\n')).toMatch(/using defaults/);
  });
});

describe('BackupStore', () => {
  const at = new Date('2025-03-04T05:06:07.000Z');

  it('writes, reads back and clears the backup of unsaved work', async () => {
    const backup = new BackupStore({ folder: path.join(dir, 'backup-1'), now: () => at });
    expect(await backup.read()).toEqual({ ok: true, value: null });
    expect(
      await backup.write({
        scenarioText: validText,
        fileName: 'work.flywheel.json',
        filePath: null,
      }),
    ).toEqual({ ok: true, value: null });
    expect(await backup.read()).toEqual({
      ok: true,
      value: {
        scenarioText: validText,
        fileName: 'work.flywheel.json',
        filePath: null,
        savedAt: at.toISOString(),
      },
    });
    await backup.clear();
    expect(await backup.read()).toEqual({ ok: true, value: null });
  });

  it('a corrupt backup gives a message, is kept aside, and the next start is clean', async () => {
    const folder = path.join(dir, 'backup-2');
    const backup = new BackupStore({ folder, now: () => at });
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(backup.filePath, '{"kind": "flywheel-lab/backup", "version": 1, "scenarioT');
    const r = await backup.read();
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-file',
        message: expect.stringMatching(/could not be restored: it is not valid JSON/),
      },
    });
    const kept = (await fs.readdir(folder)).filter((n) => n.startsWith('unsaved-work.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(await backup.read()).toEqual({ ok: true, value: null });
  });

  it('a backup of another shape is set aside too', async () => {
    const folder = path.join(dir, 'backup-3');
    const backup = new BackupStore({ folder });
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(
      backup.filePath,
      JSON.stringify({ kind: 'flywheel-lab/backup', version: 2 }),
    );
    expect(await backup.read()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a Flywheel Lab backup/) },
    });
  });
});

describe('readJsonFile (settings)', () => {
  const schema = z.strictObject({ version: z.literal(1), size: z.number().int().positive() });
  const defaults = () => ({ version: 1 as const, size: 10 });

  it('returns the stored value when valid and the defaults silently when missing', async () => {
    const lines: string[] = [];
    const p = await fileWith('settings-ok.json', '{"version":1,"size":3}');
    expect(await readJsonFile(p, schema, defaults, (l) => lines.push(l))).toEqual({
      version: 1,
      size: 3,
    });
    expect(
      await readJsonFile(path.join(dir, 'absent.json'), schema, defaults, (l) => lines.push(l)),
    ).toEqual(defaults());
    expect(lines).toEqual([]);
  });

  it.each([
    ['corrupt JSON', '{"version":1,'],
    ['a wrong type', '{"version":1,"size":"big"}'],
    ['an unknown field', '{"version":1,"size":3,"evil":true}'],
  ])('falls back to the defaults with a log line for %s', async (_what, content) => {
    const lines: string[] = [];
    const p = await fileWith(`settings-${Math.random()}.json`, content);
    expect(await readJsonFile(p, schema, defaults, (l) => lines.push(l))).toEqual(defaults());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/using defaults/);
  });
});
