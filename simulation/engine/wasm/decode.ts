/**
 * Reads back the instructions of a function body being built (encode.ts): the code a translated
 * equation left in a scratch body, which lanes.ts then writes again, for two runs at once. Only
 * the instructions the translator writes are known; any other is refused (Untranslatable).
 */
import { Op, type FnRef, type FunctionBody, type ValType } from './encode';
import { Untranslatable } from './translate-common';

/** One instruction, its immediates decoded. */
export type Instr =
  | { readonly k: 'op'; readonly op: number }
  | { readonly k: 'block'; readonly op: number; readonly type: number }
  | { readonly k: 'branch'; readonly op: number; readonly label: number }
  | { readonly k: 'local'; readonly op: number; readonly index: number }
  | { readonly k: 'mem'; readonly op: number; readonly align: number; readonly offset: number }
  | { readonly k: 'i32'; readonly value: number }
  | { readonly k: 'f64'; readonly value: number }
  | { readonly k: 'call'; readonly fn: FnRef };

/** A body's instructions, parameters and locals (indices as in the body: parameters first). */
export interface Decoded {
  readonly instrs: readonly Instr[];
  readonly params: readonly ValType[];
  readonly locals: readonly ValType[];
}

const MEM_OPS: ReadonlySet<number> = new Set([
  Op.i32_load,
  Op.i64_load,
  Op.f64_load,
  Op.i32_load8_u,
  Op.i32_load16_u,
  Op.i32_store,
  Op.i64_store,
  Op.f64_store,
]);

/** Instructions without immediates that the translator writes. */
const PLAIN_OPS: ReadonlySet<number> = new Set<number>(
  Object.entries(Op)
    .filter(
      ([name]) =>
        !/^(block|loop|if|br|br_if|call|local_.*|i32_const|i64_const|f64_const)$/.test(name) &&
        !MEM_OPS.has(Op[name as keyof typeof Op]),
    )
    .map(([, code]) => code),
);

export function decodeBody(body: FunctionBody): Decoded {
  const { chunks, params, locals } = body.written();
  const instrs: Instr[] = [];
  for (const chunk of chunks) {
    decodeChunk(chunk.code, instrs);
    if (chunk.call) instrs.push({ k: 'call', fn: chunk.call });
  }
  return { instrs, params, locals };
}

function decodeChunk(code: readonly number[], out: Instr[]): void {
  let at = 0;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = code[at++]!;
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return result;
    }
  };
  const s32 = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = code[at++]!;
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result | 0;
  };
  while (at < code.length) {
    const op = code[at++]!;
    if (op === Op.block || op === Op.loop || op === Op.if)
      out.push({ k: 'block', op, type: code[at++]! });
    else if (op === Op.br || op === Op.br_if) out.push({ k: 'branch', op, label: u32() });
    else if (op === Op.local_get || op === Op.local_set || op === Op.local_tee)
      out.push({ k: 'local', op, index: u32() });
    else if (MEM_OPS.has(op)) {
      const align = u32();
      out.push({ k: 'mem', op, align, offset: u32() });
    } else if (op === Op.i32_const) out.push({ k: 'i32', value: s32() });
    else if (op === Op.f64_const) {
      const bytes = new Uint8Array(code.slice(at, at + 8));
      at += 8;
      out.push({ k: 'f64', value: new DataView(bytes.buffer).getFloat64(0, true) });
    } else if (PLAIN_OPS.has(op)) out.push({ k: 'op', op });
    else throw new Untranslatable(`instruction 0x${op.toString(16)} not read back`);
  }
}

/** Writes an instruction into `b` as it was (block types, labels and immediates unchanged). */
export function emitInstr(b: FunctionBody, ins: Instr): void {
  switch (ins.k) {
    case 'op':
      if (ins.op === Op.end) b.end();
      else b.op(ins.op);
      return;
    case 'block':
      b.begin(ins.op as typeof Op.block, ins.type);
      return;
    case 'branch':
      b.opU(ins.op, ins.label);
      return;
    case 'local':
      b.opU(ins.op, ins.index);
      return;
    case 'mem':
      b.mem(ins.op, ins.align, ins.offset);
      return;
    case 'i32':
      b.i32(ins.value);
      return;
    case 'f64':
      b.f64(ins.value);
      return;
    case 'call':
      b.call(ins.fn);
      return;
  }
}
