import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atomicWriteFile,
  AtomicWriteError,
  isTempFileFor,
  parseTempName,
} from '../../node/files/atomic-write';
import { checkVersion, versionContent } from './versions';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-atomic-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const tempFilesIn = async (folder: string) =>
  (await fs.readdir(folder)).filter((n) => n.endsWith('.flywheel-tmp'));

describe('atomicWriteFile', () => {
  it('creates a new file and replaces an existing one, leaving no temporary files', async () => {
    const target = path.join(dir, 'plain.flywheel.json');
    await atomicWriteFile(target, 'first');
    expect(await fs.readFile(target, 'utf8')).toBe('first');
    await atomicWriteFile(target, new TextEncoder().encode('second, longer content'));
    expect(await fs.readFile(target, 'utf8')).toBe('second, longer content');
    await atomicWriteFile(target, 'x');
    expect(await fs.readFile(target, 'utf8')).toBe('x');
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = path.join(dir, 'private.flywheel.json');
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o600);
    await atomicWriteFile(target, 'new');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
  });

  it('follows a symlink: the link stays a link and its target gets the content', async () => {
    const real = path.join(dir, 'real.flywheel.json');
    const link = path.join(dir, 'link.flywheel.json');
    await fs.writeFile(real, 'old');
    await fs.symlink(real, link);
    await atomicWriteFile(link, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe('new');
  });

  it('follows a dangling symlink to create its target', async () => {
    const real = path.join(dir, 'later.flywheel.json');
    const link = path.join(dir, 'dangling.flywheel.json');
    await fs.symlink('later.flywheel.json', link);
    await atomicWriteFile(link, 'created');
    expect(await fs.readFile(real, 'utf8')).toBe('created');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('on a failure before the rename leaves the old file intact, removes the temporary file and explains', async () => {
    const target = path.join(dir, 'fails.flywheel.json');
    await fs.writeFile(target, 'precious old content');
    const failing = atomicWriteFile(target, 'new', {
      beforeRename: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    });
    await expect(failing).rejects.toBeInstanceOf(AtomicWriteError);
    await expect(failing).rejects.toThrow(/disk is full/);
    expect(await fs.readFile(target, 'utf8')).toBe('precious old content');
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('refuses to replace a folder and leaves nothing behind', async () => {
    const target = path.join(dir, 'a-folder.flywheel.json');
    await fs.mkdir(target);
    await expect(atomicWriteFile(target, 'x')).rejects.toBeInstanceOf(AtomicWriteError);
    expect((await fs.stat(target)).isDirectory()).toBe(true);
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('fails with a message when the folder does not exist', async () => {
    await expect(atomicWriteFile(path.join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(
      /no longer exists/,
    );
  });

  it('recognises only its own temporary files', () => {
    expect(isTempFileFor('/a/b.json', '.b.json.4242-0a1b2c3d4e5f.flywheel-tmp')).toBe(true);
    // What the desktop wrote before temporary names carried the writer's process id.
    expect(isTempFileFor('/a/b.json', '.b.json.0a1b2c3d4e5f.flywheel-tmp')).toBe(true);
    expect(isTempFileFor('/a/b.json', '.c.json.4242-0a1b2c3d4e5f.flywheel-tmp')).toBe(false);
    expect(isTempFileFor('/a/b.json', '.b.json.4242-0a1b2c.flywheel-tmp')).toBe(false);
    expect(isTempFileFor('/a/b.json', '.b.json.4242-0a1b2c3d4e5f.tmp')).toBe(false);
    expect(isTempFileFor('/a/b.json', 'b.json.4242-0a1b2c3d4e5f.flywheel-tmp')).toBe(false);
    expect(isTempFileFor('/a/b.json', 'b.json')).toBe(false);
    expect(parseTempName('.b.json.4242-0a1b2c3d4e5f.flywheel-tmp')).toEqual({
      target: 'b.json',
      pid: 4242,
    });
  });
});

describe('atomicWriteFile when the saving process is killed', () => {
  const BYTES = 256 * 1024;
  let child: string;

  beforeAll(async () => {
    child = path.join(dir, 'save-child.mjs');
    await build({
      entryPoints: [path.join(import.meta.dirname, 'save-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
  });

  /** Runs the child; resolves with its exit once it printed `marker` and was killed (or ended). */
  function runChild(
    args: string[],
    killOn: { marker: string } | { afterMs: number } | null,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (killOn && 'marker' in killOn && out.includes(killOn.marker)) proc.kill('SIGKILL');
        if (killOn && 'afterMs' in killOn && out.includes('STARTED'))
          setTimeout(() => proc.kill('SIGKILL'), killOn.afterMs);
      });
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      proc.on('error', reject);
      proc.on('exit', (code, signal) => {
        if (killOn ? signal === 'SIGKILL' : code === 0) resolve();
        else reject(new Error(`child ended with ${code ?? signal}: ${err}`));
      });
    });
  }

  it(
    'killed between write and rename, 20 times: the target is always wholly the old version',
    { timeout: 120_000 },
    async () => {
      const target = path.join(dir, 'killed.flywheel.json');
      await fs.writeFile(target, versionContent(0, BYTES));
      for (let i = 1; i <= 20; i++) {
        await runChild([target, 'pause', String(i), String(BYTES)], { marker: 'READY' });
        expect(checkVersion(await fs.readFile(target, 'utf8'), BYTES)).toBe(0);
      }
      // The kills left temporary files; the next successful save removes them.
      expect((await tempFilesIn(dir)).length).toBeGreaterThan(0);
      await runChild([target, 'once', '99', String(BYTES)], null);
      expect(checkVersion(await fs.readFile(target, 'utf8'), BYTES)).toBe(99);
      expect(await tempFilesIn(dir)).toEqual([]);
    },
  );

  it(
    'killed at random moments while saving in a loop, 20 times: always one whole version, never a torn file',
    { timeout: 120_000 },
    async () => {
      const target = path.join(dir, 'random.flywheel.json');
      await fs.writeFile(target, versionContent(0, BYTES));
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let last = 0;
      let version = 1;
      for (let i = 0; i < 20; i++) {
        await runChild([target, 'loop', String(version), String(BYTES)], {
          afterMs: Math.floor(random() * 40),
        });
        const seen = checkVersion(await fs.readFile(target, 'utf8'), BYTES);
        expect(seen).not.toBeNull();
        expect(seen!).toBeGreaterThanOrEqual(last);
        last = seen!;
        version = last + 1000;
      }
      expect(last).toBeGreaterThan(0);
    },
  );
});
