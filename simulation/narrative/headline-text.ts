/**
 * The headline results in words and in short figures (one wording for the CLI summary, the app's
 * cards and the report): the break-even maturity gap, the probability that `with` wins, and the
 * part of the net value gap that is cost alone.
 */
import type { BreakEven, Headline, WinProbability } from '../analysis/headline';
import type { ComparisonKpis } from '../analysis/kpis';
import { formatValue, MINUS } from './format';

/** A maturity gap on the 0-1 scale: "0.53", "−0.05". */
export function formatGap(gap: number): string {
  const text = Math.abs(gap) < 0.005 ? '0.00' : Math.abs(gap).toFixed(2);
  return gap < 0 && text !== '0.00' ? `${MINUS}${text}` : text;
}

/** A probability as a whole percent, never 0% or 100% unless every draw says so: "97%", ">99%". */
export function formatShare(p: number, wins?: number, draws?: number): string {
  const pct = p * 100;
  if (wins !== undefined && draws !== undefined) {
    if (wins === draws) return '100%';
    if (wins === 0) return '0%';
    if (pct > 99) return '>99%';
    if (pct < 1) return '<1%';
  }
  return `${Math.round(pct)}%`;
}

/** The break-even card's figure: "0.03", or why there is none. */
export function breakEvenFigure(b: BreakEven): string {
  if (b.status === 'never') return 'not reachable';
  if (b.status === 'always') return 'any gap';
  return formatGap(b.gap!);
}

export function breakEvenSentence(b: BreakEven): string {
  const today = formatGap(b.currentGap);
  if (b.status === 'never')
    return `Data products do not pay off at any maturity: even with every product at full maturity, own pipelines end ahead on cumulative net value (the scenario assumes the products ${today} more mature than own pipelines, on a 0 to 1 scale).`;
  if (b.status === 'always')
    return `Data products pay off at any maturity gap: even with every product at maturity 0 they end ahead of own pipelines on cumulative net value (the scenario assumes a gap of ${today}, on a 0 to 1 scale).`;
  const gap = b.gap!;
  const room = b.currentGap - gap;
  const need =
    gap < 0
      ? `pay off even if they are up to ${formatGap(-gap)} less mature than own pipelines`
      : `pay off if they are at least ${formatGap(gap)} more mature than own pipelines`;
  const against =
    room >= 0
      ? `the scenario assumes ${today}, so they could be ${formatGap(room)} less mature and still pay off`
      : `the scenario assumes ${today}: they would need to be ${formatGap(-room)} more mature`;
  return `Data products ${need} (maturity on a 0 to 1 scale; ${against}).`;
}

export function winSentence(w: WinProbability): string {
  const share = formatShare(w.probability, w.wins, w.draws);
  const interval = `${formatShare(w.low)} to ${formatShare(w.high)}`;
  return `With data products ends ahead of own pipelines in ${share} of ${w.draws} Monte Carlo draws (95% interval ${interval}), every uncertain assumption drawn over its plausible range, the maturity gap as a whole.`;
}

export function costSentence(d: ComparisonKpis): string | null {
  const gap = d.cumulativeNetValueUsd;
  const cost = d.netValueGapFromCostUsd;
  if (gap === null || cost === null) return null;
  return `Of the ${formatValue(gap, 'usd')} difference in cumulative net value, ${formatValue(cost, 'usd')} is cost alone (data and AI spending); ${formatValue(gap - cost, 'usd')} is what the AI earns (gross profit and inventory savings).`;
}

/** Every headline sentence that applies, in reading order. */
export function headlineSentences(h: Headline, d: ComparisonKpis | null): string[] {
  const out: string[] = [];
  if (h.breakEven) out.push(breakEvenSentence(h.breakEven));
  if (h.win) out.push(winSentence(h.win));
  const cost = d ? costSentence(d) : null;
  if (cost) out.push(cost);
  return out;
}

/** The headline in one short paragraph (the CLI's summary): break-even, win share, cost part. */
export function headlineParagraph(h: Headline, d: ComparisonKpis | null): string {
  const parts: string[] = [];
  const b = h.breakEven;
  if (b) {
    const today = formatGap(b.currentGap);
    parts.push(
      b.status === 'found'
        ? `Break-even: products pay off if at least ${formatGap(b.gap!)} more mature than own pipelines (0 to 1 scale; assumed ${today}).`
        : b.status === 'never'
          ? `Break-even: not reachable, products lose even at full maturity (assumed gap ${today}).`
          : `Break-even: products pay off at any maturity gap (assumed ${today}).`,
    );
  }
  const w = h.win;
  if (w)
    parts.push(
      `With wins in ${formatShare(w.probability, w.wins, w.draws)} of ${w.draws} Monte Carlo draws (95% interval ${formatShare(w.low)} to ${formatShare(w.high)}).`,
    );
  if (d && d.cumulativeNetValueUsd !== null && d.netValueGapFromCostUsd !== null)
    parts.push(
      `Cost alone is ${formatValue(d.netValueGapFromCostUsd, 'usd')} of the ${formatValue(d.cumulativeNetValueUsd, 'usd')} gap.`,
    );
  return parts.join(' ');
}
