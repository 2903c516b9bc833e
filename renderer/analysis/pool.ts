/**
 * The analysis workers: one per core (navigator.hardwareConcurrency), started when an analysis
 * first needs them and kept for the next. Each request gets its answer as a promise; a worker that
 * fails (an exception outside a request, out of memory) rejects what it was asked and is replaced
 * the next time workers are handed out.
 */
import { AnalysisHandler } from './handler';
import {
  isAnalysisResponse,
  type AnalysisRequest,
  type AnalysisResponse,
  type ResponseOf,
} from './protocol';

/** The part of a Worker the pool uses (an in-page stand-in in tests). */
export interface AnalysisPort {
  postMessage(message: AnalysisRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

type RequestBody<T extends AnalysisRequest['type']> = Omit<
  Extract<AnalysisRequest, { type: T }>,
  'id'
>;

export class WorkerError extends Error {
  override name = 'WorkerError';
}

/** Turns a worker's answer into its value, or its error into a thrown Error. */
function settle(response: AnalysisResponse): AnalysisResponse {
  if (response.type !== 'error') return response;
  const e = new Error(response.error.message);
  e.name = response.error.name;
  throw e;
}

export class PoolWorker {
  private readonly pending = new Map<
    number,
    { resolve: (r: AnalysisResponse) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(private readonly port: AnalysisPort) {
    port.addEventListener('message', (event) => {
      if (!isAnalysisResponse(event.data)) return;
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      try {
        waiting.resolve(settle(event.data));
      } catch (e) {
        waiting.reject(e as Error);
      }
    });
    port.addEventListener('error', (event) =>
      this.fail(new WorkerError(event.message || 'an analysis worker stopped')),
    );
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Requests still waiting for their answer. */
  get busy(): number {
    return this.pending.size;
  }

  request<T extends AnalysisRequest['type']>(
    body: RequestBody<T>,
    transfer: Transferable[] = [],
  ): Promise<ResponseOf<T>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: AnalysisResponse) => void, reject });
      try {
        this.port.postMessage({ ...body, id } as unknown as AnalysisRequest, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.pending.values()) w.reject(this.failure);
    this.pending.clear();
  }

  terminate(): void {
    this.fail(new WorkerError('the analysis worker was stopped'));
    this.port.terminate();
  }
}

export class AnalysisPool {
  private readonly all: PoolWorker[] = [];

  constructor(
    private readonly createPort: () => AnalysisPort,
    readonly size: number,
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError('a pool needs a worker');
  }

  /** Workers started so far (0: no analysis has used the pool yet). */
  get started(): number {
    return this.all.length;
  }

  /** `count` workers (at most the pool's size), starting or replacing them as needed. */
  workers(count = this.size): PoolWorker[] {
    const n = Math.max(1, Math.min(this.size, count));
    for (let i = 0; i < n; i++) {
      const w = this.all[i];
      if (!w || w.failed) {
        w?.terminate();
        this.all[i] = new PoolWorker(this.createPort());
      }
    }
    return this.all.slice(0, n);
  }

  /** Stops every worker (their waiting requests are rejected). */
  dispose(): void {
    for (const w of this.all.splice(0)) w.terminate();
  }
}

/** Workers for this machine: one per core the browser reports, 1 to 16. */
export function coreCount(): number {
  const n = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  return Math.max(1, Math.min(16, Number.isInteger(n) && n! > 0 ? n! : 2));
}

/**
 * A port that answers in this thread (tests, and pages that cannot start workers): each request
 * is handled in a later task, as a worker's answer would arrive.
 */
export function inPagePort(handler = new AnalysisHandler()): AnalysisPort {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  let stopped = false;
  return {
    postMessage(message) {
      setTimeout(() => {
        if (stopped) return;
        const { response } = handler.handle(message);
        for (const l of listeners) l({ data: response });
      }, 0);
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'message') listeners.push(listener as (event: { data: unknown }) => void);
    },
    terminate() {
      stopped = true;
    },
  };
}

/** The app's pool: module Web Workers, or in-page ports where the page cannot start one. */
export function createAppAnalysisPool(size = coreCount()): AnalysisPool {
  const canStart = typeof Worker === 'function';
  return new AnalysisPool(() => {
    if (canStart) {
      try {
        return new Worker(new URL('./worker.ts', import.meta.url), {
          type: 'module',
          name: 'flywheel-analysis',
        }) as unknown as AnalysisPort;
      } catch (error) {
        console.warn('analysis worker unavailable, computing in the page', error);
      }
    }
    return inPagePort();
  }, size);
}
