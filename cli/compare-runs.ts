/**
 * The runs of `flywheel compare`: each argument is a scenario file (its base) or FILE#NAME (one
 * of its variants or pinned runs), resolved, checked (a broken file, a name it does not have, a
 * variant whose changes no longer apply: an InputError naming it), given the settings imposed on
 * all runs, and run side by side (runScenarios: one engine run per run, status quo runs shared).
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CompiledModelCache } from '../simulation/analysis/model-cache';
import { runScenarios, type ManyRuns } from '../simulation/analysis/runs';
import { describeDifferences } from '../simulation/scenario/describe-changes';
import { MAX_COMPARED_RUNS } from '../simulation/scenario/limits';
import type { Scenario } from '../simulation/scenario/types';
import { findRunByName, resolveRun, runNamesOf } from '../simulation/scenario/variants';
import {
  compareCommandFor,
  type CompareSettings,
  type CompareSource,
} from '../renderer/report/reproduce';
import type { ReportComparison } from '../renderer/report/CompareSection';
import { reportRunColor } from '../renderer/compare/palette';
import { quote } from './args';
import { InputError } from './errors';
import { applyOverrides } from './run';
import { loadScenarioFile } from './scenario-input';
import { shown } from './terminal';

export interface CompareRun {
  /** The argument as given. */
  readonly arg: string;
  readonly source: CompareSource;
  /** Short name for tables: the variant's or pinned run's name, or the file's name. */
  readonly label: string;
  readonly kind: 'base' | 'variant' | 'pin';
  readonly scenario: Scenario;
}

const isFile = (path: string): boolean => {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Splits FILE#NAME: the whole argument when it is a file; else the longest part before a `#` that
 * is a file (names and file names may hold `#`); else at the first `#`.
 */
export function splitRunArg(
  arg: string,
  exists: (path: string) => boolean = isFile,
): CompareSource {
  if (exists(arg)) return { fileName: arg, name: null };
  for (let i = arg.lastIndexOf('#'); i > 0; i = arg.lastIndexOf('#', i - 1))
    if (exists(arg.slice(0, i))) return { fileName: arg.slice(0, i), name: arg.slice(i + 1) };
  const at = arg.indexOf('#');
  return at < 0
    ? { fileName: arg, name: null }
    : { fileName: arg.slice(0, at), name: arg.slice(at + 1) };
}

const stem = (file: string): string =>
  basename(file).replace(/\.flywheel\.json$|\.json$/i, '') || file;

/** Resolves every argument to a scenario (files read once each). */
export function resolveRuns(args: readonly string[], settings: CompareSettings): CompareRun[] {
  if (args.length < 2)
    throw new InputError(
      `flywheel compare: expected at least two runs to compare, got ${args.length}`,
    );
  if (args.length > MAX_COMPARED_RUNS)
    throw new InputError(
      `flywheel compare: at most ${MAX_COMPARED_RUNS} runs side by side, got ${args.length}; leave some out`,
    );
  const docs = new Map<string, Scenario>();
  const seen = new Set<string>();
  const runs = args.map((arg): CompareRun => {
    const source = splitRunArg(arg);
    if (source.name === '')
      throw new InputError(`${quote(arg)}: expected a variant or pinned run name after '#'`);
    let doc = docs.get(source.fileName);
    if (!doc) {
      doc = loadScenarioFile(source.fileName);
      docs.set(source.fileName, doc);
    }
    const ref = source.name === null ? { kind: 'base' as const } : findRunByName(doc, source.name);
    if (ref === null) {
      const names = runNamesOf(doc);
      throw new InputError(
        `${shown(source.fileName)}: no variant or pinned run named ${quote(source.name!)} (${names.length === 0 ? 'the file has none' : `it has ${names.map(quote).join(', ')}`})`,
      );
    }
    const key = `${source.fileName}\u0000${ref.kind}\u0000${ref.kind === 'base' ? '' : ref.name}`;
    if (seen.has(key)) throw new InputError(`${quote(arg)}: this run is listed twice`);
    seen.add(key);
    const resolved = resolveRun(doc, ref)!;
    if (resolved.problems.length > 0)
      throw new InputError(
        [
          `${shown(source.fileName)}: variant ${quote(resolved.label)} does not apply to its base:`,
          ...resolved.problems.slice(0, 10).map((p) => `  ${p}`),
        ].join('\n'),
      );
    const named = ref.kind === 'base' ? source : { ...source, name: resolved.label };
    return {
      arg,
      source: named,
      label: ref.kind === 'base' ? stem(source.fileName) : resolved.label,
      kind: ref.kind,
      scenario: applyOverrides(
        resolved.scenario,
        { weeks: settings.weeks ?? null, seed: settings.seed ?? null, mode: settings.mode ?? null },
        arg,
      ),
    };
  });
  // Labels name runs in tables: the same label twice (two files' "as is") gets its file.
  return runs.map((r) =>
    runs.filter((o) => o.label.toLowerCase() === r.label.toLowerCase()).length > 1
      ? {
          ...r,
          label:
            r.source.name === null
              ? basename(r.source.fileName)
              : `${stem(r.source.fileName)}#${r.label}`,
        }
      : r,
  );
}

export interface ComparedRuns extends ManyRuns {
  readonly compared: readonly CompareRun[];
  /** What each run changes against the baseline's scenario, in words. */
  readonly changes: readonly (readonly string[])[];
}

export function runComparison(compared: readonly CompareRun[], baseline: number): ComparedRuns {
  const many = runScenarios(
    compared.map((r) => ({ name: r.label, scenario: r.scenario })),
    { models: new CompiledModelCache('codegen') },
  );
  const base = compared[baseline]!.scenario;
  return {
    ...many,
    compared,
    changes: compared.map((r, i) => (i === baseline ? [] : describeDifferences(base, r.scenario))),
  };
}

const KIND_WORDS = { base: 'the scenario', variant: 'variant', pin: 'pinned run' } as const;

/**
 * The report's comparison of runs (`flywheel report --compare`): the runs as `flywheel compare`
 * runs them, and the `flywheel compare` command that prints the same table.
 */
export function reportComparisonOf(
  compared: readonly CompareRun[],
  baseline1: number,
  settings: CompareSettings,
): ReportComparison {
  const result = runComparison(compared, baseline1 - 1);
  return {
    runs: compared.map((r, i) => ({
      id: `run-${i + 1}`,
      label: r.label,
      kind: KIND_WORDS[r.kind],
      color: reportRunColor(i),
      run: result.runs[i]!,
    })),
    baseline: baseline1 - 1,
    command: compareCommandFor(
      compared.map((r) => r.source),
      baseline1,
      settings,
    ),
    caveat: null,
  };
}
