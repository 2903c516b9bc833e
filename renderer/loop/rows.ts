/** Building blocks of the step cards' contents: cells, rows, steps and status words. */
import { formatPointChange, formatRelativeChange, toneOfChange } from './format';
import type { RunReader } from './read';
import type { ItemStatus, LoopCell, LoopItem, LoopStep, Tone } from './types';

export const STATUS_WORDS: Record<ItemStatus, string> = {
  live: 'live',
  building: 'building',
  planned: 'planned',
  deployed: 'deployed',
  developing: 'in development',
  waiting: 'waiting for data',
  'not-started': 'not started',
};

export const STATUS_SHORT: Record<ItemStatus, string> = {
  ...STATUS_WORDS,
  developing: 'in dev',
  waiting: 'no data',
};

export const cell = (text: string, tone: Tone = 'neutral'): LoopCell => ({ text, tone });

export function item(
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

export function step(
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
export function changeRow(
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
