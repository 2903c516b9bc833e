/**
 * The report's headline section (break-even maturity gap, how often with wins, cost alone, in
 * figures and plain words) and the methodology's list of what Monte Carlo draws and how.
 */
import { describe, expect, it } from 'vitest';
import {
  assumptionsOf,
  breakEvenFigure,
  breakEvenSentence,
  computeHeadline,
  formatShare,
  withoutPreset,
  winSentence,
  withPreset,
} from '../../simulation';
import { reportHtml } from '../../renderer/report/html';
import { appStyles, reportProps } from './fixture';

/** React escapes text: the same escaping for the sentences we look for. */
const escaped = (t: string): string =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const section = (html: string, id: string): string => {
  const start = html.indexOf(`data-testid="${id}"`);
  expect(start, id).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('the report answers "is it just the assumption?"', () => {
  const s = withPreset();
  const h = computeHeadline(s, { backend: 'interpreter' });
  const html = reportHtml({ ...reportProps(s), headline: h }, appStyles());

  it('shows the break-even gap and the win probability with their plain words', () => {
    const part = section(html, 'report-headline');
    expect(part).toContain(`<td>${escaped(breakEvenFigure(h.breakEven!))}</td>`);
    expect(part).toContain(
      `<td>${escaped(formatShare(h.win!.probability, h.win!.wins, h.win!.draws))}</td>`,
    );
    expect(part).toContain(escaped(breakEvenSentence(h.breakEven!)));
    expect(part).toContain(escaped(winSentence(h.win!)));
    expect(part).toMatch(/is cost alone \(data and AI spending\)/);
  });

  it('computes the same headline itself when it is not given one', () => {
    const own = reportHtml({ ...reportProps(s), headline: undefined }, appStyles());
    expect(section(own, 'report-headline')).toBe(section(html, 'report-headline'));
  });

  it('has no headline without data products', () => {
    const none = reportHtml(reportProps(withoutPreset()), appStyles());
    expect(none).not.toContain('data-testid="report-headline"');
  });

  it('lists every assumption Monte Carlo draws, with its triangular range', () => {
    const drawn = assumptionsOf(s).filter((a) => a.distribution !== null);
    const part = section(html, 'report-drawn');
    expect(part).toContain(`each of the ${drawn.length} uncertain assumptions`);
    const rows = [...part.matchAll(/data-assumption="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(drawn.map((a) => escaped(a.name)));
    expect(rows.length).toBeGreaterThan(100);
    expect(part).toContain('productMaturityShift');
    // Each reason for a range once, numbered; every row points at one.
    const reasons = new Set(drawn.map((a) => a.distributionSource ?? a.source));
    expect([...part.matchAll(/<li>/g)]).toHaveLength(reasons.size);
    const refs = [...part.matchAll(/<td>\[(\d+)\]<\/td>/g)].map((m) => Number(m[1]));
    expect(refs).toHaveLength(drawn.length);
    for (const r of refs) expect(r >= 1 && r <= reasons.size).toBe(true);
  });
});
