/**
 * The engine's random numbers (../rng.ts) in WebAssembly, operation for operation: sfc32 on 32-bit
 * integers, uniform deviates, Box-Muller normal deviates (keeping the second one) and Poisson
 * counts. A generator's state lives in memory at a pointer, in Rng.writeState's layout: a, b, c, d
 * (i32), whether a normal deviate is kept (i32 at +16) and the kept deviate (f64 at +24).
 */
import { BLOCK_VOID, blockType, FunctionBody, Op, SimdOp, type FnRef } from './encode';
import type { ModuleContext } from './translate';
import { POISSON_SIXTH, POISSON_SURE_MARGIN, POISSON_TWENTY_FOURTH } from '../rng';

export interface RngFunctions {
  /** (state pointer) -> uniform deviate on [0, 1) */
  readonly uniform: FnRef;
  /** (state pointer) -> standard normal deviate */
  readonly normal: FnRef;
  /** (state pointer, mean) -> Poisson count */
  readonly poisson: FnRef;
  /**
   * (lane 0's state pointer, lane 1's, the means as a v128) -> both lanes' Poisson counts (a
   * module made for pairs of runs only).
   */
  readonly poissonPair?: FnRef;
}

/** The elementary functions the generator needs, each taking and returning f64. */
export interface RngMath {
  readonly log: FnRef;
  readonly sin: FnRef;
  readonly cos: FnRef;
  readonly exp: FnRef;
}

/** The locals sfc32's step needs: a, b, c, d and t (i32). */
function nextLocals(b: FunctionBody): number[] {
  return [b.local('i32'), b.local('i32'), b.local('i32'), b.local('i32'), b.local('i32')];
}

/**
 * sfc32's step on the state at the pointer in local `p`, leaving the output (i32) on the stack:
 * t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t.
 */
function emitNext(b: FunctionBody, p: number, locals: readonly number[]): void {
  const [ra, rb, rc, rd, t] = locals as [number, number, number, number, number];
  b.get(p).loadI32(0).set(ra);
  b.get(p).loadI32(4).set(rb);
  b.get(p).loadI32(8).set(rc);
  b.get(p).loadI32(12).set(rd);
  b.get(ra).get(rb).op(Op.i32_add).get(rd).op(Op.i32_add).set(t);
  b.get(p).get(rd).i32(1).op(Op.i32_add).storeI32(12);
  b.get(p).get(rb).get(rb).i32(9).op(Op.i32_shr_u).op(Op.i32_xor).storeI32(0);
  b.get(p).get(rc).get(rc).i32(3).op(Op.i32_shl).op(Op.i32_add).storeI32(4);
  b.get(p).get(rc).i32(21).op(Op.i32_rotl).get(t).op(Op.i32_add).storeI32(8);
  b.get(t);
}

/** A uniform deviate (f64) from the state at local `p`: next * 2^-32, exactly next / 2^32. */
function emitUniform(b: FunctionBody, p: number, locals: readonly number[]): void {
  emitNext(b, p, locals);
  b.op(Op.f64_convert_i32_u)
    .f64(2 ** -32)
    .op(Op.f64_mul);
}

export function emitRng(m: ModuleContext, math: RngMath, pairs = false): RngFunctions {
  const next = m.declareFunction(['i32'], ['i32']);
  const uniform = m.declareFunction(['i32'], ['f64']);
  const normal = m.declareFunction(['i32'], ['f64']);
  const poisson = m.declareFunction(['i32', 'f64'], ['f64']);
  const poissonTail = m.declareFunction(['i32', 'f64', 'f64', 'f64'], ['f64']);

  {
    const b = new FunctionBody(['i32']);
    emitNext(b, 0, nextLocals(b));
    m.define(next, b);
  }
  {
    const b = new FunctionBody(['i32']);
    emitUniform(b, 0, nextLocals(b));
    m.define(uniform, b);
  }
  {
    const b = new FunctionBody(['i32']);
    const [p, u, v, r] = [0, b.local('f64'), b.local('f64'), b.local('f64')];
    // A kept deviate is returned first.
    b.get(p).loadI32(16).begin(Op.if, BLOCK_VOID);
    b.get(p).i32(0).storeI32(16);
    b.get(p).loadF64(24).op(Op.return);
    b.end();
    // while (u === 0) u = uniform()
    b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
    b.get(u).f64(0).op(Op.f64_ne).opU(Op.br_if, 1);
    b.get(p).call(uniform).set(u);
    b.opU(Op.br, 0).end().end();
    b.get(p).call(uniform).set(v);
    // r = sqrt(-2 * log(u)); spare = r * sin(2 * PI * v); return r * cos(2 * PI * v)
    b.f64(-2).get(u).call(math.log).op(Op.f64_mul).op(Op.f64_sqrt).set(r);
    b.get(p)
      .get(r)
      .f64(2 * Math.PI)
      .get(v)
      .op(Op.f64_mul)
      .call(math.sin)
      .op(Op.f64_mul)
      .storeF64(24);
    b.get(p).i32(1).storeI32(16);
    b.get(r)
      .f64(2 * Math.PI)
      .get(v)
      .op(Op.f64_mul)
      .call(math.cos)
      .op(Op.f64_mul);
    m.define(normal, b);
  }
  {
    // The rest of a count whose first uniform q is not below `below` (see poisson).
    const b = new FunctionBody(['i32', 'f64', 'f64', 'f64']);
    const [p, mean, q, below] = [0, 1, 2, 3];
    const [limit, above, k] = [b.local('f64'), b.local('f64'), b.local('i32')];
    const rng = nextLocals(b);
    // above = 1 - m * (1 - m * (0.5 - m * (SIXTH - m * TWENTY_FOURTH))) + MARGIN
    b.f64(1).get(mean).f64(1).get(mean).f64(0.5).get(mean).f64(POISSON_SIXTH);
    b.get(mean).f64(POISSON_TWENTY_FOURTH).op(Op.f64_mul).op(Op.f64_sub);
    b.op(Op.f64_mul).op(Op.f64_sub).op(Op.f64_mul).op(Op.f64_sub).op(Op.f64_mul).op(Op.f64_sub);
    b.f64(POISSON_SURE_MARGIN).op(Op.f64_add).set(above);
    b.f64(NaN).set(limit);
    b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
    // Go on while q > above || (q >= below && q > limit), limit = exp(-mean) when first needed.
    b.get(q).get(above).op(Op.f64_gt);
    b.begin(Op.if, blockType('i32'));
    b.i32(1);
    b.op(Op.else);
    b.get(q).get(below).op(Op.f64_ge);
    b.begin(Op.if, blockType('i32'));
    b.get(limit).get(limit).op(Op.f64_ne).begin(Op.if, BLOCK_VOID);
    b.get(mean).op(Op.f64_neg).call(math.exp).set(limit);
    b.end();
    b.get(q).get(limit).op(Op.f64_gt);
    b.op(Op.else);
    b.i32(0);
    b.end();
    b.end();
    b.op(Op.i32_eqz).opU(Op.br_if, 1);
    b.get(k).i32(1).op(Op.i32_add).set(k);
    b.get(q);
    emitUniform(b, p, rng);
    b.op(Op.f64_mul).set(q);
    b.opU(Op.br, 0).end().end();
    b.get(k).op(Op.f64_convert_i32_s);
    m.define(poissonTail, b);
  }
  {
    const b = new FunctionBody(['i32', 'f64']);
    const [p, mean, q, below] = [0, 1, b.local('f64'), b.local('f64')];
    const rng = nextLocals(b);
    // if (!(mean > 0)) return 0
    b.get(mean).f64(0).op(Op.f64_gt).op(Op.i32_eqz).begin(Op.if, BLOCK_VOID);
    b.f64(0).op(Op.return).end();
    b.get(mean).f64(30).op(Op.f64_lt).begin(Op.if, blockType('f64'));
    {
      // Knuth: multiply uniforms until the product falls to exp(-mean), comparing each product
      // with exp(-mean) only where poissonSureZero(mean) and poissonSureAbove(mean) (../rng.ts)
      // do not decide: a first uniform below the first is a count of 0, without the exponential.
      // Its uniforms are drawn in place: two calls fewer per uniform (measured: the runs of a
      // draw about 2% faster).
      emitUniform(b, p, rng);
      b.set(q);
      sureZero(b, (into) => void into.get(mean), SCALAR);
      b.set(below);
      b.get(q).get(below).op(Op.f64_lt).begin(Op.if, BLOCK_VOID);
      b.f64(0).op(Op.return).end();
      b.get(p).get(mean).get(q).get(below).call(poissonTail);
    }
    b.op(Op.else);
    // Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
    b.f64(0);
    b.get(mean).get(mean).op(Op.f64_sqrt).get(p).call(normal).op(Op.f64_mul).op(Op.f64_add);
    b.call(m.round).op(Op.f64_max);
    b.end();
    m.define(poisson, b);
  }
  let poissonPair: FnRef | undefined;
  if (pairs) {
    poissonPair = m.declareFunction(['i32', 'i32', 'v128'], ['v128']);
    m.define(poissonPair, poissonPairBody(poisson, poissonTail));
  }
  return { uniform, normal, poisson, poissonPair };
}

/** Math.round as JavaScript defines it: the nearest integer, halves up, -0 for [-0.5, 0). */
export function emitRound(m: Pick<ModuleContext, 'declareFunction' | 'define'>): FnRef {
  const fn = m.declareFunction(['f64'], ['f64']);
  const b = new FunctionBody(['f64']);
  const [x, r] = [0, b.local('f64')];
  // NaN, infinities and |x| >= 2^52 (already whole) are returned as they are.
  b.get(x).op(Op.f64_abs).f64(4503599627370496).op(Op.f64_lt).op(Op.i32_eqz);
  b.begin(Op.if, BLOCK_VOID).get(x).op(Op.return).end();
  b.get(x).op(Op.f64_floor).set(r);
  // x - floor(x) is exact here
  b.get(x).get(r).op(Op.f64_sub).f64(0.5).op(Op.f64_ge);
  b.begin(Op.if, BLOCK_VOID).get(r).f64(1).op(Op.f64_add).set(r).end();
  // a zero result keeps the sign of x
  b.get(r).get(x).op(Op.f64_copysign);
  m.define(fn, b);
  return fn;
}

/** The instructions of one kind of value: f64, or f64x2 (a pair, one per lane). */
interface Arith {
  readonly c: (b: FunctionBody, v: number) => void;
  readonly mul: (b: FunctionBody) => void;
  readonly sub: (b: FunctionBody) => void;
}
const SCALAR: Arith = {
  c: (b, v) => void b.f64(v),
  mul: (b) => void b.op(Op.f64_mul),
  sub: (b) => void b.op(Op.f64_sub),
};
const PAIR: Arith = {
  c: (b, v) => void b.f64x2(v, v),
  mul: (b) => void b.simd(SimdOp.f64x2_mul),
  sub: (b) => void b.simd(SimdOp.f64x2_sub),
};

/** poissonSureZero(mean) (../rng.ts): 1 - m * (1 - m * (0.5 - m * SIXTH)) - MARGIN. */
function sureZero(b: FunctionBody, mean: (b: FunctionBody) => void, a: Arith): void {
  a.c(b, 1);
  mean(b);
  a.c(b, 1);
  mean(b);
  a.c(b, 0.5);
  mean(b);
  a.c(b, POISSON_SIXTH);
  a.mul(b);
  a.sub(b);
  a.mul(b);
  a.sub(b);
  a.mul(b);
  a.sub(b);
  a.c(b, POISSON_SURE_MARGIN);
  a.sub(b);
}

/**
 * poisson for two lanes, each from its own generator: where both means are in (0, 30), both
 * first uniforms are drawn here and a pair of counts of 0 (most of them, for the model's small
 * means) needs no call; else each lane's count as poisson gives it, its uniforms drawn in the
 * same order.
 */
function poissonPairBody(poisson: FnRef, poissonTail: FnRef): FunctionBody {
  const b = new FunctionBody(['i32', 'i32', 'v128']);
  const [P0, P1, MEAN] = [0, 1, 2];
  const q = [b.local('f64'), b.local('f64')];
  const below = b.local('v128');
  const counts = [b.local('f64'), b.local('f64')];
  const rng = nextLocals(b);
  const lane = (v: number, l: number): void => void b.get(v).lane(SimdOp.f64x2_extract_lane, l);
  b.get(MEAN).f64x2(0, 0).simd(SimdOp.f64x2_gt);
  b.get(MEAN).f64x2(30, 30).simd(SimdOp.f64x2_lt).simd(SimdOp.v128_and);
  b.simd(SimdOp.i64x2_all_true).begin(Op.if, BLOCK_VOID);
  {
    for (const [l, p] of [
      [0, P0],
      [1, P1],
    ] as const) {
      emitUniform(b, p, rng);
      b.set(q[l]!);
    }
    sureZero(b, (into) => void into.get(MEAN), PAIR);
    b.set(below);
    // Both first uniforms below their bound: two counts of 0.
    b.get(q[0]!).simd(SimdOp.f64x2_splat).get(q[1]!).lane(SimdOp.f64x2_replace_lane, 1);
    b.get(below).simd(SimdOp.f64x2_lt).simd(SimdOp.i64x2_all_true).begin(Op.if, BLOCK_VOID);
    b.f64x2(0, 0).op(Op.return);
    b.end();
    for (const [l, p] of [
      [0, P0],
      [1, P1],
    ] as const) {
      b.get(q[l]!);
      lane(below, l);
      b.op(Op.f64_lt).begin(Op.if, blockType('f64'));
      b.f64(0);
      b.op(Op.else);
      b.get(p);
      lane(MEAN, l);
      b.get(q[l]!);
      lane(below, l);
      b.call(poissonTail);
      b.end();
      b.set(counts[l]!);
    }
    b.get(counts[0]!).simd(SimdOp.f64x2_splat).get(counts[1]!);
    b.lane(SimdOp.f64x2_replace_lane, 1).op(Op.return);
  }
  b.end();
  for (const [l, p] of [
    [0, P0],
    [1, P1],
  ] as const) {
    b.get(p);
    lane(MEAN, l);
    b.call(poisson).set(counts[l]!);
  }
  b.get(counts[0]!).simd(SimdOp.f64x2_splat).get(counts[1]!).lane(SimdOp.f64x2_replace_lane, 1);
  return b;
}
