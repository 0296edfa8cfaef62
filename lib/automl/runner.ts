// Where fit tasks run: in the calling thread, or on a worker pool reading shared-memory matrices.
import os from 'node:os';
import { WorkerPool, runFitTask, shareLabelled, type FitRequest } from './parallel';
import type { TaskResult } from './parallel';
import type { LabelledMatrix, ProgressCallback } from './types';

/** Runs fit tasks; the models and predictions are the same whichever runner runs them. */
export interface FitRunner {
  /** Fits that may run at once. */
  readonly concurrency: number;
  /** The matrix as tasks should receive it: shared memory for a pool, as it is in-thread. */
  prepare(data: LabelledMatrix): LabelledMatrix;
  run(request: Omit<FitRequest, 'type'>, onProgress?: ProgressCallback): Promise<TaskResult>;
  close(): Promise<void>;
}

/** Fits one task at a time in the calling thread, yielding to the event loop before each. */
export class InThreadRunner implements FitRunner {
  readonly concurrency = 1;
  private queue: Promise<unknown> = Promise.resolve();

  prepare(data: LabelledMatrix): LabelledMatrix {
    return data;
  }

  // Chained so that tasks submitted together run one by one in submission order, as a pool's do.
  run(request: Omit<FitRequest, 'type'>, onProgress?: ProgressCallback): Promise<TaskResult> {
    const next = this.queue.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return runFitTask({ type: 'fit', ...request }, onProgress);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {}
}

/** Fits on worker threads; each matrix is copied into shared memory once, by `prepare`. */
export class PoolRunner implements FitRunner {
  private readonly pool: WorkerPool;

  constructor(readonly concurrency: number) {
    this.pool = new WorkerPool(concurrency);
  }

  prepare(data: LabelledMatrix): LabelledMatrix {
    return shareLabelled(data);
  }

  run(request: Omit<FitRequest, 'type'>, onProgress?: ProgressCallback): Promise<TaskResult> {
    return this.pool.run(request, onProgress);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

// Per fit: a gathered copy of its rows, binned or standardised copies, trees or weights. Measured
// peaks are 3–5 times the float64 matrix; a model-independent floor covers small tables, and a
// TensorFlow.js runtime adds about 100 MB per thread.
const BYTES_PER_CELL = 8 * 5;
const FLOOR_BYTES = 64 * 2 ** 20;
const MLP_BYTES = 100 * 2 ** 20;

/** Estimated peak bytes of one fit on `rows` × `features` (cells of the training matrix). */
export function fitMemoryBytes(rows: number, features: number, family: string): number {
  return FLOOR_BYTES + rows * (features + 1) * BYTES_PER_CELL + (family === 'mlp' ? MLP_BYTES : 0);
}

/**
 * Fits allowed at once: `threads`, fewer when that many fits of `bytesPerFit` would pass
 * `budgetBytes` (default half the memory free now); at least 1.
 */
export function concurrencyFor(threads: number, bytesPerFit: number, budgetBytes?: number): number {
  const budget = budgetBytes ?? os.freemem() * 0.5;
  return Math.max(1, Math.min(threads, Math.floor(budget / bytesPerFit)));
}

/** A pool of `concurrency` threads, or the calling thread when that is 1 and threads are optional. */
export function createRunner(concurrency: number, threadsOnly = false): FitRunner {
  return concurrency <= 1 && !threadsOnly
    ? new InThreadRunner()
    : new PoolRunner(Math.max(1, concurrency));
}
