/**
 * The shared writer's two faces (synchronous for the CLI, asynchronous for the desktop) on real
 * special files in a temp folder: what they refuse to replace, how they follow links, their guard,
 * and the start-up clean-up of temporary files left by interrupted saves.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abortOpenWrites,
  AtomicFileSync,
  atomicWriteFile,
  AtomicWriteError,
  atomicWriteFileSync,
  checkWriteTargetSync,
  removeStaleTempFiles,
  tempNameFor,
} from '../../node/files/atomic-write';
import { FileError } from '../../node/files/file-error';

const IS_ROOT = process.getuid?.() === 0;
let dir: string;
let server: Server;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-targets-'));
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  await fs.symlink('pipe', path.join(dir, 'link-to-pipe'));
  await fs.mkdir(path.join(dir, 'folder'));
  server = createServer();
  await new Promise<void>((done) => server.listen(path.join(dir, 'socket'), done));
  if (IS_ROOT) execFileSync('mknod', [path.join(dir, 'device'), 'c', '1', '3']);
  await fs.symlink('loop-b', path.join(dir, 'loop-a'));
  await fs.symlink('loop-a', path.join(dir, 'loop-b'));
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await fs.rm(dir, { recursive: true, force: true });
});

const at = (name: string) => path.join(dir, name);
const tempFiles = () => readdirSync(dir).filter((n) => n.endsWith('.flywheel-tmp'));
const kindOf = (name: string) => {
  const st = lstatSync(at(name));
  return st.isFIFO()
    ? 'fifo'
    : st.isSocket()
      ? 'socket'
      : st.isCharacterDevice()
        ? 'device'
        : st.isSymbolicLink()
          ? 'link'
          : st.isDirectory()
            ? 'folder'
            : 'file';
};

const REFUSED: [string, RegExp][] = [
  ['pipe', /is a FIFO \(named pipe\), not a regular file/],
  ['link-to-pipe', /is a FIFO \(named pipe\), not a regular file/],
  ['socket', /is a socket, not a regular file/],
  ['folder', /is a folder/],
  ['loop-a', /too many symbolic links/],
];
if (IS_ROOT) REFUSED.push(['device', /is a character device, not a regular file/]);

describe('targets that are not regular files are never replaced', () => {
  it.each(REFUSED)('synchronous writer: %s', (name, reason) => {
    const before = kindOf(name);
    expect(() => atomicWriteFileSync(at(name), 'data')).toThrow(reason);
    expect(() => checkWriteTargetSync(at(name))).toThrow(FileError);
    expect(kindOf(name)).toBe(before);
    expect(tempFiles()).toEqual([]);
  });

  it.each(REFUSED)('asynchronous writer: %s', async (name, reason) => {
    const before = kindOf(name);
    const write = atomicWriteFile(at(name), 'data');
    await expect(write).rejects.toBeInstanceOf(AtomicWriteError);
    await expect(write).rejects.toThrow(reason);
    expect(kindOf(name)).toBe(before);
    expect(tempFiles()).toEqual([]);
  });

  it('the desktop sentence names what the target is', async () => {
    await expect(atomicWriteFile(at('pipe'), 'x')).rejects.toThrow(
      'Could not save pipe: it is a FIFO (named pipe), not a regular file, so it was not replaced.',
    );
  });
});

describe('a read-only file is never replaced (the folder would let a rename do it)', () => {
  it('both writers and the early check refuse it; it keeps its content and mode', async () => {
    writeFileSync(at('read-only.json'), 'keep me');
    await fs.chmod(at('read-only.json'), 0o444);
    await fs.symlink('read-only.json', at('link-to-read-only.json'));
    for (const name of ['read-only.json', 'link-to-read-only.json']) {
      expect(() => atomicWriteFileSync(at(name), 'new')).toThrow(/read-only/);
      expect(() => checkWriteTargetSync(at(name))).toThrow(/read-only/);
      // The desktop's sentence names the file the link leads to.
      await expect(atomicWriteFile(at(name), 'new')).rejects.toThrow(
        'Could not save read-only.json: the file is read-only. Make it writable, or save it under another name.',
      );
    }
    expect(readFileSync(at('read-only.json'), 'utf8')).toBe('keep me');
    expect(lstatSync(at('read-only.json')).mode & 0o777).toBe(0o444);
    expect(tempFiles()).toEqual([]);
    // Writable by its owner only is writable.
    await fs.chmod(at('read-only.json'), 0o600);
    atomicWriteFileSync(at('read-only.json'), 'new');
    expect(readFileSync(at('read-only.json'), 'utf8')).toBe('new');
  });

  it('made read-only between the start of a write and its rename: refused at the rename', async () => {
    writeFileSync(at('turns-read-only'), 'old');
    const file = new AtomicFileSync(at('turns-read-only'));
    file.write('new');
    await fs.chmod(at('turns-read-only'), 0o400);
    expect(() => file.commit()).toThrow(/read-only/);
    expect(readFileSync(at('turns-read-only'), 'utf8')).toBe('old');
    expect(tempFiles()).toEqual([]);
  });
});

describe('the guard', () => {
  it('is asked with what is at the final path (links followed) and can refuse', () => {
    writeFileSync(at('guarded'), 'old');
    const seen: Array<string | null> = [];
    expect(() =>
      atomicWriteFileSync(at('guarded'), 'new', {
        guard: (existing, finalPath) => {
          seen.push(existing === null ? null : `${path.basename(finalPath)} ${existing.size}`);
          throw new Error('not this one');
        },
      }),
    ).toThrow('not this one');
    expect(seen).toEqual(['guarded 3']);
    expect(readFileSync(at('guarded'), 'utf8')).toBe('old');
    expect(tempFiles()).toEqual([]);
  });

  it('is asked again just before the rename (the target may have changed meanwhile)', () => {
    let calls = 0;
    const file = new AtomicFileSync(at('late'), {
      guard: (existing) => {
        calls++;
        if (existing !== null) throw new Error('appeared meanwhile');
      },
    });
    file.write('new');
    writeFileSync(at('late'), 'someone else');
    expect(() => file.commit()).toThrow('appeared meanwhile');
    expect(calls).toBe(2);
    expect(readFileSync(at('late'), 'utf8')).toBe('someone else');
    expect(tempFiles()).toEqual([]);
  });

  it('asynchronous writer: a refusal comes back as it was thrown', async () => {
    const refusal = new Error('mine');
    await expect(
      atomicWriteFile(at('async-guarded'), 'x', {
        guard: () => {
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
  });
});

describe('streaming writes', () => {
  it('nothing is visible at the target until commit; abortOpenWrites removes the temporary files', () => {
    writeFileSync(at('streamed'), 'old');
    const a = new AtomicFileSync(at('streamed'));
    const b = new AtomicFileSync(at('other-streamed'));
    for (let i = 0; i < 1000; i++) a.write(`${i}\n`);
    b.write('partial');
    expect(readFileSync(at('streamed'), 'utf8')).toBe('old');
    expect(tempFiles()).toHaveLength(2);
    abortOpenWrites();
    expect(tempFiles()).toEqual([]);
    expect(readFileSync(at('streamed'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).not.toContain('other-streamed');
  });

  it('keeps the mode of the file it replaces and follows a chain of links', async () => {
    writeFileSync(at('chain-end'), 'old');
    await fs.chmod(at('chain-end'), 0o640);
    await fs.symlink('chain-end', at('chain-2'));
    await fs.symlink('chain-2', at('chain-1'));
    atomicWriteFileSync(at('chain-1'), 'new');
    expect(readFileSync(at('chain-end'), 'utf8')).toBe('new');
    expect(kindOf('chain-1')).toBe('link');
    expect(kindOf('chain-2')).toBe('link');
    expect(lstatSync(at('chain-end')).mode & 0o777).toBe(0o640);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only this writer’s temporary files whose process is gone, for the names asked', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-stale-'));
    const names = {
      deadOfTarget: '.plan.json.999999-0123456789ab.flywheel-tmp',
      legacyOfTarget: '.plan.json.0123456789ab.flywheel-tmp',
      aliveOfTarget: `.plan.json.${process.pid}-0123456789ab.flywheel-tmp`,
      deadOfOther: '.other.json.999999-0123456789ab.flywheel-tmp',
      lookalike: '.plan.json.999999-0123456789ab.tmp',
      userFile: 'plan.json',
      shortHex: '.plan.json.999999-0123.flywheel-tmp',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(folder, n), 'x');
    // A folder named like a temporary file is not a file this writer made.
    await fs.mkdir(path.join(folder, '.plan.json.999998-0123456789ab.flywheel-tmp'));
    const alive = (pid: number) => pid === process.pid;

    expect(await removeStaleTempFiles(folder, ['plan.json'], alive)).toEqual(
      [names.deadOfTarget, names.legacyOfTarget].sort(),
    );
    expect((await fs.readdir(folder)).sort()).toEqual(
      [
        names.aliveOfTarget,
        names.deadOfOther,
        names.lookalike,
        names.userFile,
        names.shortHex,
        '.plan.json.999998-0123456789ab.flywheel-tmp',
      ].sort(),
    );
    expect(await removeStaleTempFiles(folder, 'any', alive)).toEqual([names.deadOfOther]);
    expect(await removeStaleTempFiles(path.join(folder, 'missing'))).toEqual([]);
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('the names it makes are the names it recognises', () => {
    expect(tempNameFor('/x/plan.json', 1234)).toMatch(
      /^\.plan\.json\.1234-[0-9a-f]{12}\.flywheel-tmp$/,
    );
  });
});
