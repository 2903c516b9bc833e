/** Help texts of `flywheel sensitivity`, `flywheel sweep` and `flywheel seek`. */
import { KPI_KEYS, MAX_DRAWS } from '../simulation/analysis/montecarlo';
import { MAX_SWEEP_STEPS } from '../simulation/analysis/sweep';
import { PRESET_NAMES } from '../simulation/scenario/presets';
import { MAX_HORIZON_WEEKS } from '../simulation/scenario/limits';
import { DEFAULT_KPI, DEFAULT_SWEEP_STEPS, DEFAULT_TOP } from './analysis-args';
import { wrap } from './summary';

const KPIS = wrap(
  `KPIs are the keys of \`flywheel run\`'s kpis: ${KPI_KEYS.join(', ')} (and overtakeWeek with --difference). They refer to the scenario's own run, or with --difference to the scenario minus the same business without data products.`,
  96,
).join('\n');

const PARAMS = `Parameters are the model's names from the assumption catalogue: baseChurnPerWeek,
dataProduct.customer-360.maturity.quality, aiConsumer.product-recommendations.impact.basket,
ownPipelineTemplate.maturity.quality, ... A * stands for one whole segment:
dataProduct.*.maturity.quality sets every product's quality to the same value. Ranges default to
the plausible range and must lie inside the valid range.`;

const RUN_OPTIONS = `  --preset NAME         a built-in scenario instead of a file: ${PRESET_NAMES.join(', ')}
  --variant NAME        a named variant of the scenario file instead of its base scenario
  --weeks N             horizon in weeks, 1 to ${MAX_HORIZON_WEEKS} (default: the scenario's)
  --seed N              random seed (default: the scenario's; every run of the analysis uses it)
  --mode MODE           'stochastic' or 'expected' (smooth curves) (default: the scenario's)
  --format FORMAT       'text' (default on a terminal), 'json' (default into a pipe or a file)
                        or 'csv'; JSON has meta (with meta.command), settings and results
  -o, --out FILE        write to FILE (atomically) instead of standard output
  --workers N           worker threads (default: one per core); the numbers do not depend on it
  -h, --help            show this help`;

export const SENSITIVITY_HELP = `Usage: flywheel sensitivity [SCENARIO.json] [options]

Which assumption decides it: a tornado (each assumption moved alone over its plausible range,
the others as they are, ranked by how far that swings the KPI) and, with --runs N, a global
ranking from N Monte Carlo draws (every uncertain assumption varying at once: standardised rank
regression coefficients, first-order shares, and the share they leave to interactions).

Options:
  --kpi NAME            the KPI (default ${DEFAULT_KPI})
  --difference          the KPI of the scenario minus the same business without data products
  --param NAME          vary only these (repeat; names or * patterns; default: every assumption)
  --relative F          move each value by +-F of itself (0.2: +-20%) instead of its plausible
                        range, within its valid range
  --runs N              also the global ranking over N Monte Carlo draws, 2 to ${MAX_DRAWS}
  --top N               rows shown in text (default ${DEFAULT_TOP}; JSON and CSV have all)
${RUN_OPTIONS}

${KPIS}

${PARAMS}

Examples:
  flywheel sensitivity --kpi cumulativeNetValueUsd --difference
  flywheel sensitivity --preset mesh --kpi paybackWeek --relative 0.2 --top 10
  flywheel sensitivity my.json --difference --runs 2000 --format csv --out ranking.csv`;

export const SWEEP_HELP = `Usage: flywheel sweep [SCENARIO.json] --param NAME[=FROM:TO] [--param NAME[=FROM:TO]] [options]

One parameter: the KPI of the scenario and of the same business without data products over the
range, and where the two cross (the break-even, located to a millionth of the range). Two
parameters: a grid of the KPI with the break-even line (where scenario and without are equal).

Options:
  --param NAME[=FROM:TO]  the parameter and its range (once for a sweep, twice for a grid)
  --steps N             intervals per parameter, 1 to ${MAX_SWEEP_STEPS} (default ${DEFAULT_SWEEP_STEPS}: 21 values)
  --kpi NAME            the KPI (default ${DEFAULT_KPI})
  --difference          show the difference (scenario minus without) as the grid's values
  --level V             a grid only: also the contour where the KPI equals V (repeat)
${RUN_OPTIONS}

${KPIS}

${PARAMS}

Examples:
  flywheel sweep --param 'dataProduct.*.maturity.*=0:1' --kpi cumulativeNetValueUsd
  flywheel sweep --param 'dataProduct.*.maturity.*=0:1' --param 'ownPipelineTemplate.maturity.*=0:1' \\
    --difference --steps 20 --format json --out grid.json
  flywheel sweep --preset mesh --param baseChurnPerWeek --kpi paybackWeek --mode expected`;

export const SEEK_HELP = `Usage: flywheel seek [SCENARIO.json] --param NAME[=FROM:TO] --kpi NAME --target VALUE [options]

What must be true: the value of a parameter that makes a KPI reach a target (by the horizon, or
by week W), found by bracketed root finding to a millionth of the range. Reaching means at
least the target, or at most for weeks, spending and incidents. With two or three --param, the
cheapest combination that reaches it (the smallest total change, or --cost KPI), by a bounded,
deterministic global search (DIRECT). A target that cannot be reached in the range is reported
with the closest value found, and the exit code is 2.

Options:
  --param NAME[=FROM:TO]  the parameter to change and where to look (repeat up to 3 times)
  --kpi NAME            the KPI to reach (required)
  --target VALUE        the value it must reach (required; dollars, weeks, fractions as numbers)
  --week W              by week W: runs end at week W (the same as --weeks W)
  --difference          the KPI of the scenario minus the same business without data products
  --cost NAME           with several --param: minimise this KPI of the scenario (for example
                        cumulativeSpendingUsd) instead of the total change
${RUN_OPTIONS}

${KPIS}

${PARAMS}

Examples:
  flywheel seek --param 'dataProduct.*.maturity.*=0:1' --kpi cumulativeNetValueUsd --difference --target 0
  flywheel seek --param ownPipelineTemplate.maturity.quality --kpi paybackWeek --target 52 --week 104
  flywheel seek --param 'dataProduct.*.maturity.quality' --param baseConversion \\
    --kpi paybackWeek --target 60 --mode expected`;
