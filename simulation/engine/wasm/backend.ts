/**
 * Third backend: the whole run loop as one WebAssembly module per compiled model. Equations with
 * a registered source (../equation-source.ts) are translated (translate.ts) and inlined, their
 * helpers become functions of the module, noise and its generators run in the module
 * (rng-wasm.ts), and the stocks are integrated there; an equation that cannot be translated is
 * imported and called, so every model runs. The operations and their order are the interpreter's,
 * so the results are bit-identical (tests/engine/backends.property.test.ts).
 *
 * Memory: the state vector x at 0 (copied in from the model's context before a run and back
 * after), the generators' states, a scratch area for the inputs of list equations that could
 * not be inlined (see translate.ts, inlineListEquation), then per run the recorded slots and the
 * series, which are copied to the caller's buffer.
 */
import type { CompiledModel, Program } from '../compile';
import type { RunLoop } from '../codegen';
import { equationSourceOf } from '../equation-source';
import { Assembly, hostFunction, type WasmImport } from './assembly';
import { BLOCK_VOID, FunctionBody, Op } from './encode';
import { emitRng } from './rng-wasm';
import { Translator, Untranslatable } from './translate';
import type { Hoister } from './translate-common';
import { equationCost, stepSchedule } from './schedule';

export { registerWasmBuiltin } from './assembly';

export const PAGE = 65536;
/** A generator's state in memory (Rng.writeState's layout). */
export const RNG_BYTES = 32;
/** The most values hoisted out of the steps of one model (more stay in the steps). */
export const HOIST_CAPACITY = 1024;

/** True where WebAssembly may be compiled (not under a CSP without 'wasm-unsafe-eval'). */
export function wasmAvailable(): boolean {
  try {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    return new WebAssembly.Instance(new WebAssembly.Module(empty)) instanceof WebAssembly.Instance;
  } catch {
    return false;
  }
}

/** How the equations of a model were compiled (for tests and the benchmark). */
export interface WasmStats {
  readonly translated: number;
  readonly called: number;
  /** List equations emitted inline, reading their inputs where they are. */
  readonly inlineLists: number;
  /** List equations whose inputs are copied to the scratch area for a helper or a call. */
  readonly copiedLists: number;
  /** Run-invariant expressions computed once per run instead of in every step. */
  readonly hoisted: number;
  /** Equations the step's schedule (schedule.ts) placed elsewhere than the program's order. */
  readonly moved: number;
}

const translations = new WeakMap<RunLoop, WasmRunArtifact>();
export function wasmStatsOf(loop: RunLoop): WasmStats | undefined {
  return translations.get(loop)?.stats;
}

/**
 * A model's run loop translated to WebAssembly and compiled: what another instance needs, in this
 * thread or in another that compiled the same model (a WebAssembly.Module may be posted to a
 * worker, which then skips the translation, and V8 shares its compiled code between the threads).
 */
export interface WasmRunArtifact {
  /** The model it was translated for (wasmModelKey): another model's is not used. */
  readonly key: string;
  readonly module: WebAssembly.Module;
  /** What the module's imports f0, f1, ... are. */
  readonly imports: readonly WasmImport[];
  /** Where the run's record and series start in the memory. */
  readonly fixedEnd: number;
  readonly stats: WasmStats;
}

/**
 * What a run loop is translated from: the variables (names, slots, which are constants), the
 * program (each equation's output, inputs, noise and source text) and the stocks' flows. Two
 * threads that build the same model agree on it.
 */
export function wasmModelKey(model: CompiledModel): string {
  const p = model.program;
  return JSON.stringify([
    model.variables.map((v) => [v.name, v.constant]),
    Array.from(p.outputs),
    Array.from(p.inputs),
    Array.from(p.inputStart),
    Array.from(p.noise),
    Array.from(p.noiseSigma),
    p.fns.map((f, i) => String(p.listFns[i] ?? f)),
    Array.from(model.stockSlots),
    Array.from(model.inflowSlots),
    Array.from(model.inflowStart),
    Array.from(model.outflowSlots),
    Array.from(model.outflowStart),
  ]);
}

/**
 * The translation behind a run loop, where another thread may use it (every import is one that
 * thread binds itself: no function of this thread's), else null.
 */
export function wasmArtifactOf(loop: RunLoop): WasmRunArtifact | null {
  const artifact = translations.get(loop);
  return artifact && artifact.imports.every((w) => w.kind !== 'function') ? artifact : null;
}

/** Where each noisy equation's generator state and the list scratch area are in the memory. */
function memoryLayout(p: Program, nSlots: number): { rngAt: Int32Array; scratch: number } {
  const rngAt = new Int32Array(p.length).fill(-1);
  let at = align8(nSlots * 8);
  for (let i = 0; i < p.length; i++) {
    if (p.noise[i] !== 0) {
      rngAt[i] = at;
      at += RNG_BYTES;
    }
  }
  return { rngAt, scratch: at };
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * The finiteness check (each computed value's v * 0, summed: 0 unless one was NaN or infinite)
 * goes into this many sums, in turn: one sum made every equation of a step wait on the previous
 * one's addition (measured: a run about 17% slower than without the check; with 4 sums about 7%,
 * with 8 or 16 no better).
 */
export const CHECKS = 4;

/**
 * The model's run loop in WebAssembly: `reuse`'s module where it was translated for this model
 * (wasmModelKey), else a new translation.
 */
export function generateWasmRunLoop(
  model: CompiledModel,
  reuse: WasmRunArtifact | null = null,
): RunLoop {
  const artifact =
    reuse !== null && reuse.key === wasmModelKey(model) ? reuse : translateRunLoop(model);
  const loop = instantiateRunLoop(model, artifact);
  translations.set(loop, artifact);
  return loop;
}

function translateRunLoop(model: CompiledModel): WasmRunArtifact {
  const p: Program = model.program;
  const nSlots = model.variables.length;
  const asm = new Assembly();
  const translator = new Translator(asm);
  const { rngAt, scratch } = memoryLayout(p, nSlots);
  let maxList = 0;
  for (let i = 0; i < p.length; i++)
    if (p.listFns[i]) maxList = Math.max(maxList, p.inputStart[i + 1]! - p.inputStart[i]!);
  // Values hoisted out of the steps (see the hoister below) go after the list scratch area, the
  // tables of the deterministic maths (data segments) after them.
  const hoistAt = align8(scratch + maxList * 8);
  asm.builder.dataStart = hoistAt + HOIST_CAPACITY * 8;

  const rng = emitRng(asm, {
    log: asm.math('log'),
    sin: asm.math('sin'),
    cos: asm.math('cos'),
    exp: asm.math('exp'),
  });

  // The run function: (points, dt, stochastic, record pointer, record length, series pointer).
  const run = asm.declareFunction(['i32', 'f64', 'i32', 'i32', 'i32', 'i32'], ['f64']);
  const PARAMS = ['i32', 'f64', 'i32', 'i32', 'i32', 'i32'] as const;
  const [POINTS, DT, STOCH, REC, RECLEN, OUT] = [0, 1, 2, 3, 4, 5];
  const b = new FunctionBody(PARAMS);
  const k = b.local('i32');
  const checks = Array.from({ length: CHECKS }, () => b.local('f64'));
  const v = b.local('f64');
  const sg = b.local('f64');
  const j = b.local('i32');
  const base = b.local('i32');
  const recEnd = b.local('i32');
  // A value computed earlier in the step is read from its local, not loaded back from the memory
  // it was just stored to (V8 does not forward those stores: each load waited on its store).
  const localOf = new Map<number, number>();
  /** Pushes the value of a slot onto the stack of `into` (a translated equation's body). */
  const load = (slot: number) => {
    const l = localOf.get(slot);
    return l === undefined
      ? (into: FunctionBody): void => {
          into.i32(0).loadF64(slot * 8);
        }
      : (into: FunctionBody): void => {
          into.get(l);
        };
  };

  // Expressions of an equation that do not change during a run (of parameters and constants
  // only: `p + acq`, `1 - cut * p`, ...) are computed once, by `init` before the first step, into
  // memory, and the steps read them: the same operations on the same values, so the same bits.
  const init = asm.declareFunction([], []);
  const initBody = new FunctionBody([]);
  let hoisted = 0;
  const hoister: Hoister = {
    hoist(compute) {
      if (hoisted === HOIST_CAPACITY) return null;
      try {
        compute(new FunctionBody([])); // a failure leaves nothing in init
      } catch (e) {
        if (e instanceof Untranslatable) return null;
        throw e;
      }
      const at = hoistAt + 8 * hoisted++;
      initBody.i32(0);
      compute(initBody);
      initBody.storeF64(at);
      return (into) => void into.i32(0).loadF64(at);
    },
  };
  const invariantSlot = (slot: number): boolean => model.variables[slot]!.constant;

  let translated = 0;
  let called = 0;
  let inlineLists = 0;
  b.call(init);
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  // x[0] = k * dt
  b.i32(0).get(k).op(Op.f64_convert_i32_s).get(DT).op(Op.f64_mul).storeF64(0);
  // The equations in the order of a list schedule (schedule.ts): the same values, sooner.
  const order = stepSchedule({
    count: p.length,
    output: (i) => p.outputs[i]!,
    reads: (i) => {
      const inputs = p.inputs.subarray(p.inputStart[i]!, p.inputStart[i + 1]!);
      return p.noise[i] === 2 ? [...inputs, p.noiseSigma[i]!] : inputs;
    },
    cost: (i) => equationCost(equationSourceOf(p.listFns[i] ?? p.fns[i]!), p.noise[i]!),
  });
  for (let at = 0; at < p.length; at++) {
    const i = order[at]!;
    const a = p.inputStart[i]!;
    const n = p.inputStart[i + 1]! - a;
    const inputs = Array.from({ length: n }, (_, q) => p.inputs[a + q]!);
    const lf = p.listFns[i];
    let inlined = false;
    if (lf) {
      // Inline, each input read from its slot where the equation uses it (translate.ts).
      try {
        translator.inlineListEquation(lf, b, inputs.map(load));
        inlined = true;
        translated++;
        inlineLists++;
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
      }
    }
    if (lf && !inlined) {
      // Else copy the inputs to the scratch area and call the list function on (pointer, length).
      inputs.forEach((slot, q) =>
        b
          .i32(scratch + q * 8)
          .i32(0)
          .loadF64(slot * 8)
          .storeF64(),
      );
      try {
        const fn = translator.listEquation(lf);
        b.i32(scratch).i32(n).call(fn);
        translated++;
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        b.call(asm.importList(i));
        called++;
      }
    } else if (!lf) {
      const f = p.fns[i]!;
      const src = equationSourceOf(f);
      const args = inputs.map(load);
      let done = false;
      if (src) {
        try {
          // Inline (a failure leaves nothing in the run function), else a helper called.
          translator.inlineEquation(src, b, args, {
            invariant: inputs.map(invariantSlot),
            hoister,
          });
          done = true;
        } catch (e) {
          if (!(e instanceof Untranslatable)) throw e;
          try {
            const fn = translator.positionalFunction(f, n);
            for (const arg of args) arg(b);
            b.call(fn);
            done = true;
          } catch (e2) {
            if (!(e2 instanceof Untranslatable)) throw e2;
          }
        }
      }
      if (done) translated++;
      else {
        for (const arg of args) arg(b);
        b.call(asm.importCall(f, n, { kind: 'equation', index: i }));
        called++;
      }
    }
    b.set(v);
    // Noise (stochastic mode only), as the interpreter draws it.
    if (p.noise[i] === 1) {
      b.get(STOCH).begin(Op.if, BLOCK_VOID);
      b.i32(rngAt[i]!)
        .get(v)
        .get(DT)
        .op(Op.f64_mul)
        .call(rng.poisson)
        .get(DT)
        .op(Op.f64_div)
        .set(v);
      b.end();
    } else if (p.noise[i] === 2) {
      b.get(STOCH).begin(Op.if, BLOCK_VOID);
      load(p.noiseSigma[i]!)(b);
      b.set(sg);
      // v * exp(sg * normal() - 0.5 * sg * sg)
      b.get(v);
      b.get(sg).i32(rngAt[i]!).call(rng.normal).op(Op.f64_mul);
      b.f64(0.5).get(sg).op(Op.f64_mul).get(sg).op(Op.f64_mul).op(Op.f64_sub);
      b.call(asm.math('exp')).op(Op.f64_mul).set(v);
      b.end();
    }
    const out = b.local('f64');
    b.get(v).set(out);
    localOf.set(p.outputs[i]!, out);
    b.i32(0)
      .get(v)
      .storeF64(p.outputs[i]! * 8);
    const check = checks[at % CHECKS]!;
    b.get(check).get(v).f64(0).op(Op.f64_mul).op(Op.f64_add).set(check);
  }
  // Record the point: the whole state, or the listed slots.
  b.get(RECLEN).op(Op.i32_eqz).begin(Op.if, BLOCK_VOID);
  b.get(OUT)
    .get(k)
    .i32(nSlots * 8)
    .op(Op.i32_mul)
    .op(Op.i32_add)
    .i32(0)
    .i32(nSlots * 8)
    .memoryCopy();
  b.op(Op.else);
  // base: where the point's values go; j: the record entry read (a pointer), four entries at a
  // time, then one at a time (measured: the runs of a draw about 1% faster than one at a time).
  b.get(OUT).get(k).get(RECLEN).op(Op.i32_mul).i32(3).op(Op.i32_shl).op(Op.i32_add).set(base);
  b.get(REC).set(j);
  b.get(REC).get(RECLEN).i32(2).op(Op.i32_shl).op(Op.i32_add).set(recEnd);
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.get(j).i32(16).op(Op.i32_add).get(recEnd).op(Op.i32_gt_u).opU(Op.br_if, 1);
  for (let q = 0; q < 4; q++) {
    b.get(base)
      .get(j)
      .loadI32(4 * q)
      .i32(3)
      .op(Op.i32_shl)
      .loadF64()
      .storeF64(8 * q);
  }
  b.get(base).i32(32).op(Op.i32_add).set(base);
  b.get(j).i32(16).op(Op.i32_add).set(j);
  b.opU(Op.br, 0).end().end();
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.get(j).get(recEnd).op(Op.i32_ge_u).opU(Op.br_if, 1);
  b.get(base).get(j).loadI32().i32(3).op(Op.i32_shl).loadF64().storeF64();
  b.get(base).i32(8).op(Op.i32_add).set(base);
  b.get(j).i32(4).op(Op.i32_add).set(j);
  b.opU(Op.br, 0).end().end();
  b.end();
  // The last point: done.
  b.get(k).get(POINTS).i32(1).op(Op.i32_sub).op(Op.i32_eq).opU(Op.br_if, 1);
  // Euler step: x += dt * (0 + inflows - outflows), in the interpreter's order.
  model.stockSlots.forEach((s, q) => {
    b.i32(0)
      .i32(0)
      .loadF64(s * 8)
      .get(DT)
      .f64(0);
    for (let f = model.inflowStart[q]!; f < model.inflowStart[q + 1]!; f++) {
      load(model.inflowSlots[f]!)(b);
      b.op(Op.f64_add);
    }
    for (let f = model.outflowStart[q]!; f < model.outflowStart[q + 1]!; f++) {
      load(model.outflowSlots[f]!)(b);
      b.op(Op.f64_sub);
    }
    b.op(Op.f64_mul)
      .op(Op.f64_add)
      .storeF64(s * 8);
  });
  b.get(k).i32(1).op(Op.i32_add).set(k);
  b.opU(Op.br, 0).end().end();
  checks.forEach((c, q) => {
    b.get(c);
    if (q > 0) b.op(Op.f64_add);
  });
  asm.define(init, initBody);
  asm.define(run, b);
  asm.builder.exportFunction('run', run);
  const fixedEnd = align8(asm.builder.dataEnd);
  asm.builder.memory(Math.max(1, Math.ceil(fixedEnd / PAGE)), 'memory');
  const lists = p.listFns.filter((f) => f !== null).length;
  return {
    key: wasmModelKey(model),
    module: new WebAssembly.Module(asm.builder.encode()),
    imports: asm.imports,
    fixedEnd,
    stats: {
      translated,
      called,
      inlineLists,
      copiedLists: lists - inlineLists,
      hoisted,
      moved: order.filter((i, at) => i !== at).length,
    },
  };
}

/**
 * An instance of a translated module, its imports bound (the model's equations, its list
 * equations reading their inputs from the scratch area at `scratch`, dmath's and Math's
 * functions), and views of its memory, renewed when it grows (growing detaches the old buffer).
 */
export class ModuleMemory {
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  view = new DataView(new ArrayBuffer(0));
  readonly instance: WebAssembly.Instance;
  private readonly memory: WebAssembly.Memory;

  constructor(
    model: CompiledModel,
    artifact: { readonly module: WebAssembly.Module; readonly imports: readonly WasmImport[] },
    scratch: number,
  ) {
    const p = model.program;
    const bind = (w: WasmImport): unknown => {
      switch (w.kind) {
        case 'equation':
          return p.fns[w.index];
        case 'list': {
          // Copies the inputs from the scratch area and calls the list equation on them.
          const lf = p.listFns[w.index]!;
          const buf = p.listBuffers[w.index]!;
          const n = p.inputStart[w.index + 1]! - p.inputStart[w.index]!;
          const from = scratch / 8;
          return (): number => {
            buf.set(this.f64.subarray(from, from + n));
            return lf(buf);
          };
        }
        default:
          return hostFunction(w);
      }
    };
    const env = Object.fromEntries(artifact.imports.map((w, k) => [`f${k}`, bind(w)]));
    this.instance = new WebAssembly.Instance(artifact.module, {
      env: env as WebAssembly.ModuleImports,
    });
    this.memory = this.instance.exports.memory as WebAssembly.Memory;
    this.refresh();
  }

  /** Grows the memory (keeping its contents) to hold at least `bytes`. */
  reserve(bytes: number): void {
    if (bytes <= this.memory.buffer.byteLength) return;
    this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE));
    this.refresh();
  }

  private refresh(): void {
    this.f64 = new Float64Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.view = new DataView(this.memory.buffer);
  }
}

/** An instance of a translated run loop, its imports bound to the model's functions. */
function instantiateRunLoop(model: CompiledModel, artifact: WasmRunArtifact): RunLoop {
  const p = model.program;
  const nSlots = model.variables.length;
  const { rngAt, scratch } = memoryLayout(p, nSlots);
  const { fixedEnd } = artifact;
  const mem = new ModuleMemory(model, artifact, scratch);
  const runExport = mem.instance.exports.run as (
    points: number,
    dt: number,
    stochastic: number,
    rec: number,
    recLen: number,
    out: number,
  ) => number;
  const streams = p.streams;

  const loop: RunLoop = (x, values, points, dt, stochastic, record) => {
    const width = record ? record.length : nSlots;
    const rec = fixedEnd;
    const out = align8(rec + (record ? record.length * 4 : 0));
    mem.reserve(out + points * width * 8);
    mem.f64.set(x.subarray(0, nSlots));
    if (record) mem.i32.set(record, rec / 4);
    if (stochastic)
      for (let i = 0; i < streams.length; i++) streams[i]?.writeState(mem.view, rngAt[i]!);
    const result = runExport(points, dt, stochastic ? 1 : 0, rec, record ? record.length : 0, out);
    x.set(mem.f64.subarray(0, nSlots));
    if (stochastic)
      for (let i = 0; i < streams.length; i++) streams[i]?.readState(mem.view, rngAt[i]!);
    values.set(mem.f64.subarray(out / 8, out / 8 + points * width));
    return result;
  };
  return loop;
}
