/**
 * Where WebAssembly passes the workers' probe (an empty module) but refuses a model's module, the
 * app's workers fall back to the interpreter by themselves and give the same numbers: the engine
 * worker's requests (renderer/engine/compute.ts) and the analysis workers' Monte Carlo and
 * evaluations (renderer/analysis/handler.ts). Any other error is not swallowed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withPreset } from '../../simulation';
import { AnalysisHandler } from '../../renderer/analysis/handler';
import type { AnalysisResponse } from '../../renderer/analysis/protocol';
import { isWasmRefusal, withWasmFallback } from '../../renderer/engine/backend';
import {
  engineBackend,
  handleRequest,
  handleRequestWithFallback,
  setEngineBackend,
} from '../../renderer/engine/compute';

const RealModule = WebAssembly.Module;

/** WebAssembly that compiles the probe's empty module and refuses anything larger. */
function refuseLargeModules(): void {
  vi.stubGlobal('WebAssembly', {
    ...WebAssembly,
    CompileError: WebAssembly.CompileError,
    LinkError: WebAssembly.LinkError,
    Instance: WebAssembly.Instance,
    Module: function Module(bytes: Uint8Array<ArrayBuffer>) {
      if (bytes.length > 8) throw new WebAssembly.CompileError('refused: too large');
      return new RealModule(bytes);
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setEngineBackend('interpreter');
});

describe('falling back from WebAssembly to the interpreter', () => {
  it('knows a refusal, also by name once it crossed threads', () => {
    expect(isWasmRefusal(new WebAssembly.CompileError('x'))).toBe(true);
    expect(isWasmRefusal(new WebAssembly.LinkError('x'))).toBe(true);
    expect(isWasmRefusal({ name: 'CompileError', message: 'x' })).toBe(true);
    expect(isWasmRefusal(new RangeError('x'))).toBe(false);
    expect(isWasmRefusal(null)).toBe(false);
  });

  it('runs the work again on the interpreter only for a refusal', () => {
    const fellBack = vi.fn();
    const refused = (b: string) => {
      if (b === 'wasm') throw new WebAssembly.CompileError('no');
      return b;
    };
    expect(withWasmFallback('wasm', refused, fellBack)).toBe('interpreter');
    expect(fellBack).toHaveBeenCalledTimes(1);
    const broken = () => {
      throw new RangeError('a real bug');
    };
    expect(() => withWasmFallback('wasm', broken, fellBack)).toThrow(/a real bug/);
    expect(fellBack).toHaveBeenCalledTimes(1);
    expect(withWasmFallback('interpreter', (b) => b, fellBack)).toBe('interpreter');
  });

  it('the engine worker answers on the interpreter, with the same numbers', () => {
    const request = { type: 'compare' as const, id: 1, scenario: withPreset() };
    const expected = handleRequest(request).response;
    refuseLargeModules();
    setEngineBackend('wasm');
    const refused = handleRequest(request).response;
    expect(refused.type).toBe('error');
    const { response } = handleRequestWithFallback(request);
    expect(engineBackend()).toBe('interpreter');
    if (response.type !== 'result' || expected.type !== 'result') throw new Error(response.type);
    expect(response.differences).toEqual(expected.differences);
    expect(response.runs.map((r) => r.kpis)).toEqual(expected.runs.map((r) => r.kpis));
  });

  it('an analysis worker runs its Monte Carlo and evaluations on the interpreter', () => {
    const s = withPreset();
    const settings = { ...s.simulation, weeks: 12 };
    const spec = { scenario: { ...s, simulation: settings }, settings, draws: 8, pilotDraws: 8 };
    const ask = (h: AnalysisHandler) => {
      const out: AnalysisResponse[] = [];
      out.push(h.handle({ type: 'mc-init', id: 1, spec }).response);
      out.push(h.handle({ type: 'mc-pilot', id: 2, start: 0, end: 8 }).response);
      out.push(h.handle({ type: 'eval-init', id: 3, scenario: spec.scenario, settings }).response);
      out.push(h.handle({ type: 'eval', id: 4, points: [{ changes: [] }] }).response);
      return out;
    };
    const expected = ask(new AnalysisHandler('interpreter'));
    refuseLargeModules();
    const got = ask(new AnalysisHandler('wasm'));
    expect(got.map((r) => r.type)).toEqual(['mc-ready', 'mc-pilot', 'eval-ready', 'eval-done']);
    expect(got[0]).toMatchObject({ backend: 'interpreter' });
    expect(got[1]).toEqual(expected[1]);
    expect(got[3]).toEqual(expected[3]);
  });
});
