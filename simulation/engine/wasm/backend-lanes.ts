/**
 * Two runs of one model at once, in the two lanes of 128-bit SIMD (lanes.ts): the run loop of
 * backend.ts for a pair of runs (two parameter vectors, two seeds) that keep the same slots, each
 * lane computing the bits its run computes alone. For the Monte Carlo's draws: two draws cost
 * less than twice one, as most of a step's arithmetic is done for both in one instruction.
 *
 * Memory: the state of both runs interleaved (slot s of lane l at 16 s + 8 l), the generators'
 * states of each lane, the list scratch area, the hoisted values' pairs, the tables (data), then
 * per run the recorded slots and each lane's series.
 */
import type { CompiledModel, Program } from '../compile';
import { equationSourceOf } from '../equation-source';
import { Assembly, type WasmImport } from './assembly';
import { CHECKS, HOIST_CAPACITY, ModuleMemory, PAGE, RNG_BYTES, wasmModelKey } from './backend';
import { decodeBody } from './decode';
import { BLOCK_VOID, FunctionBody, Op, SimdOp } from './encode';
import { emitLanes, pairOf, type Lane, type LaneTarget } from './lanes';
import { emitRng } from './rng-wasm';
import { Translator, Untranslatable } from './translate';
import type { Hoister } from './translate-common';
import { equationCost, stepSchedule } from './schedule';

/** Where hoisted values are in the scalar code read back (an address space of its own). */
const VIRTUAL_HOIST = 0x40000000;

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

export interface LaneLayout {
  /** Each noisy equation's generator state, per lane (-1: not noisy). */
  readonly rngAt: readonly [Int32Array, Int32Array];
  readonly scratch: number;
  readonly hoistAt: number;
  readonly fixedEnd: number;
}

export interface LaneArtifact {
  readonly key: string;
  readonly module: WebAssembly.Module;
  readonly imports: readonly WasmImport[];
  readonly layout: LaneLayout;
  readonly stats: { readonly vector: number; readonly lanes: number; readonly called: number };
}

function laneLayout(p: Program, nSlots: number, maxList: number): Omit<LaneLayout, 'fixedEnd'> {
  const rngAt: [Int32Array, Int32Array] = [
    new Int32Array(p.length).fill(-1),
    new Int32Array(p.length).fill(-1),
  ];
  let at = align16(nSlots * 16);
  for (let i = 0; i < p.length; i++) {
    if (p.noise[i] !== 0) {
      rngAt[0][i] = at;
      rngAt[1][i] = at + RNG_BYTES;
      at += 2 * RNG_BYTES;
    }
  }
  const scratch = at;
  const hoistAt = align16(scratch + maxList * 8);
  return { rngAt, scratch, hoistAt };
}

const laneLoops = new WeakMap<
  CompiledModel,
  { loop: LaneRunLoop; artifact: LaneArtifact } | null
>();

/**
 * The model's run loop for pairs of runs (wasm backend only; null where a construct of its code
 * has no two-lane form): `reuse`'s module where it was translated for this model (another
 * thread's, see WasmRunArtifact), else a new translation. Made once per compiled model.
 */
export function laneLoopOf(
  model: CompiledModel,
  reuse: LaneArtifact | null = null,
): LaneRunLoop | null {
  let made = laneLoops.get(model);
  if (made === undefined) {
    made = null;
    if (model.backend === 'wasm') {
      const key = wasmModelKey(model);
      try {
        const artifact =
          reuse !== null && reuse.key === key ? reuse : translateLaneLoop(model, key);
        made = { loop: instantiateLaneLoop(model, artifact), artifact };
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
      }
    }
    laneLoops.set(model, made);
  }
  return made?.loop ?? null;
}

/** The translation behind a model's lane loop, for another thread (null: none made here). */
export function laneArtifactOf(model: CompiledModel): LaneArtifact | null {
  const made = laneLoops.get(model);
  return made && made.artifact.imports.every((w) => w.kind !== 'function') ? made.artifact : null;
}

/**
 * Translates `model`'s run loop for pairs of runs; throws Untranslatable where it cannot.
 * `perLane` writes every equation lane by lane, none as f64x2 code (for tests: the same bits).
 */
export function translateLaneLoop(
  model: CompiledModel,
  key: string,
  { perLane = false }: { perLane?: boolean } = {},
): LaneArtifact {
  const p: Program = model.program;
  const nSlots = model.variables.length;
  const asm = new Assembly(true);
  const translator = new Translator(asm);
  let maxList = 0;
  for (let i = 0; i < p.length; i++)
    if (p.listFns[i]) maxList = Math.max(maxList, p.inputStart[i + 1]! - p.inputStart[i]!);
  const { rngAt, scratch, hoistAt } = laneLayout(p, nSlots, maxList);
  asm.builder.dataStart = hoistAt + HOIST_CAPACITY * 16;

  const rng = emitRng(
    asm,
    { log: asm.math('log'), sin: asm.math('sin'), cos: asm.math('cos'), exp: asm.math('exp') },
    true,
  );
  const run = asm.declareFunction(['i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32'], ['f64']);
  const PARAMS = ['i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32'] as const;
  const [POINTS, DT, STOCH, REC, RECLEN, OUT0, OUT1] = [0, 1, 2, 3, 4, 5, 6];
  const b = new FunctionBody(PARAMS);
  const k = b.local('i32');
  const checks = Array.from({ length: CHECKS }, () => b.local('v128'));
  const dtv = b.local('v128');
  const j = b.local('i32');
  const base = b.local('i32');
  const slotAt = b.local('i32');
  const recEnd = b.local('i32');
  const r = [b.local('f64'), b.local('f64')];
  const sg = b.local('f64');

  const laneAddress = (address: number, lane: Lane): number => {
    if (address >= 0 && address < nSlots * 8 && address % 8 === 0) return address * 2 + 8 * lane;
    const h = address - VIRTUAL_HOIST;
    if (h >= 0 && h < HOIST_CAPACITY * 8 && h % 8 === 0) return hoistAt + h * 2 + 8 * lane;
    throw new Untranslatable(`address ${address} has no lanes`);
  };
  const target = (body: FunctionBody): LaneTarget => ({
    body,
    signatureOf: (fn) => asm.builder.signatureOf(fn),
    laneAddress,
    pairVersion: (fn) => asm.pairVersion(fn),
  });

  // Values computed earlier in the step are read from their v128 local.
  const localOf = new Map<number, number>();
  const pair =
    (slot: number) =>
    (into: FunctionBody): void => {
      const l = localOf.get(slot);
      if (l === undefined) into.i32(0).simdMem(SimdOp.v128_load, 3, slot * 16);
      else into.get(l);
    };
  /** The scalar code's read of a slot, which lanes.ts maps to each lane's copy. */
  const scalarLoad =
    (slot: number) =>
    (into: FunctionBody): void =>
      void into.i32(0).loadF64(slot * 8);

  const init = asm.declareFunction([], []);
  const initBody = new FunctionBody([]);
  let hoisted = 0;
  const hoister: Hoister = {
    hoist(compute) {
      if (hoisted === HOIST_CAPACITY) return null;
      const scratchBody = new FunctionBody([]);
      try {
        compute(scratchBody);
        const at = VIRTUAL_HOIST + 8 * hoisted;
        const d = decodeBody(scratchBody);
        // A failure leaves nothing in init: try into a scratch init first.
        emitLanes(target(new FunctionBody([])), d, [], perLane);
        initBody.i32(0);
        emitLanes(target(initBody), d, [], perLane);
        initBody.simdMem(SimdOp.v128_store, 3, laneAddress(at, 0));
        hoisted++;
        return (into) => void into.i32(0).loadF64(at);
      } catch (e) {
        if (e instanceof Untranslatable) return null;
        throw e;
      }
    },
  };
  const invariantSlot = (slot: number): boolean => model.variables[slot]!.constant;

  let vector = 0;
  let lanes = 0;
  let called = 0;
  b.call(init);
  b.get(DT).simd(SimdOp.f64x2_splat).set(dtv);
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.i32(0).get(k).op(Op.f64_convert_i32_s).get(DT).op(Op.f64_mul).simd(SimdOp.f64x2_splat);
  b.simdMem(SimdOp.v128_store, 3, 0);
  const order = stepSchedule({
    count: p.length,
    output: (i) => p.outputs[i]!,
    reads: (i) => {
      const inputs = p.inputs.subarray(p.inputStart[i]!, p.inputStart[i + 1]!);
      return p.noise[i] === 2 ? [...inputs, p.noiseSigma[i]!] : inputs;
    },
    cost: (i) => equationCost(equationSourceOf(p.listFns[i] ?? p.fns[i]!), p.noise[i]!),
  });
  /** Per lane: pushes the inputs as arguments, calls, keeps the result; then the pair. */
  const perLaneCall = (call: (lane: Lane) => void): void => {
    for (const lane of [0, 1] as const) {
      call(lane);
      b.set(r[lane]!);
    }
    pairOf(b, r[0]!, r[1]!);
  };
  const laneOf =
    (slot: number, lane: Lane) =>
    (into: FunctionBody): void => {
      pair(slot)(into);
      into.lane(SimdOp.f64x2_extract_lane, lane);
    };
  for (let at = 0; at < p.length; at++) {
    const i = order[at]!;
    const a = p.inputStart[i]!;
    const n = p.inputStart[i + 1]! - a;
    const inputs = Array.from({ length: n }, (_, q) => p.inputs[a + q]!);
    const lf = p.listFns[i];
    // The scalar code reads its per-step inputs from parameters, the others from memory.
    const perStep = inputs.filter((s) => !invariantSlot(s));
    const paramOf = new Map<number, number>();
    perStep.forEach((s, q) => paramOf.set(s, q));
    const scalarArg = (slot: number) =>
      invariantSlot(slot)
        ? scalarLoad(slot)
        : (into: FunctionBody): void => void into.get(paramOf.get(slot)!);
    const eq = new FunctionBody(perStep.map(() => 'f64' as const));
    let done = false;
    try {
      if (lf) translator.inlineListEquation(lf, eq, inputs.map(scalarArg));
      else {
        const src = equationSourceOf(p.fns[i]!);
        if (!src) throw new Untranslatable('no source');
        translator.inlineEquation(src, eq, inputs.map(scalarArg), {
          invariant: inputs.map(invariantSlot),
          hoister,
        });
      }
      const how = emitLanes(target(b), decodeBody(eq), perStep.map(pair), perLane);
      if (how === 'vector') vector++;
      else lanes++;
      done = true;
    } catch (e) {
      if (!(e instanceof Untranslatable)) throw e;
    }
    if (!done && lf) {
      // Each lane's inputs copied to the scratch area, then the list helper or the import.
      let fn;
      try {
        fn = translator.listEquation(lf);
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        fn = null;
      }
      const ref = fn ?? asm.importList(i);
      if (!fn) called++;
      else lanes++;
      perLaneCall((lane) => {
        inputs.forEach((slot, q) => {
          b.i32(scratch + q * 8);
          laneOf(slot, lane)(b);
          b.storeF64();
        });
        if (fn) b.i32(scratch).i32(n);
        b.call(ref);
      });
    } else if (!done) {
      const f = p.fns[i]!;
      let fn;
      try {
        fn = translator.positionalFunction(f, n);
        lanes++;
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        fn = asm.importCall(f, n, { kind: 'equation', index: i });
        called++;
      }
      perLaneCall((lane) => {
        for (const slot of inputs) laneOf(slot, lane)(b);
        b.call(fn);
      });
    }
    const v = b.local('v128');
    b.set(v);
    // Noise (stochastic mode only), each lane from its own generator.
    if (p.noise[i] === 1) {
      // poisson(v * dt) / dt in each lane, from each lane's generator
      b.get(STOCH).begin(Op.if, BLOCK_VOID);
      b.i32(rngAt[0][i]!).i32(rngAt[1][i]!).get(v).get(dtv).simd(SimdOp.f64x2_mul);
      b.call(rng.poissonPair!).get(dtv).simd(SimdOp.f64x2_div).set(v);
      b.end();
    } else if (p.noise[i] === 2) {
      b.get(STOCH).begin(Op.if, BLOCK_VOID);
      perLaneCall((lane) => {
        laneOf(p.noiseSigma[i]!, lane)(b);
        b.set(sg);
        b.get(v).lane(SimdOp.f64x2_extract_lane, lane);
        b.get(sg).i32(rngAt[lane][i]!).call(rng.normal).op(Op.f64_mul);
        b.f64(0.5).get(sg).op(Op.f64_mul).get(sg).op(Op.f64_mul).op(Op.f64_sub);
        b.call(asm.math('exp')).op(Op.f64_mul);
      });
      b.set(v);
      b.end();
    }
    localOf.set(p.outputs[i]!, v);
    b.i32(0)
      .get(v)
      .simdMem(SimdOp.v128_store, 3, p.outputs[i]! * 16);
    const check = checks[at % CHECKS]!;
    b.get(check).get(v).f64x2(0, 0).simd(SimdOp.f64x2_mul).simd(SimdOp.f64x2_add).set(check);
  }
  // Record the point: the listed slots, each lane's into its own series.
  b.get(k).get(RECLEN).op(Op.i32_mul).i32(3).op(Op.i32_shl).set(base);
  b.get(REC).set(j);
  b.get(REC).get(RECLEN).i32(2).op(Op.i32_shl).op(Op.i32_add).set(recEnd);
  b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
  b.get(j).get(recEnd).op(Op.i32_ge_u).opU(Op.br_if, 1);
  b.get(j).loadI32().i32(4).op(Op.i32_shl).set(slotAt);
  b.get(OUT0).get(base).op(Op.i32_add).get(slotAt).loadF64().storeF64();
  b.get(OUT1).get(base).op(Op.i32_add).get(slotAt).loadF64(8).storeF64();
  b.get(base).i32(8).op(Op.i32_add).set(base);
  b.get(j).i32(4).op(Op.i32_add).set(j);
  b.opU(Op.br, 0).end().end();
  // The last point: done.
  b.get(k).get(POINTS).i32(1).op(Op.i32_sub).op(Op.i32_eq).opU(Op.br_if, 1);
  // Euler step of both lanes: x += dt * (0 + inflows - outflows), in the interpreter's order.
  model.stockSlots.forEach((s, q) => {
    b.i32(0)
      .i32(0)
      .simdMem(SimdOp.v128_load, 3, s * 16)
      .get(dtv)
      .f64x2(0, 0);
    for (let f = model.inflowStart[q]!; f < model.inflowStart[q + 1]!; f++) {
      pair(model.inflowSlots[f]!)(b);
      b.simd(SimdOp.f64x2_add);
    }
    for (let f = model.outflowStart[q]!; f < model.outflowStart[q + 1]!; f++) {
      pair(model.outflowSlots[f]!)(b);
      b.simd(SimdOp.f64x2_sub);
    }
    b.simd(SimdOp.f64x2_mul)
      .simd(SimdOp.f64x2_add)
      .simdMem(SimdOp.v128_store, 3, s * 16);
  });
  b.get(k).i32(1).op(Op.i32_add).set(k);
  b.opU(Op.br, 0).end().end();
  checks.forEach((c, q) => {
    b.get(c);
    if (q > 0) b.simd(SimdOp.f64x2_add);
  });
  const sum = b.local('v128');
  b.set(sum);
  b.get(sum).lane(SimdOp.f64x2_extract_lane, 0).get(sum).lane(SimdOp.f64x2_extract_lane, 1);
  b.op(Op.f64_add);
  asm.define(init, initBody);
  asm.define(run, b);
  asm.builder.exportFunction('run2', run);
  const fixedEnd = align16(asm.builder.dataEnd);
  asm.builder.memory(Math.max(1, Math.ceil(fixedEnd / PAGE)), 'memory');
  return {
    key,
    module: new WebAssembly.Module(asm.builder.encode()),
    imports: asm.imports,
    layout: { rngAt, scratch, hoistAt, fixedEnd },
    stats: { vector, lanes, called },
  };
}

/** A pair of runs: each lane's state in and out, then the run. */
export interface LaneRunLoop {
  /** Puts lane `lane`'s state (after startRun) and generators into the module. */
  load(lane: Lane, x: Float64Array, stochastic: boolean): void;
  /** Runs both lanes; each lane's kept slots go to its buffer. Returns the finiteness check. */
  run(
    points: number,
    dt: number,
    stochastic: boolean,
    record: Int32Array,
    values0: Float64Array,
    values1: Float64Array,
  ): number;
  /** Lane `lane`'s state after the run. */
  read(lane: Lane, x: Float64Array): void;
}

export function instantiateLaneLoop(model: CompiledModel, artifact: LaneArtifact): LaneRunLoop {
  const p = model.program;
  const nSlots = model.variables.length;
  const { rngAt, scratch, fixedEnd } = artifact.layout;
  const mem = new ModuleMemory(model, artifact, scratch);
  const run2 = mem.instance.exports.run2 as (
    points: number,
    dt: number,
    stochastic: number,
    rec: number,
    recLen: number,
    out0: number,
    out1: number,
  ) => number;
  const streams = p.streams;
  return {
    load(lane, x, stochastic) {
      const f = mem.f64;
      for (let s = 0; s < nSlots; s++) f[2 * s + lane] = x[s]!;
      if (stochastic)
        for (let i = 0; i < streams.length; i++) streams[i]?.writeState(mem.view, rngAt[lane][i]!);
    },
    run(points, dt, stochastic, record, values0, values1) {
      const width = record.length;
      const rec = fixedEnd;
      const out0 = align16(rec + width * 4);
      const out1 = align16(out0 + points * width * 8);
      // Growing keeps the contents: the lanes loaded stay.
      mem.reserve(out1 + points * width * 8);
      mem.i32.set(record, rec / 4);
      const result = run2(points, dt, stochastic ? 1 : 0, rec, width, out0, out1);
      values0.set(mem.f64.subarray(out0 / 8, out0 / 8 + points * width));
      values1.set(mem.f64.subarray(out1 / 8, out1 / 8 + points * width));
      return result;
    },
    read(lane, x) {
      const f = mem.f64;
      for (let s = 0; s < nSlots; s++) x[s] = f[2 * s + lane]!;
    },
  };
}
