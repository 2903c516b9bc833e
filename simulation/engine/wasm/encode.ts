/**
 * A small WebAssembly binary writer: just what the engine's generated modules need (one memory,
 * imported and defined functions, i32/i64/f64 arithmetic, the few 128-bit SIMD instructions the
 * Monte Carlo's band counter uses, structured control flow). No text format, no validation beyond
 * what `WebAssembly.Module` does when it compiles the bytes.
 */

export type ValType = 'i32' | 'i64' | 'f64' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

/** Opcodes used by the engine (names as in the specification, `.` -> `_`). */
export const Op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  i32_load: 0x28,
  i64_load: 0x29,
  f64_load: 0x2b,
  i32_load8_u: 0x2d,
  i32_load16_u: 0x2f,
  i32_store: 0x36,
  i64_store: 0x37,
  f64_store: 0x39,
  i32_const: 0x41,
  i64_const: 0x42,
  f64_const: 0x44,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_ne: 0x47,
  i32_lt_s: 0x48,
  i32_lt_u: 0x49,
  i32_gt_s: 0x4a,
  i32_gt_u: 0x4b,
  i32_le_s: 0x4c,
  i32_le_u: 0x4d,
  i32_ge_s: 0x4e,
  i32_ge_u: 0x4f,
  i64_eqz: 0x50,
  i64_eq: 0x51,
  i64_ne: 0x52,
  i64_lt_u: 0x54,
  i64_gt_u: 0x56,
  i64_le_u: 0x58,
  i64_ge_u: 0x5a,
  f64_eq: 0x61,
  f64_ne: 0x62,
  f64_lt: 0x63,
  f64_gt: 0x64,
  f64_le: 0x65,
  f64_ge: 0x66,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_div_s: 0x6d,
  i32_div_u: 0x6e,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_xor: 0x73,
  i32_shl: 0x74,
  i32_shr_s: 0x75,
  i32_shr_u: 0x76,
  i32_rotl: 0x77,
  i64_add: 0x7c,
  i64_sub: 0x7d,
  i64_and: 0x83,
  i64_or: 0x84,
  i64_xor: 0x85,
  i64_shl: 0x86,
  i64_shr_s: 0x87,
  i64_shr_u: 0x88,
  f64_abs: 0x99,
  f64_neg: 0x9a,
  f64_ceil: 0x9b,
  f64_floor: 0x9c,
  f64_trunc: 0x9d,
  f64_nearest: 0x9e,
  f64_sqrt: 0x9f,
  f64_add: 0xa0,
  f64_sub: 0xa1,
  f64_mul: 0xa2,
  f64_div: 0xa3,
  f64_min: 0xa4,
  f64_max: 0xa5,
  f64_copysign: 0xa6,
  i32_wrap_i64: 0xa7,
  i32_trunc_f64_s: 0xaa,
  i32_trunc_f64_u: 0xab,
  i64_extend_i32_s: 0xac,
  i64_extend_i32_u: 0xad,
  f64_convert_i32_s: 0xb7,
  f64_convert_i32_u: 0xb8,
  i64_reinterpret_f64: 0xbd,
  f64_reinterpret_i64: 0xbf,
} as const;

/**
 * SIMD opcodes (after the 0xfd prefix) used by the band counter. Every lane operation is the
 * scalar IEEE-754 operation on each lane, so results are those of f64 code, to the bit.
 */
export const SimdOp = {
  v128_load: 0x00,
  v128_store: 0x0b,
  v128_const: 0x0c,
  i8x16_shuffle: 0x0d,
  f64x2_splat: 0x14,
  f64x2_extract_lane: 0x21,
  f64x2_replace_lane: 0x22,
  f64x2_eq: 0x47,
  f64x2_lt: 0x49,
  f64x2_gt: 0x4a,
  f64x2_ne: 0x48,
  f64x2_le: 0x4b,
  f64x2_ge: 0x4c,
  v128_not: 0x4d,
  v128_and: 0x4e,
  v128_or: 0x50,
  v128_xor: 0x51,
  v128_bitselect: 0x52,
  v128_load64_lane: 0x57,
  v128_store16_lane: 0x59,
  v128_store32_lane: 0x5a,
  v128_store64_lane: 0x5b,
  v128_load64_zero: 0x5d,
  i8x16_narrow_i16x8_u: 0x66,
  f64x2_ceil: 0x74,
  f64x2_floor: 0x75,
  f64x2_trunc: 0x7a,
  f64x2_nearest: 0x94,
  i16x8_narrow_i32x4_u: 0x86,
  i64x2_all_true: 0xc3,
  f64x2_abs: 0xec,
  f64x2_neg: 0xed,
  f64x2_sqrt: 0xef,
  f64x2_add: 0xf0,
  f64x2_sub: 0xf1,
  f64x2_mul: 0xf2,
  f64x2_div: 0xf3,
  f64x2_min: 0xf4,
  f64x2_max: 0xf5,
  f64x2_pmin: 0xf6,
  f64x2_pmax: 0xf7,
  i32x4_trunc_sat_f64x2_u_zero: 0xfd,
} as const;

/** Block types: no result, or one value. */
export const BLOCK_VOID = 0x40;
export const blockType = (t: ValType): number => VALTYPE[t];

class Bytes {
  readonly out: number[] = [];

  byte(b: number): this {
    this.out.push(b & 0xff);
    return this;
  }

  raw(bytes: readonly number[]): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  u32(v: number): this {
    let n = v >>> 0;
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      this.out.push(b);
    } while (n !== 0);
    return this;
  }

  s32(v: number): this {
    let n = v | 0;
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
        this.out.push(b);
        return this;
      }
      this.out.push(b | 0x80);
    }
  }

  s64(v: bigint): this {
    let n = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
        this.out.push(b);
        return this;
      }
      this.out.push(b | 0x80);
    }
  }

  f64(v: number): this {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.out.push(view.getUint8(i));
    return this;
  }

  name(s: string): this {
    const bytes = new TextEncoder().encode(s);
    this.u32(bytes.length);
    for (const b of bytes) this.out.push(b);
    return this;
  }

  /** A length-prefixed section or entry. */
  sized(content: Bytes): this {
    this.u32(content.out.length);
    return this.raw(content.out);
  }
}

/** A function of a module: its index is assigned when the module is encoded (imports first). */
export interface FnRef {
  index: number;
}

/** The body of one function: its locals and instructions. */
export class FunctionBody {
  private code = new Bytes();
  /** Finished code segments, each followed by a call to a function not yet numbered. */
  private readonly segments: { code: Bytes; call: FnRef }[] = [];
  private readonly localTypes: ValType[] = [];
  /** How many blocks, loops and ifs are open: a branch out of them counts its labels from it. */
  private open = 0;

  constructor(readonly params: readonly ValType[]) {}

  get depth(): number {
    return this.open;
  }

  /** A new local of type `t`; returns its index. */
  local(t: ValType): number {
    this.localTypes.push(t);
    return this.params.length + this.localTypes.length - 1;
  }

  op(code: number): this {
    this.code.byte(code);
    return this;
  }

  /** An instruction with one unsigned immediate (local index, function index, label depth). */
  opU(code: number, immediate: number): this {
    this.code.byte(code).u32(immediate);
    return this;
  }

  i32(v: number): this {
    this.code.byte(Op.i32_const).s32(v);
    return this;
  }

  i64(v: bigint): this {
    this.code.byte(Op.i64_const).s64(v);
    return this;
  }

  f64(v: number): this {
    this.code.byte(Op.f64_const).f64(v);
    return this;
  }

  get(local: number): this {
    return this.opU(Op.local_get, local);
  }

  set(local: number): this {
    return this.opU(Op.local_set, local);
  }

  tee(local: number): this {
    return this.opU(Op.local_tee, local);
  }

  /** A load or store with its alignment (log2 bytes) and constant offset. */
  mem(code: number, align: number, offset: number): this {
    this.code.byte(code).u32(align).u32(offset);
    return this;
  }

  loadF64(offset = 0): this {
    return this.mem(Op.f64_load, 3, offset);
  }

  storeF64(offset = 0): this {
    return this.mem(Op.f64_store, 3, offset);
  }

  loadI32(offset = 0): this {
    return this.mem(Op.i32_load, 2, offset);
  }

  storeI32(offset = 0): this {
    return this.mem(Op.i32_store, 2, offset);
  }

  /** A SIMD instruction without immediates. */
  simd(code: number): this {
    this.code.byte(0xfd).u32(code);
    return this;
  }

  /** A SIMD load or store with its alignment (log2 bytes) and constant offset. */
  simdMem(code: number, align: number, offset: number): this {
    this.code.byte(0xfd).u32(code).u32(align).u32(offset);
    return this;
  }

  /** A SIMD load or store of one lane: alignment, offset and the lane. */
  simdLane(code: number, align: number, offset: number, lane: number): this {
    this.code.byte(0xfd).u32(code).u32(align).u32(offset).byte(lane);
    return this;
  }

  /** i8x16.shuffle: byte i of the result is byte lanes[i] of the two operands (0-15, 16-31). */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16) throw new Error('a shuffle takes 16 lanes');
    this.code.byte(0xfd).u32(SimdOp.i8x16_shuffle).raw(lanes);
    return this;
  }

  /** A SIMD instruction with a lane index (extract_lane, replace_lane). */
  lane(code: number, lane: number): this {
    this.code.byte(0xfd).u32(code).byte(lane);
    return this;
  }

  /** v128.const of 16 bytes. */
  v128(bytes: readonly number[]): this {
    if (bytes.length !== 16) throw new Error('a v128 constant has 16 bytes');
    this.code.byte(0xfd).u32(SimdOp.v128_const).raw(bytes);
    return this;
  }

  /** v128.const with two f64 lanes. */
  f64x2(a: number, b: number): this {
    this.code.byte(0xfd).u32(SimdOp.v128_const).f64(a).f64(b);
    return this;
  }

  /** block / loop / if with a block type (BLOCK_VOID or blockType(t)). */
  begin(code: typeof Op.block | typeof Op.loop | typeof Op.if, type = BLOCK_VOID): this {
    this.code.byte(code).byte(type);
    this.open++;
    return this;
  }

  end(): this {
    this.open--;
    return this.op(Op.end);
  }

  call(fn: FnRef): this {
    this.segments.push({ code: this.code, call: fn });
    this.code = new Bytes();
    return this;
  }

  /** memory.copy (bulk memory): dest, source, length on the stack. */
  memoryCopy(): this {
    this.code.byte(0xfc).u32(10).byte(0).byte(0);
    return this;
  }

  /**
   * What was written so far, for a reader of the instructions (decode.ts): the code between
   * calls, each chunk's call (null after the last), the parameters' and locals' types.
   */
  written(): {
    readonly chunks: readonly { readonly code: readonly number[]; readonly call: FnRef | null }[];
    readonly params: readonly ValType[];
    readonly locals: readonly ValType[];
  } {
    return {
      chunks: [
        ...this.segments.map((s) => ({ code: s.code.out, call: s.call })),
        { code: this.code.out, call: null },
      ],
      params: this.params,
      locals: this.localTypes,
    };
  }

  /** The function's code entry (locals grouped by type, then the instructions and `end`). */
  encode(): Bytes {
    const body = new Bytes();
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    body.u32(groups.length);
    for (const [n, t] of groups) body.u32(n).byte(VALTYPE[t]);
    for (const seg of this.segments) body.raw(seg.code.out).byte(Op.call).u32(seg.call.index);
    body.raw(this.code.out).byte(Op.end);
    return new Bytes().sized(body);
  }
}

export interface Signature {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

const signatureKey = (s: Signature): string => `${s.params.join(',')}:${s.results.join(',')}`;

/** A module under construction. Functions may be imported and declared in any order. */
export class ModuleBuilder {
  private readonly types: Signature[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly imports: { module: string; name: string; type: number; ref: FnRef }[] = [];
  private readonly functions: { type: number; body: FunctionBody | null; ref: FnRef }[] = [];
  private readonly exports: { name: string; fn: FnRef }[] = [];
  private memoryPages = 1;
  private memoryExport: string | null = null;
  private memoryShared = false;
  private readonly segments: { offset: number; bytes: Uint8Array }[] = [];
  /** Where `data` places its first bytes (the engine sets it past its own memory layout). */
  dataStart = 0;
  /** The end of the last bytes `data` placed (dataStart when none were). */
  get dataEnd(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.offset + last.bytes.length : this.dataStart;
  }

  private typeOf(sig: Signature): number {
    const key = signatureKey(sig);
    let i = this.typeIndex.get(key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(sig);
      this.typeIndex.set(key, i);
    }
    return i;
  }

  /** Declares an imported function `env.<name>`. */
  importFunction(name: string, params: readonly ValType[], results: readonly ValType[]): FnRef {
    const ref = { index: -1 };
    this.imports.push({ module: 'env', name, type: this.typeOf({ params, results }), ref });
    return ref;
  }

  /** The parameter and result types of a declared or imported function. */
  signatureOf(fn: FnRef): Signature {
    const f = this.functions.find((g) => g.ref === fn) ?? this.imports.find((g) => g.ref === fn);
    if (!f) throw new Error('function not declared');
    return this.types[f.type]!;
  }

  /** Declares a function whose body is given later (functions may call each other). */
  declareFunction(params: readonly ValType[], results: readonly ValType[]): FnRef {
    const ref = { index: -1 };
    this.functions.push({ type: this.typeOf({ params, results }), body: null, ref });
    return ref;
  }

  define(fn: FnRef, body: FunctionBody): void {
    const f = this.functions.find((g) => g.ref === fn);
    if (!f || f.body) throw new Error('function not declared or already defined');
    f.body = body;
  }

  exportFunction(name: string, fn: FnRef): void {
    this.exports.push({ name, fn });
  }

  /**
   * Bytes the module's memory holds from instantiation (an active data segment), 8-byte aligned
   * after the previous ones; returns their address.
   */
  data(bytes: Uint8Array): number {
    const offset = Math.ceil(this.dataEnd / 8) * 8;
    this.segments.push({ offset, bytes });
    return offset;
  }

  /** The module's memory: initial size in 64 KiB pages, exported under `name`. */
  /**
   * The module's memory, exported as `name`. A shared memory (a SharedArrayBuffer, which another
   * thread may read without a copy) has `pages` as its maximum too: it never grows.
   */
  memory(pages: number, name: string, shared = false): void {
    this.memoryPages = pages;
    this.memoryExport = name;
    this.memoryShared = shared;
  }

  encode(): Uint8Array<ArrayBuffer> {
    this.imports.forEach((f, i) => (f.ref.index = i));
    this.functions.forEach((f, i) => (f.ref.index = this.imports.length + i));
    const out = new Bytes().raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, content: Bytes): void => {
      out.byte(id).sized(content);
    };
    const types = new Bytes().u32(this.types.length);
    for (const t of this.types) {
      types.byte(0x60).u32(t.params.length);
      for (const p of t.params) types.byte(VALTYPE[p]);
      types.u32(t.results.length);
      for (const r of t.results) types.byte(VALTYPE[r]);
    }
    section(1, types);
    if (this.imports.length > 0) {
      const imports = new Bytes().u32(this.imports.length);
      for (const i of this.imports) imports.name(i.module).name(i.name).byte(0x00).u32(i.type);
      section(2, imports);
    }
    const fns = new Bytes().u32(this.functions.length);
    for (const f of this.functions) fns.u32(f.type);
    section(3, fns);
    const pages = Math.max(this.memoryPages, Math.ceil(this.dataEnd / 65536));
    // Limits: 0x00 a minimum; 0x03 shared, with a maximum.
    if (this.memoryShared) section(5, new Bytes().u32(1).byte(0x03).u32(pages).u32(pages));
    else section(5, new Bytes().u32(1).byte(0x00).u32(pages));
    const exports = new Bytes().u32(this.exports.length + (this.memoryExport ? 1 : 0));
    for (const e of this.exports) exports.name(e.name).byte(0x00).u32(e.fn.index);
    if (this.memoryExport) exports.name(this.memoryExport).byte(0x02).u32(0);
    section(7, exports);
    const code = new Bytes().u32(this.functions.length);
    for (const f of this.functions) {
      if (!f.body) throw new Error('a declared function has no body');
      code.raw(f.body.encode().out);
    }
    section(10, code);
    if (this.segments.length > 0) {
      const data = new Bytes().u32(this.segments.length);
      for (const seg of this.segments) {
        // Active segment of memory 0 at a constant address: i32.const offset, end, the bytes.
        data.byte(0x00).byte(Op.i32_const).s32(seg.offset).byte(Op.end).u32(seg.bytes.length);
        data.raw(Array.from(seg.bytes));
      }
      section(11, data);
    }
    return Uint8Array.from(out.out);
  }
}
