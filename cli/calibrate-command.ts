/**
 * `flywheel calibrate`: fits the status quo of a scenario to a KPI history (CSV or .xlsx) and
 * prints the estimates with their intervals and the fit statistics (text or JSON); with --out,
 * writes the calibrated scenario file (with --variant, the fit as a new variant of it). Files go through the CLI's one reader and atomic writer
 * (cli/files.ts): regular files only, never over an input.
 */
import {
  adoptCalibration,
  adoptCalibrationAsVariant,
  baseName,
  buildHistory,
  calibrate,
  CalibrationError,
  isoDate,
  metricInfos,
  prepareModel,
  PRESETS,
  readTable,
  scenarioToFile,
  serializeScenario,
  statusQuo,
  strictMapping,
  MAX_HISTORY_BYTES,
  MAX_VARIANTS,
  runNameProblem,
  type CalibrationResult,
  type Scenario,
} from '../simulation';
import { quote } from './args';
import { parseCalibrateArgs, type CalibrateCommand } from './calibrate-args';
import { CALIBRATE_HELP } from './calibrate-help';
import { InputError } from './errors';
import { checkOutput, readInputBytes, writeOutputFile } from './files';
import { loadScenarioFile } from './scenario-input';
import { shown } from './terminal';
import { APP_VERSION } from './version';

export { CALIBRATE_HELP };

export interface CalibrateIo {
  readonly out: (text: string) => void;
  readonly warn: (text: string) => void;
  readonly progress: ((text: string) => void) | null;
  readonly today?: Date;
}

/** The KPI history (a regular file of at most MAX_HISTORY_BYTES; cli/files.ts). */
function readDataFile(file: string): Uint8Array {
  return readInputBytes(file, { maxBytes: MAX_HISTORY_BYTES });
}

const num = (x: number | null): string => {
  if (x === null || !Number.isFinite(x)) return '-';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toPrecision(4);
  return Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
};
const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** The human-readable report of a calibration. */
export function calibrationText(
  result: CalibrationResult,
  data: string,
  scenarioName: string,
): string {
  const o = result.overall;
  const lines: string[] = [];
  lines.push(
    `Calibrated the status quo of '${scenarioName}' to ${data}: ${result.series.length} series, ${o.observations} figures, ${o.parameters} parameter${o.parameters === 1 ? '' : 's'} fitted`,
  );
  lines.push(
    `(weighted least squares, Levenberg-Marquardt from ${o.starts} starts, seed ${o.seed}; ${o.iterations} iterations, ${o.evaluations} model runs)`,
  );
  lines.push('');
  lines.push('Fitted parameters (approximate 95% intervals)');
  const w = Math.max(9, ...result.fitted.map((f) => f.name.length)) + 2;
  lines.push(`  ${pad('name', w)}${lpad('before', 12)}${lpad('fitted', 12)}   interval`);
  for (const f of result.fitted)
    lines.push(
      `  ${pad(f.name, w)}${lpad(num(f.before), 12)}${lpad(num(f.value), 12)}   ${
        f.identified ? `${num(f.low)} to ${num(f.high)}` : 'not identified'
      }`,
    );
  lines.push('');
  lines.push('Fit by series (Theil: UM bias, US unequal variation, UC unequal covariation)');
  const sw = Math.max(8, ...result.series.map((s) => s.metric.length)) + 2;
  lines.push(
    `  ${pad('series', sw)}${lpad('n', 5)}${lpad('R2', 8)}${lpad('MAPE', 8)}${lpad('UM', 7)}${lpad('US', 7)}${lpad('UC', 7)}`,
  );
  for (const s of result.series) {
    const t = s.statistics;
    const f2 = (x: number | null) => (x === null ? '-' : x.toFixed(2));
    lines.push(
      `  ${pad(s.metric, sw)}${lpad(String(t.n), 5)}${lpad(t.r2 === null ? '-' : t.r2.toFixed(3), 8)}${lpad(pct(t.mape), 8)}${lpad(f2(t.um), 7)}${lpad(f2(t.us), 7)}${lpad(f2(t.uc), 7)}`,
    );
  }
  if (result.correlations.length > 0) {
    lines.push('');
    lines.push('Strongly correlated estimates');
    for (const c of result.correlations) lines.push(`  ${c.a} and ${c.b}: r = ${c.r.toFixed(3)}`);
  }
  if (result.warnings.length > 0) {
    lines.push('');
    lines.push('Warnings');
    for (const wn of result.warnings) lines.push(`  ${wn}`);
  }
  return lines.join('\n');
}

/** The JSON output: meta, fitted values with intervals, statistics, the calibrated scenario file. */
export function calibrationJson(
  result: CalibrationResult,
  adopted: Scenario,
  meta: Record<string, unknown>,
): string {
  return `${JSON.stringify(
    {
      meta,
      fitted: Object.fromEntries(
        result.fitted.map((f) => [
          f.name,
          {
            value: f.value,
            low: f.low,
            high: f.high,
            before: f.before,
            standardError: f.standardError,
            identified: f.identified,
            atBound: f.atBound,
            warning: f.warning,
          },
        ]),
      ),
      statistics: {
        overall: result.overall,
        series: Object.fromEntries(
          result.series.map((s) => [
            s.metric,
            { aggregate: s.aggregate, weight: s.weight, unit: s.unit, ...s.statistics },
          ]),
        ),
        correlations: result.correlations,
      },
      warnings: result.warnings,
      scenario: scenarioToFile(adopted),
    },
    (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  )}\n`;
}

export async function calibrateCommand(args: readonly string[], io: CalibrateIo): Promise<void> {
  const cmd = parseCalibrateArgs(args);
  if (cmd === null) {
    io.out(CALIBRATE_HELP);
    return;
  }
  const scenario = cmd.file !== null ? loadScenarioFile(cmd.file) : PRESETS[cmd.preset!]();
  // A variant name the scenario cannot take is refused before the fit, not after it.
  if (cmd.variant !== null) {
    const problem = runNameProblem(scenario, cmd.variant);
    if (problem !== null) throw new InputError(`--variant ${quote(cmd.variant)}: ${problem}`);
    if ((scenario.variants?.length ?? 0) >= MAX_VARIANTS)
      throw new InputError(
        `--variant: the scenario has ${MAX_VARIANTS} variants, the most a file holds`,
      );
  }
  const read = await readTable(readDataFile(cmd.data), { sheet: cmd.sheet });
  if (!read.ok) throw new InputError(`${shown(cmd.data)}: ${read.message}`);
  // A bad --out (a device, a FIFO, an input) is refused before the fit, not after it.
  if (cmd.out !== null) checkOutput(cmd.out);
  const metrics = metricInfos(prepareModel(statusQuo(scenario), 'codegen').compiled);
  const mapping = strictMapping(read.table, metrics, {
    ...(cmd.monthly ? { monthly: cmd.monthly } : {}),
    weights: cmd.weights,
  });
  if (!mapping.ok) throw new InputError(`${shown(cmd.data)}: ${mapping.message}`);
  const built = buildHistory(
    read.table,
    { ...mapping.mapping, excludeOutliers: cmd.excludeOutliers },
    metrics,
  );
  if (!built.ok)
    throw new InputError(built.errors.map((e) => `${shown(cmd.data)}: ${e}`).join('\n'));
  const gaps = built.flags.filter((f) => f.kind === 'gap' || f.kind === 'missing');
  if (gaps.length > 0 && !cmd.allowGaps)
    throw new InputError(
      `${gaps.map((g) => `${shown(cmd.data)}: ${g.message}`).join('\n')}\n${shown(cmd.data)}: the history has gaps; fill them, or pass --allow-gaps to fit without those figures`,
    );
  for (const f of built.flags)
    if (!gaps.includes(f) || cmd.allowGaps) io.warn(`${shown(cmd.data)}: ${f.message}`);

  let result: CalibrationResult;
  try {
    result = calibrate(
      { scenario, history: built.history, fit: cmd.fit, seed: cmd.seed, starts: cmd.starts },
      {
        backend: 'codegen',
        onProgress: io.progress
          ? (p) =>
              io.progress!(
                `Calibrating: start ${p.start}/${p.starts}, ${p.evaluations} model runs, error ${p.bestError.toPrecision(4)}`,
              )
          : undefined,
      },
    );
  } catch (e) {
    if (e instanceof CalibrationError) throw new InputError(`--fit: ${e.message}`);
    throw e;
  }
  const date = isoDate(io.today);
  const source = { file: cmd.data, date, history: built.history };
  const adopted =
    cmd.variant === null
      ? adoptCalibration(scenario, result, source)
      : adoptCalibrationAsVariant(scenario, result, source, cmd.variant);
  if (cmd.out !== null) writeScenario(cmd, adopted);
  const data = baseName(cmd.data);
  if (cmd.format === 'json')
    io.out(
      calibrationJson(result, adopted, {
        appVersion: APP_VERSION,
        generatedBy: 'flywheel calibrate',
        scenarioName: scenario.name,
        data,
        frequency: built.history.frequency,
        periods: built.history.periods.length,
        date,
        seed: cmd.seed,
        starts: cmd.starts,
        fit: cmd.fit,
        weights: cmd.weights,
        out: cmd.out,
      }),
    );
  else {
    io.out(calibrationText(result, data, scenario.name));
    if (cmd.out !== null)
      io.out(
        cmd.variant === null
          ? `\nCalibrated scenario written to ${shown(cmd.out)}`
          : `\nScenario written to ${shown(cmd.out)} with the fit as its variant ${quote(cmd.variant)} (the base keeps its values)`,
      );
  }
}

function writeScenario(cmd: CalibrateCommand, scenario: Scenario): void {
  writeOutputFile(cmd.out!, serializeScenario(scenario));
}
