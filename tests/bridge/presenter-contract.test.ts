/**
 * The contract's additions for the report PDF and the presenter view: the schemas accept what the
 * API describes and refuse everything else, and the wrapper's size limits stop oversized
 * requests before they are parsed.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_EXPORT_BYTES,
  MAX_PRESENTER_TEXT_CHARS,
  MAX_STORY_STEPS,
  payloadSize,
  presenterCommandSchema,
  presenterSnapshotSchema,
  requestLimits,
  requestSchemas,
} from '../../renderer/bridge/contract';
import { snapshot } from './presenter-fixtures';

describe('presenter snapshots', () => {
  it('accepts a snapshot as the API describes it, including the last step and the ended state', () => {
    expect(presenterSnapshotSchema.parse(snapshot())).toEqual(snapshot());
    expect(presenterSnapshotSchema.safeParse(snapshot({ index: 8, next: null })).success).toBe(
      true,
    );
    expect(
      presenterSnapshotSchema.safeParse(snapshot({ active: false, index: 0, count: 0 })).success,
    ).toBe(true);
    expect(requestSchemas.publishPresenterState.safeParse(snapshot({ show: 'both' })).success).toBe(
      true,
    );
  });

  it.each<[string, unknown]>([
    ['an extra key', { ...snapshot(), script: 'alert(1)' }],
    ['an extra key in current', { ...snapshot(), current: { ...snapshot().current, html: 'x' } }],
    ['a missing key', (({ blanked: _b, ...rest }) => rest)(snapshot())],
    ['a negative index', snapshot({ index: -1 })],
    ['a fractional index', snapshot({ index: 1.5 })],
    ['an index past the end', snapshot({ index: 9, count: 9 })],
    ['too many steps', snapshot({ count: MAX_STORY_STEPS + 1 })],
    ['an unknown show choice', { ...snapshot(), show: 'neither' }],
    [
      'a caption that is too long',
      snapshot({
        current: { title: 't', caption: 'x'.repeat(MAX_PRESENTER_TEXT_CHARS + 1), notes: '' },
      }),
    ],
    ['a non-string title', { ...snapshot(), storyTitle: 42 }],
    ['a start time that is not a number', { ...snapshot(), startedAtMs: '2025-01-01' }],
    ['an infinite start time', snapshot({ startedAtMs: Infinity })],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(presenterSnapshotSchema.safeParse(value).success).toBe(false);
  });

  it('the wrapper limit lets the largest valid snapshot through and stops far larger ones', () => {
    const longest = 'x'.repeat(MAX_PRESENTER_TEXT_CHARS);
    const largest = snapshot({
      storyTitle: longest,
      current: { title: longest, caption: longest, notes: longest },
      next: { title: longest, caption: longest },
    });
    const limit = requestLimits.publishPresenterState;
    expect(payloadSize(largest, limit)).toBeLessThanOrEqual(limit);
    const huge = { ...largest, storyTitle: 'x'.repeat(limit) };
    expect(payloadSize(huge, limit)).toBe(Infinity);
  });
});

describe('presenter commands', () => {
  it.each(['next', 'previous', 'first', 'last', 'blank', 'flip', 'split', 'theme', 'exit'])(
    'accepts %s',
    (action) => {
      expect(presenterCommandSchema.parse({ action })).toEqual({ action });
    },
  );

  it('accepts a jump to a step and refuses a jump without a valid index', () => {
    expect(presenterCommandSchema.parse({ action: 'jump', index: 3 })).toEqual({
      action: 'jump',
      index: 3,
    });
    for (const bad of [
      { action: 'jump' },
      { action: 'jump', index: -1 },
      { action: 'jump', index: 2.5 },
      { action: 'jump', index: MAX_STORY_STEPS },
      { action: 'jump', index: '3' },
      { action: 'next', index: 3 },
      { action: 'reload' },
      { action: 'next', extra: true },
      'next',
      {},
    ]) {
      expect(presenterCommandSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('report PDF requests', () => {
  const schema = requestSchemas.printReportPdf;
  it('accepts html with A4 or Letter paper', () => {
    expect(schema.parse({ html: '<h1>Report</h1>', paper: 'a4' })).toEqual({
      html: '<h1>Report</h1>',
      paper: 'a4',
    });
    expect(schema.safeParse({ html: '<p>x</p>', paper: 'letter' }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['another paper size', { html: '<p>x</p>', paper: 'a3' }],
    ['no paper', { html: '<p>x</p>' }],
    ['empty html', { html: '', paper: 'a4' }],
    ['bytes instead of text', { html: new Uint8Array(3), paper: 'a4' }],
    ['a URL to load', { html: '<p>x</p>', paper: 'a4', url: 'https://example.com' }],
    ['a file path', { html: '<p>x</p>', paper: 'a4', filePath: '/etc/passwd' }],
    ['nothing', undefined],
  ])('refuses %s', (_what, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('refuses html longer than the export limit, by schema and by the size check', () => {
    const limit = requestLimits.printReportPdf;
    const tooLong = { html: 'x'.repeat(MAX_EXPORT_BYTES + 1), paper: 'a4' };
    expect(schema.safeParse(tooLong).success).toBe(false);
    // The size check counts 3 bytes per character (UTF-8 upper bound): it lets every valid request
    // through and stops anything over three times the limit before zod reads it.
    expect(payloadSize(tooLong, limit)).toBeLessThanOrEqual(limit);
    const huge = { html: 'x'.repeat(Math.ceil(limit / 3) + 1), paper: 'a4' };
    expect(payloadSize(huge, limit)).toBe(Infinity);
    expect(payloadSize({ html: 'x'.repeat(1000), paper: 'a4' }, limit)).toBeLessThan(limit);
  });

  it('the open and close requests take no argument', () => {
    expect(requestSchemas.openPresenterView.safeParse(undefined).success).toBe(true);
    expect(requestSchemas.openPresenterView.safeParse({ display: 2 }).success).toBe(false);
    expect(requestSchemas.closePresenterView.safeParse('now').success).toBe(false);
  });
});
