/**
 * The generated parts of docs/MODEL.md, built from the registries, the model declaration and
 * runs of the model - the one source of truth for every default, range, unit and source. Pure: no
 * file access (scripts/gen-model-docs.ts writes the file; tests/model/docs.test.ts checks it).
 *
 * Each section sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers.
 */
import {
  ANATOMY,
  ANATOMY_PARTS,
  compareWithWithout,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  KPI_INFO,
  MATURITY_FIELDS,
  PARAMETER_GROUPS,
  PARAMETERS,
  prepareModel,
  PRESETS,
  PRODUCT_FIELDS,
  withPreset,
  type FieldSpec,
  type Kpis,
  type ParameterGroup,
  type ParameterSpec,
  type PresetName,
  type Scenario,
} from '../simulation';
import { headlineTable } from './headline-docs';
import { knockoutTable } from './knockout-docs';
import { loopTable } from './loop-docs';
import { presetVerdictTable } from './preset-docs';

/** Markdown table cell: no pipes or line breaks. */
const cell = (v: string): string => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]): string => `| ${r.map(cell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number as a reader wants it: up to 4 significant digits, thousands separated, no float noise. */
export function num(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e9 && Number.isInteger(v) && v % 1e9 === 0) return `${v / 1e9} billion`;
  if (a >= 1e6 && Number.isInteger(v) && v % 1e6 === 0) return `${v / 1e6} million`;
  if (a >= 1e10 || a < 1e-4) return v.toExponential(2).replace(/\.?0+e/, 'e');
  const rounded = Number(v.toPrecision(4));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

const range = (lo: number, hi: number): string => `${num(lo)} to ${num(hi)}`;

/** The evidence range; 'MC' marks the parameters Monte Carlo draws; '-' when none is declared. */
function plausibleOf(p: ParameterSpec): string {
  const [lo, hi] = p.plausible;
  if (p.relativeSpread)
    return `value x ${num(p.relativeSpread.low)} to x ${num(p.relativeSpread.high)} (${range(lo, hi)} at the default)${p.uncertain ? ' (MC)' : ''}`;
  if (lo === p.min && hi === p.max && !p.uncertain) return '-';
  return `${range(lo, hi)}${p.uncertain ? ' (MC)' : ''}`;
}

function parameterTables(): string {
  const groups = Object.keys(PARAMETER_GROUPS) as ParameterGroup[];
  return groups
    .map((g) => {
      const rows = PARAMETERS.filter((p) => p.group === g).map((p) => [
        `\`${p.name}\``,
        `**${p.label}.** ${p.description}`,
        num(p.default),
        p.unit,
        range(p.min, p.max),
        plausibleOf(p),
        p.source,
        p.grade,
      ]);
      return `#### ${PARAMETER_GROUPS[g]}\n\n${table(['Name', 'Meaning', 'Default', 'Unit', 'Valid range', 'Plausible range', 'Source or reasoning', 'Grade'], rows)}`;
    })
    .join('\n\n');
}

/** How Monte Carlo draws an entity field around a scenario's value, and why. */
function spreadOf(f: FieldSpec): string {
  const sp = f.spread;
  if (!f.uncertain || !sp) return 'fixed (a choice, not an estimate)';
  const around =
    sp.kind === 'absolute'
      ? sp.minus === sp.plus
        ? `value ± ${num(sp.plus)}`
        : `value - ${num(sp.minus)} to + ${num(sp.plus)}`
      : `value x ${num(sp.low)} to x ${num(sp.high)}`;
  return `${around}, triangular, within the valid range (MC). ${f.spreadSource ?? ''}`.trim();
}

function fieldTable(fields: Record<string, FieldSpec>): string {
  return table(
    [
      'Field',
      'Meaning',
      'Default',
      'Unit',
      'Valid range',
      'Uncertainty (Monte Carlo)',
      'Source or reasoning',
      'Grade',
    ],
    Object.values(fields).map((f) => [
      `\`${f.name}\``,
      `**${f.label}.** ${f.description}`,
      num(f.default),
      f.unit,
      range(f.min, f.max),
      spreadOf(f),
      f.source,
      f.grade,
    ]),
  );
}

function anatomyTable(): string {
  return table(
    ['Part', 'The seed says', 'What its maturity does in the model'],
    ANATOMY_PARTS.map((p) => [
      `**${ANATOMY[p].label}** (\`${p}\`)`,
      ANATOMY[p].seed,
      ANATOMY[p].mechanism,
    ]),
  );
}

function entityTables(): string {
  return [
    `#### Every data product (and the own-pipeline template)\n\nThe eight maturities (0 = absent, 1 = best practice):\n\n${fieldTable(MATURITY_FIELDS)}`,
    `Build and run:\n\n${fieldTable(PRODUCT_FIELDS)}`,
    `#### Every AI consumer\n\n${fieldTable(CONSUMER_FIELDS)}`,
    `Impact profile (the consumer's effect on each experience lever at full performance and adoption):\n\n${fieldTable(IMPACT_FIELDS)}`,
  ].join('\n\n');
}

function presetTables(): string {
  const s = withPreset();
  const products = table(
    [
      'Data product',
      'Domain',
      ...ANATOMY_PARTS.map((p) => ANATOMY[p].label),
      'Build weeks',
      'Build cost (usd)',
      'Run cost (usd/week)',
      'Starts (week)',
    ],
    s.dataProducts.map((p) => [
      `${p.name} (\`${p.id}\`)`,
      p.domain,
      ...ANATOMY_PARTS.map((a) => num(p.maturity[a])),
      num(p.buildWeeks),
      num(p.buildCostUsd),
      num(p.runCostUsdPerWeek),
      num(p.startWeek),
    ]),
  );
  const own = table(
    [
      'Own pipeline (template)',
      ...ANATOMY_PARTS.map((p) => ANATOMY[p].label),
      'Build weeks',
      'Build cost (usd)',
      'Run cost (usd/week)',
    ],
    [
      [
        "every consumer's own pipeline",
        ...ANATOMY_PARTS.map((a) => num(s.ownPipeline.maturity[a])),
        num(s.ownPipeline.buildWeeks),
        num(s.ownPipeline.buildCostUsd),
        num(s.ownPipeline.runCostUsdPerWeek),
      ],
    ],
  );
  const consumers = table(
    [
      'AI consumer',
      'Uses',
      'Starts (week)',
      'Dev weeks',
      'Dev cost (usd)',
      'Run cost (usd/week)',
      ...IMPACT_LEVERS.map((l) => IMPACT_FIELDS[l].label),
    ],
    s.aiConsumers.map((c) => [
      `${c.name} (\`${c.id}\`)`,
      c.uses.join(', '),
      num(c.startWeek),
      num(c.devWeeks),
      num(c.devCostUsd),
      num(c.runCostUsdPerWeek),
      ...IMPACT_LEVERS.map((l) => num(c.impact[l])),
    ]),
  );
  return [`\`with\` - ${s.description}`, products, own, consumers].join('\n\n');
}

/**
 * Every variable the model declares, for a scenario with one product and one consumer that also
 * has one own pipeline; entity ids are shown as `<product>` and `<consumer>`.
 */
function variableIndex(): string {
  const base = withPreset();
  const s: Scenario = {
    ...base,
    dataProducts: [base.dataProducts[0]!],
    aiConsumers: [{ ...base.aiConsumers[0]!, uses: [base.dataProducts[0]!.id], ownPipelines: 1 }],
  };
  const m = prepareModel(s).compiled;
  const pid = s.dataProducts[0]!.id;
  const cid = s.aiConsumers[0]!.id;
  const general = (name: string): string =>
    name
      .split(`dataProduct.${pid}`)
      .join('dataProduct.<product>')
      .split(`aiConsumer.${cid}`)
      .join('aiConsumer.<consumer>');
  const label = (t: string): string =>
    t
      .split(s.dataProducts[0]!.name)
      .join('the product')
      .split(s.aiConsumers[0]!.name)
      .join('the consumer');
  const rows = m.variables
    .filter((v) => v.decl && v.kind !== 'parameter')
    .map((v) => [
      `\`${general(v.name)}\``,
      v.kind,
      v.unit,
      label(v.decl!.description),
      v.decl!.metric ? 'yes' : '',
    ]);
  return table(['Variable', 'Kind', 'Unit', 'Meaning', 'Metric'], rows);
}

function kpiTable(): string {
  return table(
    ['KPI', 'Label', 'Unit'],
    (Object.keys(KPI_INFO) as (keyof Kpis)[]).map((k) => [
      `\`${k}\``,
      KPI_INFO[k].label,
      KPI_INFO[k].unit,
    ]),
  );
}

const expectedMode = (s: Scenario, stepWeeks = s.simulation.stepWeeks): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected', stepWeeks },
});

const SHOWN_KPIS: readonly (keyof Kpis)[] = [
  'finalActiveUsers',
  'cumulativeRevenueUsd',
  'cumulativeNetValueUsd',
  'cumulativeSpendingUsd',
  'netValueVsStatusQuoUsd',
  'paybackWeek',
  'firstAiDeploymentWeek',
  'selfSustainingWeek',
  'finalAiPerformance',
  'finalExperienceIndex',
  'finalDataQuality',
  'finalTrust',
  'totalIncidents',
  'finalFlywheelMomentum',
];

const kpiValue = (v: number | null): string => (v === null ? 'not reached' : num(v));

function defaultResults(): string {
  const withC = compareWithWithout(expectedMode(PRESETS.with()));
  const meshC = compareWithWithout(expectedMode(PRESETS.mesh()));
  // The comparison's second run is the `without` preset (the same business without products).
  const columns = [withC.runs[0]!.kpis, withC.runs[1]!.kpis, meshC.runs[0]!.kpis];
  const difference = (k: keyof Kpis): string => {
    const d = withC.differences![k];
    return d === null ? '-' : num(d);
  };
  const rows = SHOWN_KPIS.map((k) => [
    KPI_INFO[k].label,
    ...columns.map((c) => kpiValue(c[k])),
    difference(k),
  ]);
  return table(
    ['KPI (156 weeks, expected values)', '`with`', '`without`', '`mesh`', '`with` minus `without`'],
    rows,
  );
}

/** Step halving: largest relative change of the level KPIs and the with-minus-without gap. */
function stepHalvingTable(): string {
  const steps = [1, 0.5, 0.25];
  const level: readonly (keyof Kpis)[] = [
    'finalActiveUsers',
    'cumulativeRevenueUsd',
    'cumulativeNetValueUsd',
    'cumulativeSpendingUsd',
    'netValueVsStatusQuoUsd',
    'finalAiPerformance',
    'finalTrust',
    'finalDataQuality',
  ];
  const rows: string[][] = [];
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    const cs = steps.map((dt) => compareWithWithout(expectedMode(PRESETS[name](), dt)));
    for (let i = 1; i < steps.length; i++) {
      const row = [`\`${name}\``, `${steps[i - 1]} -> ${steps[i]}`];
      for (const k of level) {
        let worst = 0;
        cs[i]!.runs.forEach((r, j) => {
          const a = cs[i - 1]!.runs[j]!.kpis[k] as number;
          const b = r.kpis[k] as number;
          const size = Math.max(Math.abs(a), Math.abs(b));
          worst = Math.max(worst, size === 0 ? 0 : Math.abs(a - b) / size);
        });
        row.push(`${(worst * 100).toFixed(3)}%`);
      }
      const ga = cs[i - 1]!.differences?.cumulativeNetValueUsd;
      const gb = cs[i]!.differences?.cumulativeNetValueUsd;
      row.push(
        ga != null && gb != null
          ? `${((Math.abs(ga - gb) / Math.abs(ga)) * 100).toFixed(3)}%`
          : 'n/a',
      );
      const pb = cs.map((c) => c.runs[0]!.kpis.paybackWeek);
      row.push(`${kpiValue(pb[i - 1]!)} -> ${kpiValue(pb[i]!)}`);
      rows.push(row);
    }
  }
  return table(
    [
      'Preset',
      'Step (weeks)',
      ...level.map((k) => KPI_INFO[k].label),
      'With-minus-without gap',
      'Payback week',
    ],
    rows,
  );
}

/** Generated sections by marker name. */
export function generatedSections(): Record<string, string> {
  return {
    parameters: parameterTables(),
    anatomy: anatomyTable(),
    'entity-fields': entityTables(),
    presets: presetTables(),
    variables: variableIndex(),
    kpis: kpiTable(),
    'default-results': defaultResults(),
    'step-halving': stepHalvingTable(),
    loops: loopTable(),
    'loop-knockouts': knockoutTable(),
    'preset-verdicts': presetVerdictTable(),
    headline: headlineTable(),
  };
}

const marker = (name: string): RegExp =>
  new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);

/** The document with every generated section replaced; throws if a section's markers are missing. */
export function updateModelDoc(text: string, sections = generatedSections()): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = marker(name);
    if (!re.test(out))
      throw new Error(
        `docs/MODEL.md has no <!-- generated:${name} --> ... <!-- /generated:${name} --> section`,
      );
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}
