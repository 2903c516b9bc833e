/**
 * The contents of the five step cards at one point of a run: the seed's sub-items with their live
 * values, the data products (or the consumers' siloed own pipelines), the AI consumers, and the
 * experience and data gains as changes against the start of the run.
 */
import type { ScenarioRun } from '../../simulation';
import {
  formatCount,
  formatPercent,
  formatPointChange,
  formatRelativeChange,
  formatUsd,
  toneOfChange,
} from './format';
import { readerOf, type RunReader } from './read';
import { structureOf, type ConsumerInfo, type RunStructure } from './structure';
import type { ItemStatus, LoopCell, LoopItem, LoopStep, Tone } from './types';

const STATUS_WORDS: Record<ItemStatus, string> = {
  live: 'live',
  building: 'building',
  planned: 'planned',
  deployed: 'deployed',
  developing: 'in development',
  waiting: 'waiting for data',
  'not-started': 'not started',
};

const STATUS_SHORT: Record<ItemStatus, string> = {
  ...STATUS_WORDS,
  developing: 'in dev',
  waiting: 'no data',
};

export function statusWords(status: ItemStatus): string {
  return STATUS_WORDS[status];
}

const cell = (text: string, tone: Tone = 'neutral'): LoopCell => ({ text, tone });

function item(
  id: string,
  label: string,
  cells: LoopCell[],
  description: string,
  extra: Partial<Pick<LoopItem, 'group' | 'status' | 'silos'>> = {},
): LoopItem {
  return {
    id,
    label,
    group: extra.group ?? null,
    cells,
    status: extra.status ?? null,
    silos: extra.silos ?? 0,
    description,
  };
}

function step(
  base: Omit<LoopStep, 'description' | 'headlineTone' | 'note'> & {
    headlineTone?: Tone;
    note?: string | null;
  },
): LoopStep {
  const rows = base.items.map((i) => i.description).join('; ');
  const note = base.note ?? null;
  return {
    ...base,
    headlineTone: base.headlineTone ?? 'neutral',
    note,
    description: `Step ${base.number}, ${base.title}: ${base.headline}.${rows ? ` ${rows}.` : ''}${
      note ? ` ${note}.` : ''
    }`,
  };
}

/** A metric row with its value now and its change against point 0. */
function changeRow(
  r: RunReader,
  k: number,
  spec: {
    id: string;
    group: string | null;
    label: string;
    name: string;
    format: (v: number) => string;
    upIsGood: boolean;
    points?: boolean;
    value?: (r: RunReader, k: number) => number;
  },
): LoopItem {
  const value = spec.value ?? ((rr: RunReader, kk: number) => rr.at(spec.name, kk));
  const now = value(r, k);
  const start = value(r, 0);
  const change = spec.points ? formatPointChange(now, start) : formatRelativeChange(now, start);
  const tone = toneOfChange(now, start, spec.upIsGood);
  return item(
    spec.id,
    spec.label,
    [cell(spec.format(now)), cell(change, tone)],
    `${spec.label} ${spec.format(now)} (${change} since week 0)`,
    spec.group === null ? {} : { group: spec.group },
  );
}

function activityStep(r: RunReader, k: number): LoopStep {
  const row = (id: string, label: string, name: string, unit: string): LoopItem => {
    const text = `${formatCount(r.at(name, k))} ${unit}/wk`;
    return item(id, label, [cell(text)], `${label}: ${text}`);
  };
  const users = r.at('activeUsers', k);
  return step({
    id: 'activity',
    number: 1,
    title: 'User activity',
    headline: `${formatCount(users)} active users`,
    headlineTone: toneOfChange(users, r.at('activeUsers', 0), true, 0.002),
    columns: [],
    items: [
      row('browse', 'Browse', 'sessions', 'sessions'),
      row('search', 'Search', 'searches', 'searches'),
      row('buy', 'Buy', 'orders', 'orders'),
    ],
    note: 'Raw event data is generated',
  });
}

function sourceStatus(r: RunReader, prefix: string, k: number): ItemStatus {
  if (r.at(`${prefix}.live`, k) > 0) return 'live';
  if (r.at(`${prefix}.building`, k) > 0) return 'building';
  return 'planned';
}

/** Quality, trust and availability cells of live sources (means when several). */
function healthCells(r: RunReader, prefixes: readonly string[], k: number): LoopCell[] {
  const live = prefixes.filter((p) => r.at(`${p}.live`, k) > 0);
  const mean = (v: string): number =>
    live.reduce((a, p) => a + r.at(`${p}.${v}`, k), 0) / Math.max(1, live.length);
  const quality = mean('quality');
  const trust = mean('trust');
  const availability = mean('availability');
  return [
    cell(formatPercent(quality), quality >= 0.7 ? 'good' : quality < 0.5 ? 'bad' : 'neutral'),
    cell(formatPercent(trust), trust >= 0.5 ? 'good' : trust < 0.3 ? 'bad' : 'neutral'),
    cell(formatPercent(availability), availability >= 0.98 ? 'neutral' : 'bad'),
  ];
}

function healthWords(cells: readonly LoopCell[]): string {
  return `quality ${cells[0]?.text}, trust ${cells[1]?.text}, availability ${cells[2]?.text}`;
}

function productsStep(r: RunReader, s: RunStructure, k: number): LoopStep {
  const items: LoopItem[] = s.products.map((p) => {
    const status = sourceStatus(r, p.prefix, k);
    if (status !== 'live') {
      const liveWeek = r.at(`${p.prefix}.liveWeek`, k);
      const text = `${status === 'building' ? 'building' : 'queued'} · wk ${Math.ceil(liveWeek)}`;
      const words = `${STATUS_WORDS[status]}, live in week ${Math.ceil(liveWeek)}`;
      return item(p.id, p.name, [cell(text)], `${p.name}: ${words}`, { status });
    }
    const cells = healthCells(r, [p.prefix], k);
    return item(p.id, p.name, cells, `${p.name}: live, ${healthWords(cells)}`, { status });
  });
  const silos = s.consumers.filter((c) => c.ownPipelinePrefixes.length > 0);
  if (items.length + silos.length <= MAX_SOURCE_ROWS) {
    for (const c of silos) items.push(ownPipelinesItem(r, c, k));
  } else if (silos.length > 0) {
    items.push(allOwnPipelinesItem(r, silos, k));
  }
  const liveProducts = s.products.filter((p) => r.at(`${p.prefix}.live`, k) > 0).length;
  const pipelines = silos.reduce((a, c) => a + c.ownPipelinePrefixes.length, 0);
  const quality = r.at('meanSourceQuality', k);
  const headline =
    s.products.length > 0
      ? `${liveProducts} of ${s.products.length} live`
      : pipelines > 0
        ? 'Siloed pipelines'
        : 'No data sources';
  const siloNote =
    pipelines > 0
      ? `${pipelines} siloed pipeline${pipelines === 1 ? '' : 's'} from raw data`
      : s.products.length === 0
        ? 'Add a data product to feed the AI'
        : null;
  return step({
    id: 'products',
    number: 2,
    title: 'Create data products',
    headline: quality > 0 ? `${headline} · quality ${formatPercent(quality)}` : headline,
    headlineTone: s.products.length === 0 ? 'bad' : 'neutral',
    columns: items.length > 0 ? ['quality', 'trust', 'avail.'] : [],
    items,
    note: siloNote,
  });
}

/** More rows than this and the own pipelines are summed up in one row. */
const MAX_SOURCE_ROWS = 9;

function allOwnPipelinesItem(r: RunReader, silos: readonly ConsumerInfo[], k: number): LoopItem {
  const prefixes = silos.flatMap((c) => c.ownPipelinePrefixes);
  const label = `Own pipelines of ${silos.length} AI`;
  const live = prefixes.some((p) => r.at(`${p}.live`, k) > 0);
  const cells = live ? healthCells(r, prefixes, k) : [cell('not live yet')];
  const words = live ? healthWords(cells) : 'not live yet';
  return item(
    'own-pipelines',
    label,
    cells,
    `${prefixes.length} own pipelines of ${silos.length} AI consumers from raw siloed data: ${words}`,
    { status: live ? 'live' : 'planned', silos: prefixes.length },
  );
}

function ownPipelinesItem(r: RunReader, c: ConsumerInfo, k: number): LoopItem {
  const prefixes = c.ownPipelinePrefixes;
  const live = prefixes.filter((p) => r.at(`${p}.live`, k) > 0).length;
  const n = prefixes.length;
  const label = `${c.name} (own)`;
  if (live === 0) {
    const building = prefixes.some((p) => r.at(`${p}.building`, k) > 0);
    const status: ItemStatus = building ? 'building' : 'planned';
    const text = `${n} silo${n === 1 ? '' : 's'} ${status}`;
    return item(`${c.id}.own`, label, [cell(text)], `${c.name} own pipelines: ${text}`, {
      status,
      silos: n,
    });
  }
  const cells = healthCells(r, prefixes, k);
  return item(
    `${c.id}.own`,
    label,
    cells,
    `${c.name} on ${n} own pipeline${n === 1 ? '' : 's'} from raw siloed data: ${healthWords(cells)}`,
    { status: 'live', silos: n },
  );
}

function consumerStatus(r: RunReader, c: ConsumerInfo, k: number): ItemStatus {
  if (r.at(`${c.prefix}.deployed`, k) > 0) return 'deployed';
  if (r.at(`${c.prefix}.developing`, k) > 0) return 'developing';
  const start = r.at(`${c.prefix}.startWeek`, k);
  return r.run.series.time[k]! < start ? 'not-started' : 'waiting';
}

function consumersStep(r: RunReader, s: RunStructure, k: number): LoopStep {
  const items = s.consumers.map((c) => {
    const status = consumerStatus(r, c, k);
    if (status !== 'deployed') {
      const deployWeek = r.at(`${c.prefix}.deployWeek`, k);
      const text = `${STATUS_SHORT[status]} · wk ${Math.ceil(deployWeek)}`;
      return item(
        c.id,
        c.name,
        [cell(text)],
        `${c.name}: ${STATUS_WORDS[status]}, deploys in week ${Math.ceil(deployWeek)}`,
        {
          status,
        },
      );
    }
    const performance = r.at(`${c.prefix}.performance`, k);
    const adoption = r.at(`${c.prefix}.adoption`, k);
    const cells = [
      cell(
        formatPercent(performance),
        performance >= 0.5 ? 'good' : performance < 0.3 ? 'bad' : 'neutral',
      ),
      cell(formatPercent(adoption), adoption >= 0.5 ? 'good' : adoption < 0.3 ? 'bad' : 'neutral'),
    ];
    return item(
      c.id,
      c.name,
      cells,
      `${c.name}: deployed, performance ${cells[0]!.text}, adoption ${cells[1]!.text}`,
      { status },
    );
  });
  const deployed = items.filter((i) => i.status === 'deployed').length;
  const impact = r.at('meanAiImpact', k);
  return step({
    id: 'consumers',
    number: 3,
    title: 'AI consumes them',
    headline:
      s.consumers.length === 0
        ? 'No AI consumers'
        : `${deployed} of ${s.consumers.length} deployed · impact ${formatPercent(impact)}`,
    columns: items.length > 0 ? ['perf.', 'adoption'] : [],
    items,
    note: s.consumers.length === 0 ? 'Add an AI consumer to use the data' : null,
  });
}

function experienceStep(r: RunReader, k: number): LoopStep {
  const index = r.at('experienceIndex', k);
  const pct1 = (v: number): string => formatPercent(v, 1);
  return step({
    id: 'experience',
    number: 4,
    title: 'Better experience',
    headline: `${formatRelativeChange(index, r.at('experienceIndex', 0))} spend per user`,
    headlineTone: toneOfChange(index, r.at('experienceIndex', 0), true),
    columns: ['now', 'vs wk 0'],
    items: [
      changeRow(r, k, {
        id: 'search-success',
        group: 'Find products faster',
        label: 'Search success',
        name: 'searchSuccess',
        format: pct1,
        upIsGood: true,
        points: true,
      }),
      changeRow(r, k, {
        id: 'conversion',
        group: 'Buy more',
        label: 'Conversion',
        name: 'conversionRate',
        format: (v) => formatPercent(v, 2),
        upIsGood: true,
      }),
      changeRow(r, k, {
        id: 'basket',
        group: 'Buy more',
        label: 'Basket',
        name: 'averageOrderValue',
        format: formatUsd,
        upIsGood: true,
      }),
      changeRow(r, k, {
        id: 'churn',
        group: 'Stay longer',
        label: 'Churn',
        name: 'churnRate',
        format: (v) => `${formatPercent(v, 2)}/wk`,
        upIsGood: false,
      }),
      changeRow(r, k, {
        id: 'sessions-per-user',
        group: 'Stay longer',
        label: 'Visits/user',
        name: 'sessionsPerUser',
        format: (v) => `${v.toFixed(2)}/wk`,
        upIsGood: true,
      }),
    ],
  });
}

/** "+6.4%" / "−2.4%": the loop's momentum, always signed. */
export function formatMomentum(momentum: number): string {
  const text = formatPercent(momentum, 1);
  if (text === '0.0%' || text === '\u22120.0%') return '±0.0%';
  return /^\d/.test(text) ? `+${text}` : text;
}

export function momentumTone(momentum: number): Tone {
  return Math.abs(momentum) < 0.0005 ? 'neutral' : momentum > 0 ? 'good' : 'bad';
}

function dataStep(r: RunReader, k: number): LoopStep {
  const momentum = r.at('flywheelMomentum', k);
  const momentumText = formatMomentum(momentum);
  const fresh = r.at('freshEvents', k);
  return step({
    id: 'data',
    number: 5,
    title: 'More data',
    headline: `${formatCount(fresh)} fresh events`,
    headlineTone: toneOfChange(fresh, r.at('freshEvents', 0), true, 0.002),
    columns: ['now', 'vs wk 0'],
    items: [
      changeRow(r, k, {
        id: 'events',
        group: null,
        label: 'Richer signals',
        name: 'eventsRecorded',
        format: (v) => `${formatCount(v)}/wk`,
        upIsGood: true,
      }),
      changeRow(r, k, {
        id: 'depth',
        group: null,
        label: 'Behavioural depth',
        name: 'eventsPerSession',
        format: (v) => `${v.toFixed(1)}/visit`,
        upIsGood: true,
        value: (rr, kk) => rr.at('eventsRecorded', kk) / Math.max(1e-9, rr.at('sessions', kk)),
      }),
      item(
        'momentum',
        momentum >= 0 ? 'Flywheel accelerates' : 'Flywheel slows',
        // Momentum is itself a change against week 0: it goes in that column.
        [cell(''), cell(momentumText, momentumTone(momentum))],
        `Flywheel momentum ${momentumText} (growth of users, fresh data and experience since week 0)`,
      ),
    ],
  });
}

export function buildSteps(run: ScenarioRun, k: number): LoopStep[] {
  const r = readerOf(run);
  const s = structureOf(run);
  return [
    activityStep(r, k),
    productsStep(r, s, k),
    consumersStep(r, s, k),
    experienceStep(r, k),
    dataStep(r, k),
  ];
}
