/**
 * Files that are not what they seem, for every command that reads or writes them: FIFOs, device
 * nodes, sockets and symbolic links made in a temp folder (never the machine's own /dev entries as
 * output targets; /dev/zero and /dev/urandom are only ever read), files too large, and outputs
 * that are the command's own input. The CLI runs as a child process; each case must end promptly
 * (a FIFO once blocked forever, /dev/zero grew memory without limit).
 */
import { execFileSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeScenario } from '../../simulation/scenario/load';
import { withPreset } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, tempFolder, type CliResult } from './helpers';

const IS_ROOT = process.getuid?.() === 0;
let dir = '';
let cleanup = (): void => undefined;
const sockets: Server[] = [];
let scenarioText = '';

/** Makes `name` a Unix socket (kept open while the tests run). */
async function socketAt(name: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(join(dir, name), done));
  sockets.push(server);
}

/** The special files every output case uses, for one extension. */
async function specials(ext: string): Promise<void> {
  execFileSync('mkfifo', [join(dir, `pipe${ext}`)]);
  symlinkSync(`pipe${ext}`, join(dir, `link-to-pipe${ext}`));
  await socketAt(`socket${ext}`);
  // A character device of our own (the same numbers as /dev/null), only where we may make one.
  if (IS_ROOT) execFileSync('mknod', [join(dir, `device${ext}`), 'c', '1', '3']);
}

beforeAll(async () => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
  scenarioText = serializeScenario({ ...withPreset(), name: 'Plan' });
  writeFileSync(join(dir, 's.json'), scenarioText);
  writeFileSync(join(dir, 'plan.html'), scenarioText);
  await specials('.json');
  await specials('.html');
  symlinkSync('/dev/zero', join(dir, 'zero.json'));
  symlinkSync('/dev/urandom', join(dir, 'urandom.json'));
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(5 * 1024 * 1024 + 1, 32));
  mkdirSync(join(dir, 'folder.json'));
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => new Promise((done) => s.close(done))));
  cleanup();
});

const cli = (...args: string[]): CliResult => flywheel(args, dir, undefined, { timeoutMs: 30_000 });

function expectRefused(r: CliResult, ...fragments: string[]): void {
  expect(r.signal, 'the command was killed (it hung or crashed)').toBeNull();
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const f of fragments) expect(r.stderr).toContain(f);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

const typeOf = (name: string): string => {
  const st = lstatSync(join(dir, name));
  if (st.isSymbolicLink()) return `link to ${readlinkSync(join(dir, name))}`;
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'char device';
  if (st.isDirectory()) return 'folder';
  return 'file';
};
const tempFiles = (): string[] => readdirSync(dir).filter((n) => /\.(flywheel-)?tmp$/.test(n));

describe('output targets that are not regular files are refused, and stay what they were', () => {
  const targets: [string, string, string][] = [
    ['pipe', 'fifo', 'is a FIFO (named pipe), not a regular file'],
    ['link-to-pipe', 'link to pipe', 'is a FIFO (named pipe), not a regular file'],
    ['socket', 'socket', 'is a socket, not a regular file'],
    ['folder', 'folder', 'is a folder, not a file'],
  ];
  if (IS_ROOT) targets.push(['device', 'char device', 'is a character device, not a regular file']);

  it.each(targets)('flywheel run --out %s.json', (name, type, reason) => {
    const target = `${name}.json`;
    const before = typeOf(target);
    expectRefused(cli('run', 's.json', '--out', target), `${target}: cannot write: ${reason}`);
    expect(typeOf(target)).toBe(before);
    expect(before.startsWith(type)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it.each(targets.filter(([name]) => name !== 'folder'))(
    'flywheel report --out %s.html',
    (name, _type, reason) => {
      const target = `${name}.html`;
      const before = typeOf(target);
      expectRefused(cli('report', 's.json', '--out', target), `${target}: cannot write: ${reason}`);
      expect(typeOf(target)).toBe(before);
      expect(tempFiles()).toEqual([]);
    },
  );

  it('a bad --out is refused before a long Monte Carlo run, not after it', () => {
    const started = Date.now();
    expectRefused(cli('run', 's.json', '--runs', '100000', '--out', 'pipe.json'), 'FIFO');
    // 100,000 draws take minutes; the refusal comes before any of them.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('a read-only output file is refused, not replaced (found by scripts/fuzz-cli.ts)', () => {
  it.each([
    ['run', ['run', 's.json', '--out', 'locked.json']],
    ['report', ['report', 's.json', '--out', 'locked.html']],
  ])('flywheel %s', (_command, args) => {
    const out = args.at(-1)!;
    writeFileSync(join(dir, out), 'keep me');
    execFileSync('chmod', ['0444', join(dir, out)]);
    expectRefused(cli(...args), `${out}: cannot write: is read-only`);
    expect(readFileSync(join(dir, out), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, out)).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir).filter((n) => n.includes('flywheel-tmp'))).toEqual([]);
  });
});

describe('output through symbolic links: the link is followed, not replaced', () => {
  it('a link to an existing file: the link stays, the file it names gets the output', () => {
    writeFileSync(join(dir, 'real-out.json'), 'old');
    symlinkSync('real-out.json', join(dir, 'out-link.json'));
    const r = cli('run', 's.json', '--out', 'out-link.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(typeOf('out-link.json')).toBe('link to real-out.json');
    const out = JSON.parse(readFileSync(join(dir, 'real-out.json'), 'utf8')) as {
      meta: { scenarioName: string };
    };
    expect(out.meta.scenarioName).toBe('Plan');
    expect(tempFiles()).toEqual([]);
  });

  it('a dangling link: the file it names is created', () => {
    symlinkSync('created-by-link.html', join(dir, 'dangling.html'));
    const r = cli('report', 's.json', '--out', 'dangling.html');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(typeOf('dangling.html')).toBe('link to created-by-link.html');
    expect(readFileSync(join(dir, 'created-by-link.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe('a command never writes over its own input', () => {
  beforeAll(() => {
    symlinkSync('s.json', join(dir, 'alias.json'));
    linkSync(join(dir, 's.json'), join(dir, 'hard.json'));
  });

  it.each([
    [['run', 's.json', '--out', 's.json'], 's.json: refusing to write over an input'],
    [['run', 's.json', '--out', './s.json'], './s.json: refusing to write over an input'],
    [['run', 's.json', '--format', 'csv', '--out', 's.json'], 'refusing to write over an input'],
    [['run', 's.json', '--out', 'alias.json'], '(the same file as s.json)'],
    [['run', 'alias.json', '--out', 's.json'], '(the same file as alias.json)'],
    [['run', 's.json', '--out', 'hard.json'], '(the same file as s.json)'],
    [['run', 's.json', '--runs', '100', '--out', 's.json'], 'refusing to write over an input'],
    [['report', 'plan.html', '--out', 'plan.html'], 'plan.html: refusing to write over an input'],
    [
      ['compare', 's.json', 'plan.html', '--out', 'alias.json'],
      'alias.json: refusing to write over an input of this command (the same file as s.json)',
    ],
  ])('flywheel %j', (args, message) => {
    expectRefused(cli(...args), message, 'choose another output file');
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(scenarioText);
    expect(readFileSync(join(dir, 'plan.html'), 'utf8')).toBe(scenarioText);
    expect(typeOf('alias.json')).toBe('link to s.json');
    expect(tempFiles()).toEqual([]);
  });

  it('the absolute path of the input is refused too', () => {
    expectRefused(cli('run', 's.json', '--out', join(dir, 's.json')), 'refusing to write over');
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(scenarioText);
  });

  it('a file that is not an input of this command may be replaced', () => {
    writeFileSync(join(dir, 'other.json'), scenarioText);
    const r = cli('run', '--preset', 'with', '--out', 'other.json');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'other.json'), 'utf8')).toContain('"meta"');
  });
});

describe('inputs that are not regular files are refused at once', () => {
  const inputs: [string, string][] = [
    ['pipe.json', 'pipe.json: cannot read: is a FIFO (named pipe), not a regular file'],
    ['link-to-pipe.json', 'link-to-pipe.json: cannot read: is a FIFO'],
    ['zero.json', 'zero.json: cannot read: is a character device, not a regular file'],
    ['urandom.json', 'urandom.json: cannot read: is a character device'],
    ['socket.json', 'socket.json: cannot read: is a device or socket, not a regular file'],
    ['folder.json', 'folder.json: cannot read: is a folder, not a file'],
    ['big.json', 'big.json: is too large (5.0 MB; at most 5.0 MB)'],
  ];
  if (IS_ROOT) inputs.push(['device.json', 'device.json: cannot read: is a character device']);

  it.each(inputs)('flywheel run %s', (file, message) => {
    expectRefused(cli('run', file), message);
  });

  it('flywheel validate: each of them, in one command', () => {
    const r = cli('validate', ...inputs.map(([file]) => file));
    expectRefused(r, ...inputs.map(([, message]) => message));
    expect(r.stderr.trim().split('\n')).toHaveLength(inputs.length);
  });

  it.each(inputs.slice(0, 3))('flywheel report %s', (file, message) => {
    expectRefused(cli('report', file, '--out', 'never.html'), message);
    expect(readdirSync(dir)).not.toContain('never.html');
  });

  it.each([
    ['pipe.json', 'pipe.json: cannot read: is a FIFO'],
    ['zero.json', 'zero.json: cannot read: is a character device'],
  ])('flywheel compare %s s.json', (file, message) => {
    expectRefused(cli('compare', file, 's.json'), message);
  });

  it.each([
    ['pipe.json', 'pipe.json: cannot read: is a FIFO'],
    ['zero.json', 'zero.json: cannot read: is a character device'],
  ])('flywheel calibrate --data %s', (file, message) => {
    const r = cli('calibrate', 's.json', '--data', file, '--fit', 'baseChurnPerWeek');
    expectRefused(r, message);
  });

  it('validate goes on with the other files and fails at the end', () => {
    const r = cli('validate', 's.json', 'pipe.json', 'zero.json');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("s.json: valid scenario 'Plan' (4 data products, 3 AI consumers)\n");
    expect(r.stderr).toContain('pipe.json: cannot read: is a FIFO');
    expect(r.stderr).toContain('zero.json: cannot read: is a character device');
  });
});
