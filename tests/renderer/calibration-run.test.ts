/**
 * The app's calibration run (renderer/calibration/client.ts and store.ts): one fit at a time, and
 * a cancelled fit is over at once: its worker is terminated, and nothing it still computes or
 * sends reaches the view, whether it runs in a worker or in the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CalibrationCancelled,
  withPreset,
  type CalibrationOptions,
  type CalibrationProgress,
  type CalibrationRequest,
  type CalibrationResult,
} from '../../simulation';
import { CancelledError, startCalibration } from '../../renderer/calibration/client';
import {
  calibrationStore,
  cancelCalibration,
  loadHistoryFile,
  resetCalibration,
  runCalibration,
  setFit,
  SUGGESTED_FIT,
  type RunState,
} from '../../renderer/calibration/store';
import { syntheticHistory } from '../calibration/synthetic';

type Calibrate = (r: CalibrationRequest, o?: CalibrationOptions) => unknown;
const fit = vi.hoisted(() => ({ replacement: null as Calibrate | null, calls: 0 }));
vi.mock('../../simulation', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../simulation')>();
  return {
    ...real,
    calibrate: (r: CalibrationRequest, o?: CalibrationOptions) => {
      fit.calls++;
      return (fit.replacement ?? real.calibrate)(r, o);
    },
  };
});

const progress = (start: number): CalibrationProgress => ({
  start,
  starts: 50,
  iterations: 1,
  evaluations: 1,
  bestError: 1,
  fraction: start / 50,
});
const RESULT = { fitted: [] } as unknown as CalibrationResult;
const macrotask = (): Promise<void> => new Promise((done) => setTimeout(done, 0));

/** A fit that only ends when told to, reporting progress as told (as a worker's fit would). */
function heldFit(): {
  calibrate: Calibrate;
  report: (p: CalibrationProgress) => void;
  finish: () => void;
} {
  let options: CalibrationOptions | undefined;
  let finish = (): void => undefined;
  return {
    calibrate: (_r, o) => {
      options = o;
      return new Promise((resolve, reject) => {
        finish = () => (o?.shouldStop?.() ? reject(new CalibrationCancelled()) : resolve(RESULT));
      });
    },
    report: (p) => options?.onProgress?.(p),
    finish: () => finish(),
  };
}

beforeEach(() => {
  fit.replacement = null;
  fit.calls = 0;
});

describe('in-page calibration (no Worker)', () => {
  const request = {
    scenario: withPreset(),
    history: { frequency: 'weekly', periods: [], series: [] } as never,
    fit: ['baseChurnPerWeek'],
    seed: 1,
    starts: 1,
  };

  it('cancel rejects with CancelledError at once, though the fit returns a promise that resolves later', async () => {
    const held = heldFit();
    fit.replacement = held.calibrate;
    const seen: number[] = [];
    const run = startCalibration(request, (p) => seen.push(p.start));
    await macrotask();
    held.report(progress(1));
    run.cancel();
    held.report(progress(2));
    held.finish();
    await expect(run.done).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1]);
  });

  it('a fit cancelled before it began never runs', async () => {
    const run = startCalibration(request, () => undefined);
    run.cancel();
    await expect(run.done).rejects.toBeInstanceOf(CancelledError);
    await macrotask();
    expect(fit.calls).toBe(0);
  });
});

describe('calibration in a worker', () => {
  class FakeWorker {
    static made: FakeWorker[] = [];
    terminated = false;
    private listeners: ((e: { data: unknown }) => void)[] = [];
    constructor() {
      FakeWorker.made.push(this);
    }
    addEventListener(type: string, l: (e: { data: unknown }) => void): void {
      if (type === 'message') this.listeners.push(l);
    }
    postMessage(): void {}
    terminate(): void {
      this.terminated = true;
    }
    send(data: unknown): void {
      for (const l of this.listeners) l({ data });
    }
  }
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('each run has a worker of its own; cancel terminates it and drops what it still sends', async () => {
    const seen: number[] = [];
    const first = startCalibration(
      { scenario: withPreset(), history: {} as never, fit: [], seed: 1, starts: 50 },
      (p) => seen.push(p.start),
    );
    const w = FakeWorker.made[0]!;
    w.send({ type: 'progress', progress: progress(3) });
    first.cancel();
    expect(w.terminated).toBe(true);
    w.send({ type: 'progress', progress: progress(4) });
    w.send({ type: 'result', result: RESULT });
    await expect(first.done).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([3]);
    startCalibration(
      { scenario: withPreset(), history: {} as never, fit: [], seed: 1, starts: 50 },
      () => undefined,
    );
    expect(FakeWorker.made).toHaveLength(2);
    expect(fit.calls).toBe(0); // nothing ran in the page
  });
});

describe('the calibration store', () => {
  const csv = (): Uint8Array => {
    const h = syntheticHistory(withPreset(), {
      weeks: 60,
      metrics: ['activeUsers'],
      noise: 0.01,
      seed: 2,
      truth: { baseChurnPerWeek: 0.016 },
    });
    return new TextEncoder().encode(
      `week,active customers\n${h.series[0]!.values.map((v, i) => `${i},${Math.round(v!)}`).join('\n')}\n`,
    );
  };
  const kinds: string[] = [];
  let unsubscribe = (): void => undefined;
  const run = (): RunState => calibrationStore.getState().run;
  const settled = (): Promise<RunState> =>
    new Promise((done) => {
      const check = (): boolean => {
        if (run().kind === 'running') return false;
        done(run());
        return true;
      };
      if (check()) return;
      const stop = calibrationStore.subscribe(() => {
        if (check()) stop();
      });
    });

  beforeEach(async () => {
    resetCalibration();
    await loadHistoryFile('kpis.csv', csv());
    expect(calibrationStore.getState().history?.ok).toBe(true);
    calibrationStore.setState({ starts: 1 });
    setFit(['baseChurnPerWeek']);
    kinds.length = 0;
    unsubscribe = calibrationStore.subscribe((s, prev) => {
      if (s.run !== prev.run) kinds.push(s.run.kind);
    });
  });
  afterEach(() => {
    unsubscribe();
    resetCalibration();
  });

  it('a second Fit while one runs starts nothing; Cancel ends it at once and for good', async () => {
    const held = heldFit();
    fit.replacement = held.calibrate;
    runCalibration();
    runCalibration(); // a double click
    await macrotask();
    expect(fit.calls).toBe(1);
    held.report(progress(2));
    expect(run()).toEqual({ kind: 'running', progress: progress(2) });
    cancelCalibration();
    expect(run().kind).toBe('cancelled');
    cancelCalibration(); // a second click on Cancel: nothing to cancel
    held.report(progress(3)); // what the cancelled fit still computes is not shown
    held.finish();
    await macrotask();
    expect(run().kind).toBe('cancelled');
    expect(kinds).toEqual(['running', 'running', 'cancelled']);
  });

  it('a new Fit after Cancel shows only its own progress and result, never the old fit’s', async () => {
    const old = heldFit();
    fit.replacement = old.calibrate;
    runCalibration();
    await macrotask();
    cancelCalibration();
    const fresh = heldFit();
    fit.replacement = fresh.calibrate;
    runCalibration();
    await macrotask();
    old.report(progress(40));
    expect(run()).toEqual({ kind: 'running', progress: null });
    fresh.report(progress(1));
    old.finish();
    await macrotask();
    expect(run()).toEqual({ kind: 'running', progress: progress(1) });
    fresh.finish();
    expect(await settled()).toEqual({ kind: 'done', result: RESULT, adopted: null });
  });

  it('changing what is fitted stops the running fit; the next Fit runs the new choice to its result', async () => {
    const held = heldFit();
    fit.replacement = held.calibrate;
    runCalibration();
    await macrotask();
    setFit(SUGGESTED_FIT);
    expect(run().kind).toBe('idle');
    held.finish();
    await macrotask();
    expect(run().kind).toBe('idle');
    fit.replacement = null; // the real fit, in the page
    runCalibration();
    const done = await settled();
    expect(done.kind).toBe('done');
    if (done.kind === 'done')
      expect(done.result.fitted.map((f) => f.name).sort()).toEqual([...SUGGESTED_FIT].sort());
    expect(fit.calls).toBe(2);
  });
});
