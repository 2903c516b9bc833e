/**
 * The contents of the five step cards at one point of a run: the seed's sub-items with their live
 * values, the data products (or the consumers' siloed own pipelines), the AI consumers, and the
 * experience and data gains as changes against the start of the run.
 */
import type { ScenarioRun } from '../../simulation';
import {
  formatCount,
  formatPercent,
  formatRelativeChange,
  formatUsd,
  toneOfChange,
} from './format';
import { readerOf, type RunReader } from './read';
import { cell, changeRow, item, step } from './rows';
import { consumersStep, productsStep } from './source-steps';
import { structureOf } from './structure';
import type { LoopItem, LoopStep, Tone } from './types';

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
