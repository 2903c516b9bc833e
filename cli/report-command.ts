/**
 * `flywheel report [SCENARIO.json] [--preset NAME] [--seed N] [--weeks N] [--mode MODE]
 * [--loop-week N] [--compare RUN ... [--baseline N]] [--paper a4|letter] [--chromium PATH]
 * --out report.pdf|report.html`: the comparison's report (with --compare, also the runs side by
 * side as `flywheel compare` puts them) as self-contained HTML, or as PDF printed by Chromium. The format comes
 * from the extension of --out. Bad input (flags, files, no browser) exits with code 2.
 */
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CompiledModelCache,
  compareWithWithout,
  computeHeadline,
  isPresetName,
  MAX_COMPARED_RUNS,
  MAX_HORIZON_WEEKS,
  PRESET_NAMES,
  PRESETS,
  serializeScenario,
  withPreset,
  type Scenario,
} from '../simulation';
import { fastestBackend } from '../simulation/engine/compile';
import { reportHtml } from '../renderer/report/html';
import { reproducibilityOf, type ScenarioSource } from '../renderer/report/reproduce';
import { joinNegativeValues, MAX_SEED, MODES, parseArgsErrorText, quote, type Mode } from './args';
import { InputError } from './errors';
import { findChromium, PAPERS, printPdf, type Paper } from './pdf';
import { cliStyleSources } from './report-css';
import { applyOverrides } from './run';
import { checkOutput, writeOutputFile } from './files';
import { loadScenarioFile } from './scenario-input';
import { reportComparisonOf, resolveRuns } from './compare-runs';
import { shown, terminalText } from './terminal';
import { APP_VERSION } from './version';

export const REPORT_HELP = `Usage: flywheel report [SCENARIO.json] [options] --out FILE.pdf|FILE.html

Writes a report of a scenario compared with the same business without data products: summary,
key results, charts, the five-step loop, assumptions, methodology and the command that reproduces
every number. FILE.html is one self-contained page; FILE.pdf is printed by Chromium, Google Chrome
or Microsoft Edge. With no scenario and no --preset, reports the built-in 'with' scenario.

Options:
  --preset NAME         report a built-in scenario: ${PRESET_NAMES.join(', ')}
  --weeks N             horizon in weeks, 1 to ${MAX_HORIZON_WEEKS} (default: the scenario's)
  --seed N              random seed, 0 to ${MAX_SEED} (default: the scenario's)
  --mode MODE           'stochastic' or 'expected' (default: the scenario's)
  --loop-week N         week the five-step loop is drawn at (default: the horizon)
  --compare RUN         add a comparison of runs (give it 2 to ${MAX_COMPARED_RUNS} times): FILE or
                        FILE#NAME as flywheel compare takes them; the report then has their KPI
                        table, overlaid charts, what each changes in words and the flywheel
                        compare command that prints the same table (--weeks, --seed and --mode
                        apply to these runs too)
  --baseline N          the compared run the differences are taken from (default 1)
  --paper PAPER         'a4' (default) or 'letter' (PDF only)
  --chromium PATH       the browser that prints the PDF; otherwise FLYWHEEL_CHROMIUM, then the
                        usual install paths (/usr/bin/chromium, /usr/bin/chromium-browser,
                        /usr/bin/google-chrome, /Applications/..., %PROGRAMFILES%\\...)
  -o, --out FILE        where to write: the extension (.pdf or .html) chooses the format
  -h, --help            show this help

Examples:
  flywheel report --out report.html
  flywheel report my-scenario.json --paper letter --out report.pdf
  flywheel report plan.flywheel.json --compare plan.flywheel.json \
    --compare 'plan.flywheel.json#skip governance' --out report.html`;

export interface ReportCommand {
  readonly file: string | null;
  readonly preset: string | null;
  readonly weeks: number | null;
  readonly seed: number | null;
  readonly mode: Mode | null;
  readonly loopWeek: number | null;
  /** Runs to compare (FILE or FILE#NAME), none for no comparison. */
  readonly compare: readonly string[];
  /** 1-based. */
  readonly baseline: number;
  readonly paper: Paper;
  readonly chromium: string | null;
  readonly out: string;
  readonly format: 'pdf' | 'html';
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (/^[0-9]{1,16}$/.test(text)) {
    const n = Number(text);
    if (n >= min && n <= max) return n;
  }
  throw new InputError(
    `${flag}: expected a whole number from ${min} to ${max}, got ${quote(text)}`,
  );
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new InputError(
    `${flag}: expected ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${quote(text)}`,
  );
}

/** Parses `report`'s arguments; null means --help. Every mistake is an InputError (exit 2). */
export function parseReportArgs(args: readonly string[]): ReportCommand | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, ['--weeks', '--seed', '--loop-week', '--baseline']),
      strict: true,
      allowPositionals: true,
      options: {
        preset: { type: 'string' },
        weeks: { type: 'string' },
        seed: { type: 'string' },
        mode: { type: 'string' },
        'loop-week': { type: 'string' },
        compare: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        paper: { type: 'string' },
        chromium: { type: 'string' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError(
      `flywheel report: ${parseArgsErrorText(e)}\nRun 'flywheel report --help' for usage.`,
    );
  }
  const { values: v, positionals } = parsed;
  if (v.help) return null;
  if (positionals.length > 1)
    throw new InputError(
      `flywheel report: expected at most one scenario file, got ${positionals.length}`,
    );
  const file = positionals[0] ?? null;
  if (file === '') throw new InputError('flywheel report: the scenario file name is empty');
  if (file !== null && v.preset !== undefined)
    throw new InputError('flywheel report: give either a scenario file or --preset, not both');
  if (v.preset !== undefined && !isPresetName(v.preset))
    throw new InputError(
      `--preset: unknown preset ${quote(v.preset)} (presets: ${PRESET_NAMES.join(', ')})`,
    );
  if (v.out === undefined || v.out === '')
    throw new InputError('flywheel report: --out FILE.pdf or --out FILE.html is required');
  const ext = /\.(pdf|html?)$/i.exec(v.out)?.[1]?.toLowerCase();
  if (!ext)
    throw new InputError(
      `--out ${quote(v.out)}: the file name must end in .pdf or .html (that chooses the format)`,
    );
  if (v.chromium === '') throw new InputError('--chromium: expected the path of a browser');
  const compare = v.compare ?? [];
  if (compare.includes('')) throw new InputError('--compare: expected FILE or FILE#NAME');
  if (compare.length === 1)
    throw new InputError(
      '--compare: give at least two runs to compare (--compare FILE --compare FILE#NAME)',
    );
  if (compare.length > MAX_COMPARED_RUNS)
    throw new InputError(
      `--compare: at most ${MAX_COMPARED_RUNS} runs side by side, got ${compare.length}; leave some out`,
    );
  if (v.baseline !== undefined && compare.length === 0)
    throw new InputError('--baseline: only with --compare');
  return {
    file,
    preset: v.preset ?? null,
    weeks: v.weeks === undefined ? null : wholeNumber('--weeks', v.weeks, 1, MAX_HORIZON_WEEKS),
    seed: v.seed === undefined ? null : wholeNumber('--seed', v.seed, 0, MAX_SEED),
    mode: v.mode === undefined ? null : oneOf('--mode', v.mode, MODES),
    loopWeek:
      v['loop-week'] === undefined
        ? null
        : wholeNumber('--loop-week', v['loop-week'], 0, MAX_HORIZON_WEEKS),
    compare,
    baseline:
      v.baseline === undefined ? 1 : wholeNumber('--baseline', v.baseline, 1, compare.length),
    paper: v.paper === undefined ? 'a4' : oneOf('--paper', v.paper, PAPERS),
    chromium: v.chromium ?? null,
    out: v.out,
    format: ext === 'pdf' ? 'pdf' : 'html',
  };
}

function resolve(cmd: ReportCommand): {
  scenario: Scenario;
  source: ScenarioSource;
  origin: string;
} {
  if (cmd.file !== null) {
    const name = cmd.file.split(/[\\/]/).pop() ?? cmd.file;
    return {
      scenario: loadScenarioFile(cmd.file),
      source: { kind: 'file', fileName: name },
      origin: shown(cmd.file),
    };
  }
  if (cmd.preset !== null && isPresetName(cmd.preset))
    return {
      scenario: PRESETS[cmd.preset](),
      source: { kind: 'preset', preset: cmd.preset },
      origin: `preset '${cmd.preset}'`,
    };
  // As `flywheel run` with neither: the built-in 'with' scenario (the same reproduce command).
  return {
    scenario: withPreset(),
    source: { kind: 'default' },
    origin: "the default scenario 'with'",
  };
}

/** The report's HTML for a command (no browser needed). */
export function buildReportHtml(cmd: ReportCommand, today: Date = new Date()): string {
  const resolved = resolve(cmd);
  const scenario = applyOverrides(
    resolved.scenario,
    { weeks: cmd.weeks, seed: cmd.seed, mode: cmd.mode },
    resolved.origin,
  );
  // One set of compiled models for the comparison and the headline (its 400 draws and break-even
  // search), on the fastest backend: every backend gives the same bits.
  const models = new CompiledModelCache(fastestBackend());
  const comparison = compareWithWithout(scenario, { models });
  // The runs compared, resolved and checked before any of them runs (a name a file lacks, a
  // broken file: an InputError naming it), then run as flywheel compare runs them.
  const settings = { weeks: cmd.weeks, seed: cmd.seed, mode: cmd.mode };
  const compared = cmd.compare.length > 0 ? resolveRuns(cmd.compare, settings) : null;
  const compareRuns = compared ? reportComparisonOf(compared, cmd.baseline, settings) : null;
  return reportHtml(
    {
      scenario,
      comparison,
      headline: computeHeadline(scenario, { models }),
      generatedOn: today.toISOString().slice(0, 10),
      reproducibility: reproducibilityOf(scenario, resolved.source, APP_VERSION),
      loopWeek: Math.min(cmd.loopWeek ?? scenario.simulation.weeks, scenario.simulation.weeks),
      scenarioText: serializeScenario(scenario),
      compareRuns,
    },
    cliStyleSources(),
  );
}

export async function reportCommand(
  args: readonly string[],
  out: (text: string) => void,
): Promise<void> {
  const cmd = parseReportArgs(args);
  if (cmd === null) {
    out(REPORT_HELP);
    return;
  }
  // Find the browser before the work, so a missing one is reported at once.
  const chromium =
    cmd.format === 'pdf'
      ? findChromium({ flag: cmd.chromium, env: process.env, platform: process.platform })
      : null;
  const html = buildReportHtml(cmd);
  // Refused before printing: a device, a FIFO or the scenario itself as the output.
  checkOutput(cmd.out);
  const bytes =
    chromium === null ? new TextEncoder().encode(html) : await printPdf(html, cmd.paper, chromium);
  writeOutputFile(cmd.out, bytes);
  out(reportWrittenText(cmd, bytes));
}

/** A file size as people read it: "812 bytes", "412 KB", "1.3 MB" (1 KB = 1,000 bytes). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1e6).toPrecision(bytes < 1e7 ? 2 : 3)} MB`;
}

/**
 * The number of pages of a PDF: the /Count of its page tree's root (the largest /Count of a
 * /Type /Pages dictionary), else the number of /Type /Page objects; null when neither is found.
 */
export function pdfPageCount(bytes: Uint8Array): number | null {
  const text = new TextDecoder('latin1').decode(bytes);
  let count: number | null = null;
  for (const m of text.matchAll(
    /<<((?:[^<>]|<(?!<)|>(?!>))*?\/Type\s*\/Pages\b(?:[^<>]|<(?!<)|>(?!>))*?)>>/g,
  )) {
    const c = /\/Count\s+(\d+)/.exec(m[1]!);
    if (c) count = Math.max(count ?? 0, Number(c[1]));
  }
  if (count !== null) return count;
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g);
  return pages ? pages.length : null;
}

/** What `flywheel report` says when the file is written: where, how large, how many pages. */
export function reportWrittenText(
  cmd: Pick<ReportCommand, 'out' | 'format' | 'paper'>,
  bytes: Uint8Array,
): string {
  const where = terminalText(resolvePath(cmd.out));
  const size = formatFileSize(bytes.length);
  if (cmd.format === 'html')
    return `Wrote the report to ${where} (HTML, ${size}, self-contained: open it in a browser).`;
  const pages = pdfPageCount(bytes);
  const pageText = pages === null ? '' : `, ${pages} ${pages === 1 ? 'page' : 'pages'}`;
  return `Wrote the report to ${where} (PDF, ${size}${pageText}, ${cmd.paper === 'a4' ? 'A4' : 'Letter'}).`;
}
