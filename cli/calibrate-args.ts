/**
 * `flywheel calibrate SCENARIO --data FILE --fit NAME[,NAME...] [options]`: its arguments, parsed
 * into a typed command. Every mistake is an InputError (exit 2) naming the flag.
 */
import { parseArgs } from 'node:util';
import { isPresetName, PRESET_NAMES, type PresetName } from '../simulation/scenario/presets';
import { joinNegativeValues, MAX_SEED, parseArgsErrorText, quote } from './args';
import { InputError } from './errors';

export const CALIBRATE_FORMATS = ['text', 'json'] as const;

export interface CalibrateCommand {
  readonly file: string | null;
  readonly preset: PresetName | null;
  readonly data: string;
  readonly fit: readonly string[];
  readonly weights: Readonly<Record<string, number>>;
  readonly format: (typeof CALIBRATE_FORMATS)[number];
  readonly out: string | null;
  /** Adopt the fit as a new variant of this name (the base keeps its values); null: into the base. */
  readonly variant: string | null;
  readonly seed: number;
  readonly starts: number;
  readonly monthly: 'total' | 'average' | null;
  readonly sheet: string | null;
  readonly allowGaps: boolean;
  readonly excludeOutliers: boolean;
}

const usage = (message: string): InputError =>
  new InputError(`flywheel calibrate: ${message}\nRun 'flywheel calibrate --help' for usage.`);

function whole(flag: string, text: string, min: number, max: number): number {
  if (/^[0-9]{1,16}$/.test(text)) {
    const n = Number(text);
    if (n >= min && n <= max) return n;
  }
  throw usage(`${flag}: expected a whole number from ${min} to ${max}, got ${quote(text)}`);
}

/** `activeUsers=2,orders=0.5` as weights by metric. */
export function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z][A-Za-z0-9.-]*)\s*=\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*$/.exec(
      part,
    );
    if (!m) throw usage(`--weights: expected NAME=WEIGHT[,NAME=WEIGHT...], got ${quote(part)}`);
    const w = Number(m[2]);
    if (!(w >= 0 && w <= 1000))
      throw usage(`--weights: ${m[1]}: expected a weight from 0 to 1000, got ${quote(m[2]!)}`);
    if (m[1]! in out) throw usage(`--weights: ${m[1]} is given twice`);
    out[m[1]!] = w;
  }
  return out;
}

/** Parses `calibrate`'s arguments; null means --help. */
export function parseCalibrateArgs(args: readonly string[]): CalibrateCommand | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, ['--seed', '--starts']),
      strict: true,
      allowPositionals: true,
      options: {
        preset: { type: 'string' },
        data: { type: 'string', short: 'd' },
        fit: { type: 'string', multiple: true },
        weights: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        variant: { type: 'string' },
        seed: { type: 'string' },
        starts: { type: 'string' },
        monthly: { type: 'string' },
        sheet: { type: 'string' },
        'allow-gaps': { type: 'boolean' },
        'exclude-outliers': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usage(parseArgsErrorText(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help) return null;
  if (positionals.length > 1)
    throw usage(
      `expected one scenario file, got ${positionals.length}: ${positionals.map(quote).join(', ')}`,
    );
  const file = positionals[0] ?? null;
  if (file === '') throw usage('the scenario file name is empty');
  if (file === null && v.preset === undefined)
    throw usage('name the scenario to calibrate (a scenario file, or --preset NAME)');
  if (file !== null && v.preset !== undefined)
    throw usage('give either a scenario file or --preset, not both');
  if (v.preset !== undefined && !isPresetName(v.preset))
    throw usage(
      `--preset: unknown preset ${quote(v.preset)} (presets: ${PRESET_NAMES.join(', ')})`,
    );
  if (v.data === undefined || v.data === '') throw usage('--data FILE is required (CSV or .xlsx)');
  const fit = (v.fit ?? []).flatMap((f) => f.split(',')).map((f) => f.trim());
  if (fit.length === 0 || fit.some((f) => f === ''))
    throw usage('--fit NAME[,NAME...] is required: the parameters to fit (see --help)');
  if (v.out === '') throw usage('--out: expected a file name');
  const format = v.format ?? 'text';
  if (!(CALIBRATE_FORMATS as readonly string[]).includes(format))
    throw usage(`--format: expected 'text' or 'json', got ${quote(format)}`);
  if (v.monthly !== undefined && v.monthly !== 'total' && v.monthly !== 'average')
    throw usage(`--monthly: expected 'total' or 'average', got ${quote(v.monthly)}`);
  if (v.out !== undefined && (v.out === v.data || v.out === file))
    throw usage(`--out ${quote(v.out)} would overwrite an input: choose another file`);
  return {
    file,
    preset: (v.preset as PresetName | undefined) ?? null,
    data: v.data,
    fit,
    weights: v.weights === undefined ? {} : parseWeights(v.weights),
    format: format as CalibrateCommand['format'],
    out: v.out ?? null,
    variant: v.variant ?? null,
    seed: v.seed === undefined ? 1 : whole('--seed', v.seed, 0, MAX_SEED),
    starts: v.starts === undefined ? 4 : whole('--starts', v.starts, 1, 50),
    monthly: (v.monthly as CalibrateCommand['monthly'] | undefined) ?? null,
    sheet: v.sheet ?? null,
    allowGaps: v['allow-gaps'] === true,
    excludeOutliers: v['exclude-outliers'] === true,
  };
}
