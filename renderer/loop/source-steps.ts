/** Cards 2 and 3: the data sources (products, or consumers' siloed own pipelines) and the AI. */
import { formatPercent } from './format';
import type { RunReader } from './read';
import { cell, item, STATUS_SHORT, STATUS_WORDS, step } from './rows';
import type { ConsumerInfo, RunStructure } from './structure';
import type { ItemStatus, LoopCell, LoopItem, LoopStep } from './types';

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

export function productsStep(r: RunReader, s: RunStructure, k: number): LoopStep {
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

export function consumersStep(r: RunReader, s: RunStructure, k: number): LoopStep {
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
