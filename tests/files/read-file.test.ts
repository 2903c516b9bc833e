/**
 * The shared reader on real special files: regular files only (a FIFO is refused without waiting
 * for a writer), the cap checked before and while reading, strict UTF-8. Both faces.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../../node/files/file-error';
import {
  readRegularFile,
  readRegularFileSync,
  readTextFile,
  readTextFileSync,
  sameFile,
} from '../../node/files/read-file';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-read-'));
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  await fs.symlink('/dev/zero', path.join(dir, 'zero'));
  await fs.symlink('pipe', path.join(dir, 'link-to-pipe'));
  await fs.mkdir(path.join(dir, 'folder'));
  writeFileSync(path.join(dir, 'text'), '\ufeffhello');
  writeFileSync(path.join(dir, 'binary'), Buffer.from([0xff, 0xfe, 0x00]));
  writeFileSync(path.join(dir, 'exact'), Buffer.alloc(1000, 65));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const at = (name: string) => path.join(dir, name);
const faces = [
  ['sync', async (file: string, maxBytes: number) => readRegularFileSync(file, { maxBytes })],
  ['async', (file: string, maxBytes: number) => readRegularFile(file, { maxBytes })],
] as const;

describe.each(faces)('%s reader', (_face, read) => {
  it.each([
    ['pipe', 'not-regular', 'is a FIFO (named pipe), not a regular file'],
    ['link-to-pipe', 'not-regular', 'is a FIFO (named pipe), not a regular file'],
    ['zero', 'not-regular', 'is a character device, not a regular file'],
    ['folder', 'is-folder', 'is a folder, not a file'],
    ['missing', 'not-found', 'no such file'],
  ])('refuses %s at once', async (name, kind, reason) => {
    const error = await read(at(name), 1 << 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ kind, reason, filePath: at(name) });
  });

  it('reads a file of exactly the cap, and refuses one byte more', async () => {
    expect((await read(at('exact'), 1000)).bytes.length).toBe(1000);
    await expect(read(at('exact'), 999)).rejects.toMatchObject({
      kind: 'too-large',
      reason: 'is too large (1000 bytes; at most 999 bytes)',
    });
  });

  it('checks the cap while reading: a file whose size is not known in advance', async () => {
    // /proc files report a size of 0; their content is still read, and capped.
    const status = await read('/proc/self/status', 1 << 20);
    expect(status.bytes.toString()).toMatch(/^Name:/);
    await expect(read('/proc/self/status', 10)).rejects.toMatchObject({
      kind: 'too-large',
      reason: 'is larger than 10 bytes, the most this command reads',
    });
  });

  it('returns the stats of the file it read (the identity of the file, links followed)', async () => {
    await fs.symlink('text', at(`alias-${_face}`));
    const a = await read(at('text'), 100);
    const b = await read(at(`alias-${_face}`), 100);
    expect(sameFile(a.stats, b.stats)).toBe(true);
    expect(sameFile(a.stats, (await read(at('exact'), 1000)).stats)).toBe(false);
  });
});

describe('text', () => {
  it('decodes strict UTF-8 and drops a byte-order mark', async () => {
    expect(readTextFileSync(at('text'), { maxBytes: 100 }).text).toBe('hello');
    expect((await readTextFile(at('text'), { maxBytes: 100 })).text).toBe('hello');
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(() => readTextFileSync(at('binary'), { maxBytes: 100 })).toThrow(
      'not a text file (expected UTF-8)',
    );
    await expect(readTextFile(at('binary'), { maxBytes: 100 })).rejects.toMatchObject({
      kind: 'not-text',
    });
  });
});
