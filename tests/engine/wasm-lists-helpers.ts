/**
 * List equations compiled alone into small WebAssembly modules, for the tests of the wasm
 * backend's list paths: `inline` as the run function inlines them (each input read from its own
 * slot, translate.ts' inlineListEquation), `helper` as the fallback calls them (the inputs copied
 * to memory, a helper looping over (pointer, length)). Both return the value the run loop stores:
 * an f64, as a Float64Array converts the closure's result.
 */
import { equationSourceOf } from '../../simulation/engine/equation-source';
import { Assembly, hostFunction } from '../../simulation/engine/wasm/assembly';
import { FunctionBody } from '../../simulation/engine/wasm/encode';
import { Translator } from '../../simulation/engine/wasm/translate';

/** `positional`: an equation of n numbers inlined (translate.ts' inlineEquation). */
export type ListPath = 'inline' | 'helper' | 'positional';

/** The wasm code of equation `fn` over `n` inputs (a list of them unless `positional`); throws Untranslatable where refused. */
export function compiledList(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any list equation
  fn: Function,
  n: number,
  path: ListPath,
): (v: Float64Array) => number {
  const asm = new Assembly();
  const translator = new Translator(asm);
  // The inputs at 0..n-1; the tables of the deterministic maths after them.
  asm.builder.dataStart = Math.max(8, n * 8);
  const f = asm.declareFunction([], ['f64']);
  const body = new FunctionBody([]);
  const items = Array.from({ length: n }, (_, q) => (into: FunctionBody) => {
    into.i32(0).loadF64(q * 8);
  });
  if (path === 'inline') {
    translator.inlineListEquation(fn, body, items);
  } else if (path === 'positional') {
    translator.inlineEquation(equationSourceOf(fn)!, body, items);
  } else {
    body.i32(0).i32(n).call(translator.listEquation(fn));
  }
  asm.define(f, body);
  asm.builder.exportFunction('f', f);
  asm.builder.memory(Math.max(1, Math.ceil(asm.builder.dataEnd / 65536)), 'memory');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(asm.builder.encode()), {
    env: Object.fromEntries(
      asm.imports.map((w, k) => [`f${k}`, hostFunction(w)]),
    ) as WebAssembly.ModuleImports,
  });
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.f as () => number;
  return (v) => {
    new Float64Array(memory.buffer).set(v);
    return run();
  };
}

/** What the run loop stores of a list equation's result (a Float64Array converts it). */
export const stored = (value: unknown): number => Float64Array.of(value as number)[0]!;
