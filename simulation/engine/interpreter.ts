/**
 * The reference backend: interprets the compiled program step by step. Used where code
 * generation is not allowed (the app's Web Worker under its Content-Security-Policy).
 */
import type { CompiledModel } from './compile';
import type { RunLoop } from './codegen';
import { exp } from './dmath';

export function interpretRunLoop(model: CompiledModel): RunLoop {
  const { fns, listFns, listBuffers, outputs, inputs, inputStart, noise, noiseSigma, streams } =
    model.program;
  const nDyn = model.program.length;
  const stocks = model.stockSlots;
  const nStocks = stocks.length;
  const { inflowSlots, inflowStart, outflowSlots, outflowStart } = model;
  return (x, values, points, dt, stochastic, record) => {
    const steps = points - 1;
    let check = 0;
    for (let k = 0; k < points; k++) {
      x[0] = k * dt;
      for (let i = 0; i < nDyn; i++) {
        const a = inputStart[i]!;
        const lf = listFns[i];
        let v: number;
        if (lf) {
          // A list function reads its inputs from one buffer (its positional function is unused).
          const buf = listBuffers[i]!;
          for (let j = 0; j < buf.length; j++) buf[j] = x[inputs[a + j]!]!;
          v = lf(buf);
        } else {
          const f = fns[i]!;
          // prettier-ignore
          switch (inputStart[i + 1]! - a) {
            case 0: v = f(); break;
            case 1: v = f(x[inputs[a]!]!); break;
            case 2: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!); break;
            case 3: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!); break;
            case 4: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!, x[inputs[a + 3]!]!); break;
            case 5: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!, x[inputs[a + 3]!]!, x[inputs[a + 4]!]!); break;
            case 6: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!, x[inputs[a + 3]!]!, x[inputs[a + 4]!]!, x[inputs[a + 5]!]!); break;
            case 7: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!, x[inputs[a + 3]!]!, x[inputs[a + 4]!]!, x[inputs[a + 5]!]!, x[inputs[a + 6]!]!); break;
            default: v = f(x[inputs[a]!]!, x[inputs[a + 1]!]!, x[inputs[a + 2]!]!, x[inputs[a + 3]!]!, x[inputs[a + 4]!]!, x[inputs[a + 5]!]!, x[inputs[a + 6]!]!, x[inputs[a + 7]!]!);
          }
        }
        const nz = noise[i]!;
        if (nz !== 0 && stochastic) {
          const rng = streams[i]!;
          if (nz === 1) {
            v = rng.poisson(v * dt) / dt;
          } else {
            const sg = x[noiseSigma[i]!]!;
            v = v * exp(sg * rng.normal() - 0.5 * sg * sg);
          }
        }
        x[outputs[i]!] = v;
        check += v * 0;
      }
      if (record === null) values.set(x, k * x.length);
      else
        for (let j = 0, b = k * record.length; j < record.length; j++)
          values[b + j] = x[record[j]!]!;
      if (k === steps) break;
      for (let j = 0; j < nStocks; j++) {
        let net = 0;
        for (let f = inflowStart[j]!; f < inflowStart[j + 1]!; f++) net += x[inflowSlots[f]!]!;
        for (let f = outflowStart[j]!; f < outflowStart[j + 1]!; f++) net -= x[outflowSlots[f]!]!;
        x[stocks[j]!]! += dt * net;
      }
    }
    return check;
  };
}
