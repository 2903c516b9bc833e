/**
 * The band counter's two loops (montecarlo-bins.ts) in WebAssembly: staging a draw (each row's
 * counts slot, minimum and maximum) two rows at a time in 128-bit SIMD lanes, and counting the
 * staged draws. Every lane operation is the IEEE-754 operation of the JavaScript code, per lane
 * (subtraction, division, truncation, comparisons), so the slots, extremes and counts are those
 * of the JavaScript counter, to the bit (tests/montecarlo/bins.test.ts checks both against
 * observeHistogram).
 *
 * The module is generated for one job's shape (rows, bins, batch, the runs' series) and owns its
 * memory:
 * - a zero (the value of the padding row when the rows are odd);
 * - the rows' layout and extremes, a pair of rows in 96 bytes: [lo lo] [width width] [min min]
 *   [max max] [top top] [topSlot topSlot], so each is one 16-byte load: top is lo + bins width
 *   (the top edge, as the JavaScript computes it) and topSlot the slot of a value at or below it
 *   that the division does not place (bins; 1 for a row of width 0, where the value equals lo);
 * - two tables of row addresses: where each row's value is in the runs' series (the series are
 *   copied into the input area after each run), and the identity (a row vector in the input area);
 * - the input area, the staged slots (draw-major, as in JavaScript), a tile and the counts;
 * - the rows of the last draw read for the pilot (see gatherBody).
 *
 * Counting reads a row's slot in every draw of the batch: slots a staged draw apart (tens of
 * kilobytes), each in a line and a page of its own, more pages than the processor's first
 * address cache holds, for every row. So the count copies a block of rows (a cache line of
 * slots: 32 rows of 2-byte slots) of every draw into the tile, then counts the block's rows from
 * there, where the lines are consecutive (measured in `flywheel run --runs 10000 --weeks 520`:
 * counting 0.060 -> 0.050 ms a draw; staging still writes each draw in one run).
 */
import { wasmAvailable } from '../engine/wasm/backend';
import { BLOCK_VOID, FunctionBody, ModuleBuilder, Op, SimdOp } from '../engine/wasm/encode';

export type SlotBytes = 1 | 2 | 4;

/** The runs whose series a draw is staged from: values[k * width + slots[j]] for point k. */
export interface SeriesLayout {
  readonly points: number;
  readonly runs: readonly { readonly width: number; readonly slots: Int32Array }[];
}

export interface BinKernelShape {
  readonly rows: number;
  readonly bins: number;
  /** Draws the staging holds. */
  readonly batch: number;
  readonly slotBytes: SlotBytes;
  readonly series: SeriesLayout | null;
}

const PAGE = 65536;
/** Bytes of a pair of rows' record (see the module's comment). */
const PAIR = 96;
/** Bytes of a block of staged rows: a cache line. */
const LINE = 64;
const TWO52 = 2 ** 52;
const align16 = (n: number): number => Math.ceil(n / 16) * 16;

interface Regions {
  readonly info: number;
  /** The end of the rows' records (a pair of rows in PAIR bytes). */
  readonly infoEnd: number;
  readonly gather: number;
  readonly identity: number;
  readonly input: number;
  /** Where each run's series start in the input area. */
  readonly runAt: readonly number[];
  readonly staging: number;
  /** A block of rows of every draw of the batch (see countBody). */
  readonly tile: number;
  readonly counts: number;
  /** The rows a pilot draw's gather writes (one value a row, the padding row's included). */
  readonly rowsOut: number;
  readonly end: number;
}

function regionsOf(shape: BinKernelShape, rowsP: number): Regions {
  const info = 16;
  const infoEnd = info + (rowsP / 2) * PAIR;
  const gather = align16(infoEnd);
  const identity = align16(gather + rowsP * 4);
  const input = align16(identity + rowsP * 4);
  const runAt: number[] = [];
  let seriesEnd = input;
  for (const run of shape.series?.runs ?? []) {
    runAt.push(seriesEnd);
    seriesEnd = align16(seriesEnd + run.width * shape.series!.points * 8);
  }
  const staging = align16(Math.max(seriesEnd, input + rowsP * 8));
  // The last draw's last block may be read past its end (into the gap, never counted).
  const tile = align16(staging + shape.batch * rowsP * shape.slotBytes + LINE);
  const counts = align16(tile + shape.batch * LINE);
  const rowsOut = align16(counts + shape.rows * (shape.bins + 2) * 4);
  const end = rowsOut + rowsP * 8;
  return { info, infoEnd, gather, identity, input, runAt, staging, tile, counts, rowsOut, end };
}

/** v: a pair of rows' values, read from the two addresses at the local `addr`. */
function loadPair(b: FunctionBody, addr: number, v: number): void {
  b.get(addr).loadI32(0).simdMem(SimdOp.v128_load64_zero, 3, 0).set(v);
  b.get(addr).loadI32(4).get(v).simdLane(SimdOp.v128_load64_lane, 3, 0, 1).set(v);
}

/**
 * The pair's extremes in its record at the local `info` widened by v: min = v < min ? v : min and
 * max = max < v ? v : max, pmin and pmax exactly (NaN changes neither, as in JavaScript).
 */
function widenExtremes(b: FunctionBody, info: number, v: number): void {
  for (const [offset, op] of [
    [32, SimdOp.f64x2_pmin],
    [48, SimdOp.f64x2_pmax],
  ] as const) {
    b.get(info).get(info).simdMem(SimdOp.v128_load, 4, offset).get(v).simd(op);
    b.simdMem(SimdOp.v128_store, 4, offset);
  }
}

/** stage(addresses, out): the slots of every row into `out`, and the rows' extremes updated. */
function stageBody(shape: BinKernelShape, rowsP: number, at: Regions): FunctionBody {
  const b = new FunctionBody(['i32', 'i32']);
  const ADDR = 0;
  const OUT = 1;
  const info = b.local('i32');
  const v = b.local('v128');
  const l = b.local('v128');
  const p = b.local('v128');
  const s = b.local('v128');
  const bins = shape.bins;
  // The slots are computed plus 2^52: an integer n below 2^32 is then the low 32 bits of the
  // double 2^52 + n (exactly), and a shuffle takes the slots' bytes without a conversion.
  const constant = (value: number): number => {
    const local = b.local('v128');
    b.f64x2(value, value).set(local);
    return local;
  };
  const BINS = constant(bins);
  const S0 = constant(TWO52);
  const S1 = constant(TWO52 + 1);
  const S_OVER = constant(TWO52 + bins + 1);
  b.i32(at.info).set(info);
  b.begin(Op.loop);
  loadPair(b, ADDR, v);
  b.get(info).simdMem(SimdOp.v128_load, 4, 0).set(l);
  widenExtremes(b, info, v);
  // slotIn: v < l ? 0 : p < bins ? trunc(p) + 1 : v <= top ? topSlot : bins + 1, with
  // p = (v - l) / w. Where w = 0 the division gives NaN at v = l (then topSlot, 1) and infinity
  // above (then bins + 1), as slotIn's own case for w = 0.
  b.get(v).get(l).simd(SimdOp.f64x2_sub);
  b.get(info).simdMem(SimdOp.v128_load, 4, 16).simd(SimdOp.f64x2_div).set(p);
  b.get(OUT).get(S0);
  b.get(p).simd(SimdOp.f64x2_trunc).get(S1).simd(SimdOp.f64x2_add);
  b.get(info).simdMem(SimdOp.v128_load, 4, 80).get(S_OVER);
  b.get(v).get(info).simdMem(SimdOp.v128_load, 4, 64).simd(SimdOp.f64x2_le);
  b.simd(SimdOp.v128_bitselect);
  b.get(p).get(BINS).simd(SimdOp.f64x2_lt).simd(SimdOp.v128_bitselect);
  b.get(v).get(l).simd(SimdOp.f64x2_lt).simd(SimdOp.v128_bitselect);
  // The two slots' low bytes (1, 2 or 4 of each), side by side in the first lanes.
  const n = shape.slotBytes;
  const lanes = Array.from({ length: 16 }, (_, i) => (i < 2 * n ? (i < n ? i : 8 + i - n) : 0));
  b.tee(s).get(s).shuffle(lanes);
  const store = {
    1: SimdOp.v128_store16_lane,
    2: SimdOp.v128_store32_lane,
    4: SimdOp.v128_store64_lane,
  };
  b.simdLane(store[n], 0, 0, 0);
  b.get(ADDR).i32(8).op(Op.i32_add).set(ADDR);
  b.get(OUT)
    .i32(2 * shape.slotBytes)
    .op(Op.i32_add)
    .set(OUT);
  b.get(info).i32(PAIR).op(Op.i32_add).tee(info).i32(at.infoEnd).op(Op.i32_lt_u).opU(Op.br_if, 0);
  b.end();
  return b;
}

/**
 * gather(addresses, out): the pilot's reading of a draw, before the rows have bins: every row's
 * value into `out` (in row order, two rows a 16-byte store) and the rows' extremes widened as
 * observeRange widens them (pmin and pmax, as in stageBody).
 */
function gatherBody(rowsP: number, at: Regions): FunctionBody {
  const b = new FunctionBody(['i32', 'i32']);
  const ADDR = 0;
  const OUT = 1;
  const info = b.local('i32');
  const v = b.local('v128');
  b.i32(at.info).set(info);
  b.begin(Op.loop);
  loadPair(b, ADDR, v);
  widenExtremes(b, info, v);
  b.get(OUT).get(v).simdMem(SimdOp.v128_store, 4, 0);
  b.get(ADDR).i32(8).op(Op.i32_add).set(ADDR);
  b.get(OUT).i32(16).op(Op.i32_add).set(OUT);
  b.get(info).i32(PAIR).op(Op.i32_add).tee(info).i32(at.infoEnd).op(Op.i32_lt_u).opU(Op.br_if, 0);
  b.end();
  return b;
}

/**
 * count(draws): adds the first `draws` staged draws to the counts, a block of rows at a time
 * (see the module's comment): the block of every draw copied into the tile, then each of its
 * rows counted from the tile, four draws at a time.
 */
function countBody(shape: BinKernelShape, rowsP: number, at: Regions): FunctionBody {
  const b = new FunctionBody(['i32']);
  const DRAWS = 0;
  const row = b.local('i32');
  const rowEnd = b.local('i32');
  const block = b.local('i32');
  const rowCounts = b.local('i32');
  const from = b.local('i32');
  const p = b.local('i32');
  const k = b.local('i32');
  const c = b.local('i32');
  const load = { 1: Op.i32_load8_u, 2: Op.i32_load16_u, 4: Op.i32_load }[shape.slotBytes];
  const alignOf = { 1: 0, 2: 1, 4: 2 }[shape.slotBytes];
  const rowsPerBlock = LINE / shape.slotBytes;
  const drawBytes = rowsP * shape.slotBytes;
  /** counts[the slot at p + offset]++ */
  const increment = (offset: number): void => {
    b.get(rowCounts).get(p).mem(load, alignOf, offset).i32(2).op(Op.i32_shl).op(Op.i32_add);
    b.tee(c).get(c).loadI32(0).i32(1).op(Op.i32_add).storeI32(0);
  };
  b.i32(at.counts).set(rowCounts);
  b.i32(at.staging).set(block);
  b.begin(Op.loop);
  // The tile: its line d is the block of draw d.
  b.get(block).set(from);
  b.i32(at.tile).set(p);
  b.get(DRAWS).set(k);
  b.begin(Op.loop);
  for (let q = 0; q < LINE; q += 16)
    b.get(p).get(from).simdMem(SimdOp.v128_load, 0, q).simdMem(SimdOp.v128_store, 4, q);
  b.get(from).i32(drawBytes).op(Op.i32_add).set(from);
  b.get(p).i32(LINE).op(Op.i32_add).set(p);
  b.get(k).i32(1).op(Op.i32_sub).tee(k).opU(Op.br_if, 0);
  b.end();
  // The block's rows (fewer in the last block).
  b.get(row).i32(rowsPerBlock).op(Op.i32_add).tee(rowEnd).i32(shape.rows).op(Op.i32_gt_u);
  b.begin(Op.if, BLOCK_VOID).i32(shape.rows).set(rowEnd).end();
  b.i32(at.tile).set(from);
  b.begin(Op.loop);
  b.get(from).set(p);
  b.get(DRAWS).set(k);
  // Four draws at a time while four are left, then one at a time.
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.get(k).i32(4).op(Op.i32_lt_u).opU(Op.br_if, 1);
  for (let q = 0; q < 4; q++) increment(q * LINE);
  b.get(p)
    .i32(4 * LINE)
    .op(Op.i32_add)
    .set(p);
  b.get(k).i32(4).op(Op.i32_sub).set(k);
  b.opU(Op.br, 0).end().end();
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.get(k).op(Op.i32_eqz).opU(Op.br_if, 1);
  increment(0);
  b.get(p).i32(LINE).op(Op.i32_add).set(p);
  b.get(k).i32(1).op(Op.i32_sub).set(k);
  b.opU(Op.br, 0).end().end();
  b.get(rowCounts)
    .i32((shape.bins + 2) * 4)
    .op(Op.i32_add)
    .set(rowCounts);
  b.get(from).i32(shape.slotBytes).op(Op.i32_add).set(from);
  b.get(row).i32(1).op(Op.i32_add).tee(row).get(rowEnd).op(Op.i32_lt_u).opU(Op.br_if, 0);
  b.end();
  b.get(block).i32(LINE).op(Op.i32_add).set(block);
  b.get(row).i32(shape.rows).op(Op.i32_lt_u).opU(Op.br_if, 0);
  b.end();
  return b;
}

/**
 * Whether this thread may make a shared WebAssembly memory: Node's threads may, a page only when
 * it is cross-origin isolated.
 */
function sharedMemoryAllowed(): boolean {
  return (
    typeof SharedArrayBuffer === 'function' &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false
  );
}

/**
 * One job's band counting in WebAssembly. Between loadCounts and storeCounts the counts live in
 * the kernel's memory.
 */
export class BinKernel {
  private readonly f64: Float64Array;
  private readonly u32: Uint32Array;
  private readonly stageFn: (addresses: number, out: number) => void;
  private readonly countFn: (draws: number) => void;
  private readonly gatherFn: (addresses: number, out: number) => void;
  private readonly rowsP: number;
  private readonly inputs: Float64Array[];

  private constructor(
    readonly shape: BinKernelShape,
    private readonly at: Regions,
    rowsP: number,
    instance: WebAssembly.Instance,
  ) {
    this.rowsP = rowsP;
    const memory = instance.exports.memory as WebAssembly.Memory;
    this.f64 = new Float64Array(memory.buffer);
    this.u32 = new Uint32Array(memory.buffer);
    this.stageFn = instance.exports.stage as (addresses: number, out: number) => void;
    this.countFn = instance.exports.count as (draws: number) => void;
    this.gatherFn = instance.exports.gather as (addresses: number, out: number) => void;
    // The identity table (row r reads the input area's value r) and the series table.
    const { identity, gather, input } = at;
    for (let r = 0; r < rowsP; r++) this.u32[identity / 4 + r] = r < shape.rows ? input + r * 8 : 0;
    const series = shape.series;
    this.inputs = (series?.runs ?? []).map((run, i) =>
      this.f64.subarray(at.runAt[i]! / 8, at.runAt[i]! / 8 + series!.points * run.width),
    );
    if (series) {
      let r = 0;
      series.runs.forEach((run, i) => {
        const base = at.runAt[i]!;
        for (let k = 0; k < series.points; k++)
          for (let j = 0; j < run.slots.length; j++)
            this.u32[gather / 4 + r++] = base + (k * run.width + run.slots[j]!) * 8;
      });
      if (r !== shape.rows) throw new Error(`the runs' series give ${r} rows, not ${shape.rows}`);
      for (; r < rowsP; r++) this.u32[gather / 4 + r] = 0;
    }
  }

  /** A kernel for this shape, or null where WebAssembly (or the memory it needs) is not had. */
  static create(shape: BinKernelShape): BinKernel | null {
    if (!wasmAvailable()) return null;
    const rowsP = shape.rows + (shape.rows % 2);
    const at = regionsOf(shape, rowsP);
    if (at.end > 2 ** 31) return null;
    const m = new ModuleBuilder();
    const stage = m.declareFunction(['i32', 'i32'], []);
    const count = m.declareFunction(['i32'], []);
    const gather = m.declareFunction(['i32', 'i32'], []);
    m.define(stage, stageBody(shape, rowsP, at));
    m.define(count, countBody(shape, rowsP, at));
    m.define(gather, gatherBody(rowsP, at));
    m.exportFunction('stage', stage);
    m.exportFunction('count', count);
    m.exportFunction('gather', gather);
    // Shared memory where this thread may make it: the counts then go to another thread
    // without a copy (see lendCounts).
    for (const shared of sharedMemoryAllowed() ? [true, false] : [false]) {
      m.memory(Math.ceil(at.end / PAGE), 'memory', shared);
      try {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(m.encode()), {});
        return new BinKernel(shape, at, rowsP, instance);
      } catch (e) {
        // A page whose policy forbids compiling WebAssembly (or shared memory), or no memory for
        // this job.
        if (!(e instanceof RangeError || e instanceof WebAssembly.CompileError)) throw e;
      }
    }
    return null;
  }

  /** Whether the memory is shared: lendCounts() gives the counts to another thread as they are. */
  get shared(): boolean {
    return typeof SharedArrayBuffer === 'function' && this.u32.buffer instanceof SharedArrayBuffer;
  }

  /**
   * The counts (`length` of them) where the kernel keeps them, in its shared memory: no copy,
   * but valid only until the kernel counts again (its owner then counts no more).
   */
  lendCounts(length: number): Uint32Array {
    if (!this.shared) throw new Error('the kernel memory is not shared');
    return this.u32.subarray(this.at.counts / 4, this.at.counts / 4 + length);
  }

  /**
   * Row r's lane in its pair's record (in f64s): bin start at +0, width +2, min +4, max +6, top
   * edge +8, its slot +10.
   */
  private infoAt(r: number): number {
    return this.at.info / 8 + (r >> 1) * (PAIR / 8) + (r & 1);
  }

  /** The rows' bin starts and widths (the padding row: 0 and 0), and what follows from them. */
  setLayout(lo: Float64Array, width: Float64Array): void {
    const f = this.f64;
    const bins = this.shape.bins;
    for (let r = 0; r < this.rowsP; r++) {
      const o = this.infoAt(r);
      const l = r < this.shape.rows ? lo[r]! : 0;
      // A width of -0 is 0 here: the stage's division then gives +infinity above l, as slotIn.
      const w = r < this.shape.rows && width[r] !== 0 ? width[r]! : 0;
      f[o] = l;
      f[o + 2] = w;
      f[o + 8] = l + bins * w;
      f[o + 10] = TWO52 + (w === 0 ? 1 : bins);
    }
  }

  setExtremes(min: Float64Array, max: Float64Array): void {
    const f = this.f64;
    for (let r = 0; r < this.shape.rows; r++) {
      const o = this.infoAt(r);
      f[o + 4] = min[r]!;
      f[o + 6] = max[r]!;
    }
  }

  getExtremes(min: Float64Array, max: Float64Array): void {
    const f = this.f64;
    for (let r = 0; r < this.shape.rows; r++) {
      const o = this.infoAt(r);
      min[r] = f[o + 4]!;
      max[r] = f[o + 6]!;
    }
  }

  loadCounts(counts: Uint32Array): void {
    this.u32.set(counts, this.at.counts / 4);
  }

  storeCounts(counts: Uint32Array): void {
    counts.set(this.u32.subarray(this.at.counts / 4, this.at.counts / 4 + counts.length));
  }

  /**
   * Run r's series (values[k * width + slot]) where stageSeries reads them: a run may write them
   * here directly (DrawRunner.placeSeries), or they are copied in. The views stay valid: the
   * memory never grows.
   */
  seriesInput(run: number): Float64Array {
    const view = this.inputs[run];
    if (!view) throw new Error(`no series input for run ${run}`);
    return view;
  }

  /** Stages the runs' series (see seriesInput) as draw d of the batch. */
  stageSeries(d: number): void {
    if (!this.shape.series) throw new Error('this kernel stages row vectors only');
    this.stageFn(this.at.gather, this.stagingAt(d));
  }

  /**
   * The runs' series (see seriesInput) as one row vector into `out` (gatherRows' order), and
   * each row's extremes (setExtremes, getExtremes) widened by its value.
   */
  gatherSeries(out: Float64Array): void {
    if (!this.shape.series) throw new Error('this kernel stages row vectors only');
    this.gatherFn(this.at.gather, this.at.rowsOut);
    const from = this.at.rowsOut / 8;
    out.set(this.f64.subarray(from, from + this.shape.rows));
  }

  /** Stages rows values[offset + row] as draw d of the batch. */
  stageRows(values: Float64Array, offset: number, d: number): void {
    this.f64.set(values.subarray(offset, offset + this.shape.rows), this.at.input / 8);
    this.stageFn(this.at.identity, this.stagingAt(d));
  }

  /** Adds the first `draws` staged draws to the counts. */
  count(draws: number): void {
    if (draws > 0) this.countFn(draws);
  }

  private stagingAt(d: number): number {
    if (!(d >= 0 && d < this.shape.batch)) throw new Error(`draw ${d} outside the batch`);
    return this.at.staging + d * this.rowsP * this.shape.slotBytes;
  }
}
