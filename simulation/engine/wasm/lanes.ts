/**
 * Two runs at once: an equation's translated code (read back by decode.ts) written again for two
 * lanes of 128-bit SIMD, lane 0 one run's value and lane 1 the other's. Straight-line arithmetic,
 * comparisons and conditionals whose branches have no effect become f64x2 instructions (every lane
 * operation is the scalar IEEE-754 operation, so each lane has the bits the scalar code gives); a
 * call is made once per lane. Code that is not so (statements, loops, branches) is written twice,
 * once per lane, reading its lane of each input. Either way the equation's value pair is left on
 * the stack as a v128. `perLane` writes every code lane by lane (for tests of that way).
 */
import { FunctionBody, Op, SimdOp, type FnRef, type Signature } from './encode';
import { emitInstr, type Decoded, type Instr } from './decode';
import { Untranslatable } from './translate-common';

export type Lane = 0 | 1;

export interface LaneTarget {
  readonly body: FunctionBody;
  readonly signatureOf: (fn: FnRef) => Signature;
  /**
   * Where lane `lane`'s copy of the value the scalar code reads at constant address `address`
   * is (a slot of the state, a value hoisted out of the steps).
   */
  readonly laneAddress: (address: number, lane: Lane) => number;
  /** The two-lane version of a function (pairs in, a pair out), where there is one. */
  readonly pairVersion: (fn: FnRef) => FnRef | undefined;
}

/** Stack types of the scalar code: a number, or a boolean (an i32 0 or 1). */
type Ty = 'f64' | 'bool';

const F64X2: Readonly<Record<number, number>> = {
  [Op.f64_add]: SimdOp.f64x2_add,
  [Op.f64_sub]: SimdOp.f64x2_sub,
  [Op.f64_mul]: SimdOp.f64x2_mul,
  [Op.f64_div]: SimdOp.f64x2_div,
  [Op.f64_min]: SimdOp.f64x2_min,
  [Op.f64_max]: SimdOp.f64x2_max,
};
const F64X2_UNARY: Readonly<Record<number, number>> = {
  [Op.f64_neg]: SimdOp.f64x2_neg,
  [Op.f64_abs]: SimdOp.f64x2_abs,
  [Op.f64_sqrt]: SimdOp.f64x2_sqrt,
  [Op.f64_ceil]: SimdOp.f64x2_ceil,
  [Op.f64_floor]: SimdOp.f64x2_floor,
  [Op.f64_trunc]: SimdOp.f64x2_trunc,
  [Op.f64_nearest]: SimdOp.f64x2_nearest,
};
const F64X2_COMPARE: Readonly<Record<number, number>> = {
  [Op.f64_eq]: SimdOp.f64x2_eq,
  [Op.f64_ne]: SimdOp.f64x2_ne,
  [Op.f64_lt]: SimdOp.f64x2_lt,
  [Op.f64_gt]: SimdOp.f64x2_gt,
  [Op.f64_le]: SimdOp.f64x2_le,
  [Op.f64_ge]: SimdOp.f64x2_ge,
};
const MASK_BINARY: Readonly<Record<number, number>> = {
  [Op.i32_and]: SimdOp.v128_and,
  [Op.i32_or]: SimdOp.v128_or,
  [Op.i32_xor]: SimdOp.v128_xor,
};

const ZEROS = new Array<number>(16).fill(0);
const ONES = new Array<number>(16).fill(0xff);

/** Index of the `else` (or -1) and of the `end` of the block opened at `start`. */
function blockEnds(instrs: readonly Instr[], start: number): { els: number; end: number } {
  let depth = 0;
  let els = -1;
  for (let i = start + 1; i < instrs.length; i++) {
    const ins = instrs[i]!;
    if (ins.k === 'block') depth++;
    else if (ins.k === 'op' && ins.op === Op.else && depth === 0) els = i;
    else if (ins.k === 'op' && ins.op === Op.end) {
      if (depth === 0) return { els, end: i };
      depth--;
    }
  }
  throw new Untranslatable('unbalanced block');
}

/** True where `instrs[i]` is `i32.const 0` and the next instruction loads an f64 (an address). */
function isConstantLoad(instrs: readonly Instr[], i: number): boolean {
  const a = instrs[i]!;
  const b = instrs[i + 1];
  return a.k === 'i32' && a.value === 0 && b?.k === 'mem' && b.op === Op.f64_load;
}

/**
 * Writes the code `d` (its value an f64) for both lanes into `t.body`; `inputs[q]` pushes the
 * value pair of parameter q. Returns 'vector' or 'lanes' (how it was written).
 */
export function emitLanes(
  t: LaneTarget,
  d: Decoded,
  inputs: readonly ((b: FunctionBody) => void)[],
  perLane = false,
): 'vector' | 'lanes' {
  if (d.params.some((p) => p !== 'f64')) throw new Untranslatable('a parameter not a number');
  let vector = !perLane;
  if (vector)
    try {
      // A dry run into a scratch body: nothing reaches t.body unless the whole code is vector.
      new VectorWriter({ ...t, body: new FunctionBody([]) }, d, inputs).write();
    } catch (e) {
      if (!(e instanceof Untranslatable)) throw e;
      vector = false;
    }
  if (vector) {
    new VectorWriter(t, d, inputs).write();
    return 'vector';
  }
  emitPerLane(t, d, inputs);
  return 'lanes';
}

/** Combines lane values in locals r0 and r1 into a pair on the stack. */
export function pairOf(b: FunctionBody, r0: number, r1: number): void {
  b.get(r0).simd(SimdOp.f64x2_splat).get(r1).lane(SimdOp.f64x2_replace_lane, 1);
}

/** The code written once per lane, each reading its lane of the inputs. */
function emitPerLane(
  t: LaneTarget,
  d: Decoded,
  inputs: readonly ((b: FunctionBody) => void)[],
): void {
  const b = t.body;
  const P = d.params.length;
  const results: number[] = [];
  for (const lane of [0, 1] as const) {
    const locals = d.locals.map((ty) => b.local(ty));
    const local = (index: number): number => {
      if (index < P) throw new Untranslatable('a parameter assigned');
      return locals[index - P]!;
    };
    const instrs = d.instrs;
    for (let i = 0; i < instrs.length; i++) {
      const ins = instrs[i]!;
      if (ins.k === 'local') {
        if (ins.index < P && ins.op === Op.local_get) {
          inputs[ins.index]!(b);
          b.lane(SimdOp.f64x2_extract_lane, lane);
        } else b.opU(ins.op, local(ins.index));
      } else if (isConstantLoad(instrs, i)) {
        const load = instrs[++i] as Extract<Instr, { k: 'mem' }>;
        b.i32(0).loadF64(t.laneAddress(load.offset, lane));
      } else if (ins.k === 'mem') throw new Untranslatable('a load or store at a computed address');
      else emitInstr(b, ins);
    }
    const r = b.local('f64');
    b.set(r);
    results.push(r);
  }
  pairOf(b, results[0]!, results[1]!);
}

/** Writes code as f64x2 instructions; throws Untranslatable where it cannot. */
class VectorWriter {
  private readonly b: FunctionBody;
  private readonly P: number;
  /** The v128 local of each local of the code (made when first used). */
  private readonly locals = new Map<number, number>();
  private readonly localTy = new Map<number, Ty>();

  constructor(
    private readonly t: LaneTarget,
    private readonly d: Decoded,
    private readonly inputs: readonly ((b: FunctionBody) => void)[],
  ) {
    this.b = t.body;
    this.P = d.params.length;
  }

  write(): void {
    const stack: Ty[] = [];
    this.range(0, this.d.instrs.length, stack);
    if (stack.length !== 1 || stack[0] !== 'f64') throw new Untranslatable('not one number');
  }

  private local(index: number): number {
    let l = this.locals.get(index);
    if (l === undefined) this.locals.set(index, (l = this.b.local('v128')));
    return l;
  }

  /** Writes instructions [from, to) with `stack` the types on the stack. */
  private range(from: number, to: number, stack: Ty[]): void {
    const { b } = this;
    const instrs = this.d.instrs;
    const pop = (want?: Ty): Ty => {
      const ty = stack.pop();
      if (ty === undefined) throw new Untranslatable('stack underflow');
      if (want && ty !== want) throw new Untranslatable(`a ${ty} where a ${want} is read`);
      return ty;
    };
    for (let i = from; i < to; i++) {
      const ins = instrs[i]!;
      switch (ins.k) {
        case 'local': {
          if (ins.index < this.P) {
            if (ins.op !== Op.local_get) throw new Untranslatable('a parameter assigned');
            this.inputs[ins.index]!(b);
            stack.push('f64');
            break;
          }
          const declared = this.d.locals[ins.index - this.P];
          if (ins.op === Op.local_get) {
            const ty = this.localTy.get(ins.index);
            if (!ty) throw new Untranslatable('a local read before it is set');
            b.get(this.local(ins.index));
            stack.push(ty);
          } else {
            const ty = pop();
            if ((declared === 'f64') !== (ty === 'f64')) throw new Untranslatable('local type');
            const known = this.localTy.get(ins.index);
            if (known && known !== ty) throw new Untranslatable('local type');
            this.localTy.set(ins.index, ty);
            b.opU(ins.op, this.local(ins.index));
            if (ins.op === Op.local_tee) stack.push(ty);
          }
          break;
        }
        case 'i32':
          if (isConstantLoad(instrs, i)) {
            const load = instrs[++i] as Extract<Instr, { k: 'mem' }>;
            b.i32(0).simdMem(SimdOp.v128_load, 3, this.t.laneAddress(load.offset, 0));
            stack.push('f64');
          } else if (ins.value === 0 || ins.value === 1) {
            b.v128(ins.value === 1 ? ONES : ZEROS);
            stack.push('bool');
          } else throw new Untranslatable('an integer');
          break;
        case 'f64':
          b.f64x2(ins.value, ins.value);
          stack.push('f64');
          break;
        case 'call': {
          const sig = this.t.signatureOf(ins.fn);
          const paired = this.t.pairVersion(ins.fn);
          if (paired && sig.results.length === 1 && sig.params.every((p) => p === 'f64')) {
            for (let a = 0; a < sig.params.length; a++) pop('f64');
            b.call(paired);
            stack.push('f64');
            break;
          }
          if (
            sig.results.length !== 1 ||
            sig.results[0] !== 'f64' ||
            sig.params.some((p) => p !== 'f64')
          )
            throw new Untranslatable('a call not on numbers');
          const args = sig.params.map(() => b.local('v128'));
          for (let a = args.length - 1; a >= 0; a--) {
            pop('f64');
            b.set(args[a]!);
          }
          const r = [b.local('f64'), b.local('f64')];
          for (const lane of [0, 1] as const) {
            for (const a of args) b.get(a).lane(SimdOp.f64x2_extract_lane, lane);
            b.call(ins.fn).set(r[lane]!);
          }
          pairOf(b, r[0]!, r[1]!);
          stack.push('f64');
          break;
        }
        case 'block': {
          if (ins.op === Op.block) {
            i = this.valueBlock(i, stack);
            break;
          }
          if (ins.op !== Op.if) throw new Untranslatable('a loop');
          const { els, end } = blockEnds(instrs, i);
          if (els < 0) throw new Untranslatable('an if without else');
          const ty: Ty | null = ins.type === 0x7c ? 'f64' : ins.type === 0x7f ? 'bool' : null;
          if (!ty) throw new Untranslatable('an if of no value');
          pop('bool');
          this.pureArm(i + 1, els);
          this.pureArm(els + 1, end);
          const mask = b.local('v128');
          b.set(mask);
          const yes = b.local('v128');
          const arm = (a: number, z: number, into: number): void => {
            const s: Ty[] = [];
            this.range(a, z, s);
            if (s.length !== 1 || s[0] !== ty) throw new Untranslatable('an arm of another type');
            b.set(into);
          };
          arm(i + 1, els, yes);
          const no = b.local('v128');
          arm(els + 1, end, no);
          b.get(yes).get(no).get(mask).simd(SimdOp.v128_bitselect);
          stack.push(ty);
          i = end;
          break;
        }
        case 'branch':
          throw new Untranslatable('a branch');
        case 'mem':
          throw new Untranslatable('a load or store at a computed address');
        case 'op': {
          const op = ins.op;
          if (F64X2[op] !== undefined) {
            pop('f64');
            pop('f64');
            b.simd(F64X2[op]!);
            stack.push('f64');
          } else if (F64X2_UNARY[op] !== undefined) {
            pop('f64');
            b.simd(F64X2_UNARY[op]!);
            stack.push('f64');
          } else if (F64X2_COMPARE[op] !== undefined) {
            pop('f64');
            pop('f64');
            b.simd(F64X2_COMPARE[op]!);
            stack.push('bool');
          } else if (MASK_BINARY[op] !== undefined) {
            pop('bool');
            pop('bool');
            b.simd(MASK_BINARY[op]!);
            stack.push('bool');
          } else if (op === Op.i32_eqz) {
            pop('bool');
            b.simd(SimdOp.v128_not);
            stack.push('bool');
          } else if (op === Op.f64_convert_i32_u || op === Op.f64_convert_i32_s) {
            pop('bool');
            b.f64x2(1, 1).simd(SimdOp.v128_and);
            stack.push('f64');
          } else if (op === Op.select) {
            pop('bool');
            const ty = pop();
            pop(ty);
            b.simd(SimdOp.v128_bitselect);
            stack.push(ty);
          } else if (op === Op.drop) {
            pop();
            b.op(Op.drop);
          } else throw new Untranslatable(`instruction 0x${op.toString(16)}`);
          break;
        }
      }
    }
  }

  /**
   * A block of one value whose code runs straight to its end or to a `br 0` at its own level (an
   * inlined body's `return`; what follows it is not run): that code, as if not in a block.
   * Returns the index of the block's `end`.
   */
  private valueBlock(start: number, stack: Ty[]): number {
    const instrs = this.d.instrs;
    const open = instrs[start] as Extract<Instr, { k: 'block' }>;
    const ty: Ty | null = open.type === 0x7c ? 'f64' : open.type === 0x7f ? 'bool' : null;
    if (!ty) throw new Untranslatable('a block of no value');
    const { els, end } = blockEnds(instrs, start);
    if (els >= 0) throw new Untranslatable('an else in a block');
    let exit = end;
    let depth = 0;
    for (let i = start + 1; i < end; i++) {
      const ins = instrs[i]!;
      if (ins.k === 'block') depth++;
      else if (ins.k === 'op' && ins.op === Op.end) depth--;
      else if (ins.k === 'branch') {
        if (depth !== 0 || ins.op !== Op.br || ins.label !== 0)
          throw new Untranslatable('a branch');
        exit = i;
        break;
      } else if (ins.k === 'op' && (ins.op === Op.return || ins.op === Op.unreachable))
        throw new Untranslatable('a return');
    }
    const inner: Ty[] = [];
    this.range(start + 1, exit, inner);
    if (inner.length !== 1 || inner[0] !== ty) throw new Untranslatable('a block of another type');
    stack.push(ty);
    return end;
  }

  /**
   * Refuses an arm of a conditional that both lanes could not run: one with branches or stores,
   * or setting a local read outside it.
   */
  private pureArm(from: number, to: number): void {
    const instrs = this.d.instrs;
    const set = new Set<number>();
    for (let i = from; i < to; i++) {
      const ins = instrs[i]!;
      if (ins.k === 'branch') throw new Untranslatable('a branch in an arm');
      if (ins.k === 'op' && (ins.op === Op.return || ins.op === Op.unreachable))
        throw new Untranslatable('a return in an arm');
      if (ins.k === 'mem' && ins.op !== Op.f64_load) throw new Untranslatable('a store in an arm');
      if (ins.k === 'local' && ins.op !== Op.local_get) set.add(ins.index);
    }
    for (let i = 0; i < instrs.length; i++) {
      if (i >= from && i < to) continue;
      const ins = instrs[i]!;
      if (ins.k === 'local' && set.has(ins.index))
        throw new Untranslatable('a local of an arm used outside it');
    }
  }
}
