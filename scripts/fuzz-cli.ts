/**
 * A fuzzing pass over the `flywheel` command line (issue #16): every command (run, validate,
 * report, compare, loops, sensitivity, sweep, seek, calibrate) as a child process, with flags
 * drawn from each command's own options (valid, boundary and hostile values, unknown and repeated
 * flags, missing values, `--flag=value`), input files of every awkward kind (damaged scenarios,
 * binary, empty, huge, a FIFO, a folder, links to /dev/zero and to nothing, names with escapes)
 * and output targets (the input itself, a link to it, a FIFO, a folder, a missing folder, a
 * read-only file, names with escapes) made in a temporary folder (never the machine's own /dev
 * entries as outputs). Every case must end within its time with exit code 0 or 2, say why on
 * standard error when it fails, print no raw control character and no stack, change no file but
 * its --out target, and leave no temporary file behind.
 *
 *   npx tsx scripts/fuzz-cli.ts [--cases N] [--seed S] [--timeout-ms T] [--only COMMAND]
 *
 * Prints each finding with the command that reproduces it and a summary; exit code 1 if any.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'flywheel.mjs');

// ---- options and randomness --------------------------------------------------------------

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const CASES = Number(option('cases', '200'));
const SEED = Number(option('seed', String(Date.now() % 100000)));
const TIMEOUT_MS = Number(option('timeout-ms', '120000'));
const ONLY = option('only', '');
/** Also list the distinct messages of refused cases (to read them as a user would). */
const MESSAGES = process.argv.includes('--messages');
const messages = new Map<string, number>();

/** mulberry32: the same seed draws the same cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number): boolean => random() < p;

// ---- the files ---------------------------------------------------------------------------

const dir = mkdtempSync(path.join(tmpdir(), 'flywheel-fuzz-'));
const at = (name: string) => path.join(dir, name);

function cli(args: readonly string[], timeout = TIMEOUT_MS) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout,
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, FLYWHEEL_DEBUG: '' },
  });
}

const preset = cli(['presets', '--show', 'with']).stdout;
const scenario = JSON.parse(preset) as Record<string, unknown>;
const kpiNames = Object.keys(
  (
    JSON.parse(cli(['run', '--preset', 'with', '--weeks', '8', '--format', 'json']).stdout) as {
      runs?: Array<{ kpis: Record<string, unknown> }>;
      kpis?: Record<string, unknown>;
    }
  ).runs?.[0]?.kpis ?? {},
);

/** Damages a scenario the way a hostile or careless editor would. */
function mutated(): string {
  const copy = JSON.parse(preset) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = pick(keys);
  switch (Math.floor(random() * 9)) {
    case 0:
      delete copy[key];
      break;
    case 1:
      copy[key] = pick([null, 'x', -1, 1e308, [], {}, true, '', 'NaN']);
      break;
    case 2:
      return JSON.stringify(copy).replace(/\d+(\.\d+)?/, pick(['NaN', 'Infinity', '1e999', '-0']));
    case 3:
      return `{"__proto__": {"polluted": 1}, ${JSON.stringify(copy).slice(1)}`;
    case 4:
      return `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    case 5:
      copy.name = `\u001b]0;owned\u0007\u001b[2J${'\u202e'}evil${'x'.repeat(pick([0, 5000]))}`;
      break;
    case 6:
      copy.formatVersion = pick([0, 99, '3', 2.5, -1]);
      break;
    case 7:
      return JSON.stringify(copy).slice(0, Math.floor(random() * preset.length));
    default:
      copy[`extra${Math.floor(random() * 9)}`] = { nested: [1, 2, 3] };
  }
  return JSON.stringify(copy);
}

const history = [
  'week,activeUsers,sessions,orders',
  ...Array.from(
    { length: 60 },
    (_, w) =>
      `${w},${Math.round(50_000 + 900 * w)},${Math.round(70_000 + 1300 * w)},${Math.round(4000 + 70 * w)}`,
  ),
].join('\n');

function prepareFiles(): { inputs: string[]; histories: string[] } {
  writeFileSync(at('with.json'), preset);
  writeFileSync(at('minimal.json'), JSON.stringify({ ...scenario, name: 'Minimal' }));
  writeFileSync(at('empty.json'), '');
  writeFileSync(
    at('binary.json'),
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
  );
  writeFileSync(at('latin1.json'), Buffer.from(preset.replace('"name"', '"n\u00e4me"'), 'latin1'));
  writeFileSync(at('bom.json'), `\ufeff${preset}`);
  writeFileSync(at('huge.json'), `{"name": "${'x'.repeat(6 * 1024 * 1024)}"}`);
  writeFileSync(at('array.json'), '[1,2,3]');
  writeFileSync(at('name-\u001b[31mred\u0007.json'), preset);
  writeFileSync(at(`${'long'.repeat(60)}.json`), preset);
  mkdirSync(at('folder.json'));
  spawnSync('mkfifo', [at('fifo.json')]);
  symlinkSync('/dev/zero', at('zero.json'));
  symlinkSync(at('nowhere.json'), at('dangling.json'));
  symlinkSync(at('with.json'), at('link.json'));
  for (let i = 0; i < 12; i++) writeFileSync(at(`mutated-${i}.json`), mutated());
  writeFileSync(at('kpis.csv'), history);
  writeFileSync(at('kpis-semicolon.csv'), history.replace(/,/g, ';'));
  writeFileSync(at('kpis-text.csv'), history.replace(',5300,', ',about five thousand,'));
  writeFileSync(at('kpis-empty.csv'), '');
  writeFileSync(at('kpis-header.csv'), 'week,activeUsers\n');
  writeFileSync(at('kpis-escape.csv'), history.replace('orders', 'ord\u001b[2Jers'));
  writeFileSync(at('kpis-nan.csv'), history.replace(',4070\n', ',NaN\n'));
  spawnSync('mkfifo', [at('fifo.csv')]);
  writeFileSync(at('readonly.json'), 'keep me');
  chmodSync(at('readonly.json'), 0o444);
  spawnSync('mkfifo', [at('out-fifo')]);
  mkdirSync(at('out-folder'));
  const inputs = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'readonly.json');
  const histories = readdirSync(dir).filter((n) => n.endsWith('.csv'));
  return { inputs, histories };
}

const { inputs, histories } = prepareFiles();
/** The inputs `flywheel validate` accepts: most cases use one, to get past the reading. */
const validInputs = inputs.filter((n) => cli(['validate', n], 30_000).status === 0);
const input = () => (chance(0.7) && validInputs.length > 0 ? pick(validInputs) : pick(inputs));

// ---- the flags ---------------------------------------------------------------------------

const INTS = ['1', '2', '8', '26', '0', '-1', '1.5', '1e1', '0x10', ' 8', '８', 'NaN', 'Infinity'];
const WEIRD = ['', '-', '--', 'x'.repeat(5000), '\u001b[2J', '9007199254740993', '1e309', '+5'];
const num = () => (chance(0.8) ? pick(INTS) : pick(WEIRD));
const weeks = () => (chance(0.85) ? pick(['1', '4', '12', '26', '52']) : pick([...INTS, ...WEIRD]));
const PARAMS = [
  'baseChurnPerWeek',
  'sessionsPerUserPerWeek',
  'dataProduct.*.maturity.quality',
  'dataProduct.customer-360.maturity.governance',
  'baseChurnPerWeek=0.01:0.02',
  'baseChurnPerWeek=0.02:0.01',
  'baseChurnPerWeek=NaN:1',
  'baseChurnPerWeek=:',
  'nope',
  '*',
  '__proto__',
  'constructor.prototype',
  `a${'.*'.repeat(300)}`,
  'bassImitationPerYear=-5:5',
];
const param = () => (chance(0.6) ? pick(PARAMS.slice(0, 6)) : pick(PARAMS));
const kpi = () =>
  chance(0.8) && kpiNames.length > 0 ? pick(kpiNames) : pick(['nope', '', 'toString']);
const mode = () => pick(['stochastic', 'expected', 'EXPECTED', '', 'x']);
const format = (formats: string[]) => (chance(0.85) ? pick(formats) : pick(['', 'xml', 'JSON']));
const presetName = () => pick(['with', 'without', 'mesh', 'nope', '', '../with']);

/** An output target; some exist, some are hostile. Returns the path as given on the command. */
function outTarget(ext: string): string {
  return pick([
    `out-${Math.floor(random() * 1e6)}.${ext}`,
    `out-${Math.floor(random() * 1e6)}.${ext}`,
    'with.json',
    'link.json',
    'out-fifo',
    'out-folder',
    'missing/folder/out.json',
    'readonly.json',
    `out-\u001b[2J${Math.floor(random() * 100)}.${ext}`,
    `${'o'.repeat(300)}.${ext}`,
    `out.${ext}/`,
  ]);
}

type Flag = readonly [string, (() => string) | null];
interface CommandSpec {
  readonly positional: () => string[];
  readonly flags: readonly Flag[];
  /** Flags added most of the time (so that most cases get past the usage check). */
  readonly usual?: () => string[];
}

const scenarioArg = () => (chance(0.75) ? [input()] : chance(0.5) ? [] : [input(), input()]);
const COMMON: readonly Flag[] = [
  ['--weeks', weeks],
  ['--seed', num],
  ['--mode', mode],
  ['--help', null],
];

const COMMANDS: Record<string, CommandSpec> = {
  run: {
    positional: scenarioArg,
    flags: [
      ...COMMON,
      ['--preset', presetName],
      ['--variant', () => pick(['a', '', 'nope'])],
      ['--runs', () => pick(['1', '2', '5', '0', '-1', '1000001', 'abc', '2.5'])],
      ['--workers', () => pick(['1', '2', '0', '-1', '64', 'x'])],
      ['--format', () => format(['json', 'csv', 'text'])],
      ['--out', () => outTarget(pick(['json', 'csv']))],
    ],
  },
  validate: {
    positional: () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(inputs)),
    flags: [['--help', null]],
  },
  report: {
    positional: scenarioArg,
    flags: [
      ...COMMON,
      ['--preset', presetName],
      ['--loop-week', num],
      ['--paper', () => pick(['a4', 'letter', 'A4', ''])],
      ['--out', () => outTarget(chance(0.9) ? 'html' : pick(['txt', 'pdf']))],
    ],
    usual: () => ['--out', outTarget('html')],
  },
  compare: {
    positional: () =>
      Array.from({ length: Math.floor(random() * 5) }, () =>
        chance(0.8) ? input() : `${input()}#${pick(['a', '', 'x#y', '\u001b[2J'])}`,
      ),
    flags: [
      ...COMMON,
      ['--baseline', () => pick(['1', '2', '0', '9', 'x'])],
      ['--format', () => format(['json', 'csv', 'text'])],
      ['--out', () => outTarget(pick(['json', 'csv']))],
    ],
  },
  loops: {
    positional: scenarioArg,
    flags: [...COMMON, ['--preset', presetName], ['--format', () => format(['json', 'text'])]],
  },
  sensitivity: {
    positional: scenarioArg,
    flags: [
      ...COMMON,
      ['--kpi', kpi],
      ['--difference', null],
      ['--param', param],
      ['--relative', () => pick(['0.2', '0', '-0.5', '1', '5', 'x'])],
      ['--runs', () => pick(['2', '20', '1', '0', 'x'])],
      ['--top', num],
      ['--workers', () => pick(['1', '2', '0'])],
      ['--format', () => format(['json', 'csv', 'text'])],
      ['--out', () => outTarget('json')],
    ],
    usual: () => ['--param', param(), '--weeks', weeks()],
  },
  sweep: {
    positional: scenarioArg,
    flags: [
      ...COMMON,
      ['--param', param],
      ['--steps', () => pick(['1', '4', '10', '0', '1000', 'x'])],
      ['--kpi', kpi],
      ['--difference', null],
      ['--level', num],
      ['--workers', () => pick(['1', '2'])],
      ['--format', () => format(['json', 'csv', 'text'])],
      ['--out', () => outTarget('json')],
    ],
    usual: () => ['--param', param(), '--steps', pick(['2', '4']), '--weeks', weeks()],
  },
  seek: {
    positional: scenarioArg,
    flags: [
      ...COMMON,
      ['--param', param],
      ['--kpi', kpi],
      ['--target', () => pick(['60', '0', '-1', '1e308', 'NaN', 'x', '1000000'])],
      ['--week', num],
      ['--difference', null],
      ['--cost', kpi],
      ['--workers', () => pick(['1', '2'])],
      ['--format', () => format(['json', 'text'])],
      ['--out', () => outTarget('json')],
    ],
    usual: () => [
      '--param',
      param(),
      '--kpi',
      kpi(),
      '--target',
      pick(['60', '1000000']),
      '--weeks',
      weeks(),
    ],
  },
  calibrate: {
    positional: () => (chance(0.85) ? [input()] : []),
    flags: [
      ['--data', () => pick(histories)],
      [
        '--fit',
        () =>
          pick([
            'baseChurnPerWeek',
            'baseChurnPerWeek,sessionsPerUserPerWeek',
            '',
            'nope',
            'baseChurnPerWeek,baseChurnPerWeek',
          ]),
      ],
      ['--weights', () => pick(['activeUsers=2', 'activeUsers=-1', 'x=1', '=', 'activeUsers=NaN'])],
      ['--preset', presetName],
      ['--seed', num],
      ['--starts', () => pick(['1', '2', '0', '51', 'x'])],
      ['--monthly', () => pick(['total', 'average', 'x'])],
      ['--sheet', () => pick(['Sheet1', '', 'x'])],
      ['--allow-gaps', null],
      ['--exclude-outliers', null],
      ['--format', () => format(['json', 'text'])],
      ['--out', () => outTarget('json')],
      ['--help', null],
    ],
    usual: () => ['--data', pick(histories), '--fit', 'baseChurnPerWeek', '--starts', '1'],
  },
};

function drawArgs(name: string): string[] {
  const spec = COMMANDS[name]!;
  const args = [name, ...spec.positional()];
  if (spec.usual && chance(0.8)) args.push(...spec.usual());
  const count = Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const [flag, value] = pick(spec.flags);
    if (flag === '--help' && chance(0.7)) continue;
    if (value === null) args.push(flag);
    else if (chance(0.1)) args.push(`${flag}=${value()}`);
    else args.push(flag, value());
  }
  if (chance(0.05)) args.push(pick(['--bogus', '-x', '--', '-o']));
  if (chance(0.04)) args.splice(1, 0, pick(['--weeks', '--out']));
  return args;
}

// ---- the checks --------------------------------------------------------------------------

interface Entry {
  readonly kind: string;
  readonly size: number;
  readonly mtime: number;
  readonly mode: number;
}

function snapshot(): Map<string, Entry> {
  const found = new Map<string, Entry>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      const s = lstatSync(full);
      const kind = s.isFile()
        ? 'file'
        : s.isDirectory()
          ? 'dir'
          : s.isSymbolicLink()
            ? 'link'
            : s.isFIFO()
              ? 'fifo'
              : 'other';
      found.set(path.relative(dir, full), { kind, size: s.size, mtime: s.mtimeMs, mode: s.mode });
      if (kind === 'dir') walk(full);
    }
  };
  walk(dir);
  return found;
}

/** What a terminal would act on (cli/terminal.ts escapes all of it); CR only in CSV's CR LF. */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const show = (args: readonly string[]) =>
  args.map((a) => (/^[\w./=:,#*-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');

interface Finding {
  readonly args: readonly string[];
  readonly problems: readonly string[];
  readonly stderr: string;
}

function check(args: readonly string[]): { findings: string[]; code: number | null; ms: number } {
  const before = snapshot();
  const started = Date.now();
  const r = cli(args);
  const ms = Date.now() - started;
  const problems: string[] = [];
  if (r.status === 2) {
    const first = `${args[0]}: ${r.stderr
      .split('\n')[0]!
      .replace(/\d+(\.\d+)?/g, 'N')
      .slice(0, 160)}`;
    messages.set(first, (messages.get(first) ?? 0) + 1);
  }
  if (r.signal) problems.push(`killed by ${r.signal} after ${ms} ms (hang or crash)`);
  else if (r.status !== 0 && r.status !== 2) problems.push(`exit code ${r.status}`);
  if (/internal error/.test(r.stderr)) problems.push('internal error');
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(r.stderr)) problems.push('stack trace on stderr');
  if (r.status === 2 && r.stderr.trim() === '') problems.push('exit 2 with nothing said');
  if (RAW_CONTROL.test(r.stderr)) problems.push('raw control character on stderr');
  if (RAW_CONTROL.test((r.stdout ?? '').replaceAll('\r\n', '\n')))
    problems.push('raw control character on stdout');
  const after = snapshot();
  const outIndex = Math.max(args.lastIndexOf('--out'), args.lastIndexOf('-o'));
  const outFlag = args.find((a) => a.startsWith('--out='));
  const out = outFlag ? outFlag.slice(6) : outIndex > 0 ? args[outIndex + 1] : undefined;
  const outKey = out ? path.relative(dir, path.resolve(dir, out)) : undefined;
  // What the case read: positional files (compare's FILE#NAME too) and --data, links resolved.
  const real = (name: string) => (name === 'link.json' ? 'with.json' : name);
  const inputsOfCase = new Set(
    args
      .map((a) => a.split('#')[0]!)
      .filter((a) => before.has(a) && a !== out)
      .map(real),
  );
  for (const [name, entry] of after) {
    if (name.includes('.flywheel-tmp')) {
      problems.push(`temporary file left: ${JSON.stringify(name)}`);
      rmSync(at(name), { force: true });
      continue;
    }
    const old = before.get(name);
    const changed =
      !old ||
      old.kind !== entry.kind ||
      old.size !== entry.size ||
      old.mtime !== entry.mtime ||
      old.mode !== entry.mode;
    if (!changed) continue;
    const isTarget = outKey !== undefined && (name === outKey || name === real(outKey));
    if (isTarget && r.status === 0 && entry.kind === 'file' && !inputsOfCase.has(name)) {
      if (name === 'readonly.json') problems.push('a read-only file was replaced');
      restore(name);
      continue;
    }
    problems.push(`${old ? 'changed' : 'created'}: ${JSON.stringify(name)} (${entry.kind})`);
    restore(name);
  }
  for (const name of before.keys())
    if (!after.has(name)) problems.push(`removed: ${JSON.stringify(name)}`);
  if (problems.length > 0) findings.push({ args, problems, stderr: r.stderr.slice(0, 600) });
  return { findings: problems, code: r.status, ms };
}

/** Puts a fixture back as it was (or removes a file the case made). */
function restore(name: string): void {
  if (name === 'with.json') writeFileSync(at(name), preset);
  else if (name === 'readonly.json') {
    rmSync(at(name), { force: true });
    writeFileSync(at(name), 'keep me');
    chmodSync(at(name), 0o444);
  } else if (name.startsWith('out-') || name.startsWith('o'.repeat(10)))
    rmSync(at(name), { force: true, recursive: !name.startsWith('out-folder') });
}

// ---- the pass ----------------------------------------------------------------------------

const findings: Finding[] = [];
const tally = new Map<string, { cases: number; ok: number; input: number; ms: number }>();
const names = ONLY ? [ONLY] : Object.keys(COMMANDS);
process.stdout.write(
  `fuzz-cli: ${CASES} cases, seed ${SEED}, in ${dir}; valid inputs: ${show(validInputs)}\n`,
);
for (let i = 0; i < CASES; i++) {
  const name = names[i % names.length]!;
  const args = drawArgs(name);
  const result = check(args);
  const t = tally.get(name) ?? { cases: 0, ok: 0, input: 0, ms: 0 };
  t.cases++;
  if (result.code === 0) t.ok++;
  if (result.code === 2) t.input++;
  t.ms += result.ms;
  tally.set(name, t);
  if (result.findings.length > 0)
    process.stdout.write(`FINDING ${show(args)}\n  ${result.findings.join('\n  ')}\n`);
}
process.stdout.write('\ncommand       cases  exit 0  exit 2  mean s\n');
for (const [name, t] of tally)
  process.stdout.write(
    `${name.padEnd(12)} ${String(t.cases).padStart(6)} ${String(t.ok).padStart(7)} ${String(t.input).padStart(7)} ${(t.ms / t.cases / 1000).toFixed(1).padStart(7)}\n`,
  );
process.stdout.write(`\n${findings.length} finding(s)\n`);
for (const f of findings)
  process.stdout.write(
    `\nflywheel ${show(f.args)}\n  ${f.problems.join('\n  ')}\n  stderr: ${JSON.stringify(f.stderr)}\n`,
  );
if (MESSAGES) {
  process.stdout.write(`\n${messages.size} distinct first lines of refusals (numbers as N):\n`);
  for (const [m, n] of [...messages].sort())
    process.stdout.write(`${String(n).padStart(4)}  ${m}\n`);
}
chmodSync(at('readonly.json'), 0o644);
rmSync(dir, { recursive: true, force: true });
process.exitCode = findings.length > 0 ? 1 : 0;
