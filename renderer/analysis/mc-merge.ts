/**
 * The page's side of a Monte Carlo job: merges the workers' chunks into one summary of the first
 * k draws. Chunks may arrive in any order; they are merged in draw order (a chunk that arrives
 * early waits), so what is on screen, at any moment and after a cancel, is exactly what
 * `flywheel run --runs k` gives for the same scenario and seed (k >= the pilot's draws: the bins
 * are the pilot's). Pure (no DOM): tested in Node.
 */
import {
  BAND_FRACTIONS,
  bandRows,
  bandsOfRuns,
  DIFFERENCE_KEYS,
  KPI_KEYS,
  layoutFromRanges,
  mergeRanges,
  newHistogram,
  newKpiTables,
  newRangeSketch,
  type Bands,
  type BinLayout,
  type HistogramSketch,
  type KpiTables,
  type MonteCarloShape,
  type RangeSketch,
} from '../../simulation';
import { addCounts, type DrawChunk, type HistogramCounts } from './mc-worker-job';

export class MonteCarloMerge {
  readonly ranges: RangeSketch;
  private layoutValue: BinLayout | null = null;
  private histogramValue: HistogramSketch | null = null;
  readonly kpis: KpiTables;
  /** Every draw's uncertain parameter values (`parameterCount` per draw). */
  readonly parameters: Float64Array;
  /** Draws [0, merged) are merged. */
  private mergedValue = 0;
  /** Draws received, merged or waiting. */
  private receivedValue = 0;
  private readonly waiting = new Map<number, DrawChunk>();
  private pilotDone = false;

  constructor(
    readonly shape: MonteCarloShape,
    readonly draws: number,
    readonly parameterCount: number,
  ) {
    this.ranges = newRangeSketch(shape.rows);
    this.kpis = newKpiTables(shape.runCount, 0, draws);
    this.parameters = new Float64Array(draws * parameterCount);
  }

  get merged(): number {
    return this.mergedValue;
  }

  get received(): number {
    return this.receivedValue;
  }

  get layout(): BinLayout | null {
    return this.layoutValue;
  }

  get histogram(): HistogramSketch | null {
    return this.histogramValue;
  }

  /** Pass 1: a pilot chunk's ranges, KPIs and parameters (its counts come with the layout). */
  addPilot(min: Float64Array, max: Float64Array, chunk: DrawChunk): void {
    if (this.layoutValue) throw new Error('a pilot chunk after the bin layout');
    mergeRanges(this.ranges, { rows: this.shape.rows, min, max });
    this.copyRows(chunk);
    this.receivedValue += chunk.count;
  }

  /** The bins, from every pilot range (call once all pilot chunks are in). */
  fixLayout(): BinLayout {
    if (this.layoutValue) return this.layoutValue;
    this.layoutValue = layoutFromRanges(this.ranges, this.shape.bins);
    this.histogramValue = newHistogram(this.layoutValue);
    return this.layoutValue;
  }

  /** A worker's counts of the pilot draws it ran. */
  addPilotCounts(counts: HistogramCounts): void {
    const h = this.histogramValue;
    if (!h || this.pilotDone) throw new Error('pilot counts outside the pilot');
    addCounts(h, counts);
  }

  /** Every worker's pilot counts are in: the pilot's draws are merged. */
  completePilot(): void {
    if (!this.histogramValue) throw new Error('the pilot ends with the bin layout');
    if (this.receivedValue !== this.shape.pilotDraws)
      throw new Error(`the pilot has ${this.receivedValue} of ${this.shape.pilotDraws} draws`);
    this.pilotDone = true;
    this.mergedValue = this.shape.pilotDraws;
  }

  /**
   * Adds a chunk (with its histogram counts); merges it and every waiting chunk that follows in
   * draw order. Returns true when the merged draws moved on.
   */
  add(chunk: DrawChunk): boolean {
    if (!this.pilotDone) throw new Error('draws before the pilot is complete');
    if (!chunk.histogram) throw new Error('a chunk must carry its histogram counts to be merged');
    if (chunk.start < this.mergedValue || this.waiting.has(chunk.start))
      throw new Error(`draws from ${chunk.start} were already received`);
    if (chunk.start + chunk.count > this.draws)
      throw new Error(`draws ${chunk.start}..${chunk.start + chunk.count} are outside the job`);
    this.receivedValue += chunk.count;
    this.waiting.set(chunk.start, chunk);
    const before = this.mergedValue;
    for (let next = this.waiting.get(this.mergedValue); next;) {
      this.waiting.delete(next.start);
      this.mergeOne(next);
      next = this.waiting.get(this.mergedValue);
    }
    return this.mergedValue > before;
  }

  private mergeOne(chunk: DrawChunk): void {
    const h = this.histogramValue;
    if (!h) throw new Error('chunk before the bin layout');
    addCounts(h, chunk.histogram!);
    this.copyRows(chunk);
    this.mergedValue += chunk.count;
  }

  private copyRows(chunk: DrawChunk): void {
    const at = chunk.start;
    chunk.runs.forEach((t, r) => this.kpis.runs[r]!.set(t, at * KPI_KEYS.length));
    if (chunk.differences && this.kpis.differences)
      this.kpis.differences.set(chunk.differences, at * DIFFERENCE_KEYS.length);
    this.parameters.set(chunk.parameters, at * this.parameterCount);
  }

  /** Bands of every band metric of every run over the merged draws (as `summarise` computes). */
  bands(): Record<string, Bands>[] {
    const h = this.histogramValue;
    const { shape } = this;
    const quantiles =
      h && this.mergedValue > 0
        ? bandRows(h.layout, [h], BAND_FRACTIONS, 0, shape.rows).quantiles
        : new Float64Array(shape.rows * BAND_FRACTIONS.length).fill(NaN);
    return bandsOfRuns(shape, quantiles);
  }
}
