/** Help texts of the `flywheel` command line. */
import { MAX_DRAWS } from '../simulation/analysis/montecarlo';
import { PRESET_NAMES } from '../simulation/scenario/presets';
import { MAX_HORIZON_WEEKS } from '../simulation/scenario/limits';
import type { HelpTopic } from './args';
import { SEEK_HELP, SENSITIVITY_HELP, SWEEP_HELP } from './analysis-help';

const PROGRAM = `flywheel - Flywheel Lab's simulator of the data flywheel, with and without data products

Usage:
  flywheel run [SCENARIO.json] [options]   run a scenario and the same business without data products
  flywheel report [SCENARIO.json] --out F  write a report (F.html or F.pdf) of that comparison
  flywheel loops [SCENARIO.json]           which feedback loop drives the flywheel, week by week
  flywheel calibrate SCENARIO --data F ... fit the status quo to your KPI history (CSV or .xlsx)
  flywheel compare FILE[#NAME] ...         up to 8 runs side by side: files, variants, pinned runs
  flywheel sensitivity [SCENARIO.json]     which assumption decides it: tornado, global ranking
  flywheel sweep [SCENARIO.json] --param P a KPI over one parameter or a grid of two, break-even
  flywheel seek [SCENARIO.json] --param P  the value (or cheapest combination) that reaches a target
  flywheel validate FILE...                check scenario files
  flywheel presets [--show NAME]           list the built-in scenarios, or print one as a file
  flywheel help [COMMAND]                  help on a command (also: flywheel COMMAND --help)
  flywheel --version                       print the version

With no scenario, \`flywheel run\` compares the built-in 'with' scenario (four data products, three
AI consumers) with 'without' (every AI consumer on its own pipelines from raw siloed data).

Exit codes: 0 success, 2 bad input (file, field or flag; the message names it), 1 internal error.`;

const RUN = `Usage: flywheel run [SCENARIO.json] [options]

Runs a scenario and, when it has data products, the same business without them. On a terminal it
prints a summary: the verdict, the key results with and without data products and their
difference, and the command that reproduces them. Into a pipe or a file (--out), or with --format
json|csv, it writes the weekly series of every metric and the KPIs. With no scenario and no
--preset, runs the built-in default ('with' compared with 'without').

Options:
  --preset NAME         run a built-in scenario instead of a file: ${PRESET_NAMES.join(', ')}
  --variant NAME        run one of the file's named variants (its changes applied to the file's
                        scenario) instead of the scenario itself
  --weeks N             horizon in weeks, 1 to ${MAX_HORIZON_WEEKS} (default: the scenario's, 156 for presets)
  --seed N              random seed, 0 to 4294967295 (default: the scenario's)
  --mode MODE           'stochastic' (seeded incidents and demand noise) or 'expected' (smooth
                        expected values) (default: the scenario's)
  --runs N              Monte Carlo draws, 1 to ${MAX_DRAWS} (default 1). With N > 1, each run also carries
                        percentile bands (p5, p25, p50, p75, p95) of the main metrics per week and
                        exact percentiles of the KPIs, over seeds and the uncertain parameters
  --workers N           worker threads for Monte Carlo (default: one per core); the numbers do not
                        depend on it
  --format FORMAT       'text' (the summary; the default on a terminal), 'json' (the default
                        into a pipe or a file) or 'csv' (one row per week per run)
  -o, --out FILE        write to FILE (atomically: a complete new file or the old one) instead of
                        standard output
  -h, --help            show this help

The same scenario, seed and options give identical output. JSON output records the command that
reproduces it in meta.command.

Examples:
  flywheel run
  flywheel run --preset mesh --weeks 260 --mode expected
  flywheel run my-scenario.json --runs 1000 --format csv --out results.csv`;

const VALIDATE = `Usage: flywheel validate FILE...

Checks scenario files. For each valid file prints
  FILE: valid scenario 'NAME' (N data products, M AI consumers)
and for each invalid one lists its problems, one per line, as FILE: FIELD: what was expected.
Exit code 2 if any file is invalid.

Options:
  -h, --help            show this help`;

const PRESETS = `Usage: flywheel presets [--show NAME]

Lists the built-in scenarios with a one-line description. With --show NAME, prints the complete
scenario file of that preset (every field written out), ready to save, edit and run:
  flywheel presets --show with > my-scenario.json
  flywheel run my-scenario.json

Options:
  --show NAME           print preset NAME as a scenario file (${PRESET_NAMES.join(', ')})
  -h, --help            show this help`;

export const HELP: Readonly<Record<HelpTopic, string>> = {
  program: PROGRAM,
  run: RUN,
  validate: VALIDATE,
  presets: PRESETS,
  sensitivity: SENSITIVITY_HELP,
  sweep: SWEEP_HELP,
  seek: SEEK_HELP,
};

/** The hint printed after a usage error. */
export function helpHint(topic: HelpTopic): string {
  return topic === 'program'
    ? "Run 'flywheel --help' for usage."
    : `Run 'flywheel ${topic} --help' for usage.`;
}
