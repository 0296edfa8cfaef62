// A pool of worker threads that fit models in parallel, one task per thread at a time.
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { findFamily } from '../families';
import { AutoMLError } from '../errors';
import type { ProgressCallback, TrainedModel } from '../types';
import { startThread } from './entry';
import { reviveError, type FitRequest, type ThreadMessage } from './messages';
import type { TaskResult } from './task';

interface Pending {
  id: number;
  request: FitRequest;
  onProgress?: ProgressCallback;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

/** Threads to use by default: every core the process may use. */
export function defaultThreadCount(): number {
  return Math.max(1, os.availableParallelism());
}

function startWorker(): Worker {
  return startThread(path.join(__dirname, `thread${path.extname(__filename)}`));
}

/**
 * Runs fit requests on up to `size` worker threads. Tasks queue in submission order; results come
 * back as trained models rebuilt from their artifacts, so a thread's model predicts exactly as one
 * fitted in the main thread with the same seed. Call `close()` when done.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number = defaultThreadCount()) {
    if (!Number.isInteger(size) || size < 1) {
      throw new AutoMLError(
        'INVALID_OPTION',
        `threads=${size} must be a whole number of at least 1`,
      );
    }
  }

  /** Fits one model in a thread. */
  async fit(
    request: Omit<FitRequest, 'type'>,
    onProgress?: ProgressCallback,
  ): Promise<TrainedModel> {
    return (await this.run(request, onProgress)).model;
  }

  /** Fits one model in a thread; also its predictions of `predictRows` when asked, and fit time. */
  run(request: Omit<FitRequest, 'type'>, onProgress?: ProgressCallback): Promise<TaskResult> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        request: { type: 'fit', ...request },
        onProgress,
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /** Stops every thread; tasks not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('the worker pool was closed before the task finished');
    for (const pending of [...this.queue, ...this.busy.values()]) pending.reject(error);
    this.queue.length = 0;
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage({ id: pending.id, request: pending.request });
    }
  }

  private spawn(): Worker {
    const worker = startWorker();
    this.all.add(worker);
    worker.on('message', (message: ThreadMessage) => this.onMessage(worker, message));
    worker.on('error', (error) => this.onCrash(worker, error));
    worker.on('exit', (code) => {
      if (code !== 0) this.onCrash(worker, new Error(`a worker thread exited with code ${code}`));
    });
    return worker;
  }

  private onMessage(worker: Worker, message: ThreadMessage): void {
    const pending = this.busy.get(worker);
    if (!pending || pending.id !== message.id) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.fraction, message.message);
      return;
    }
    this.busy.delete(worker);
    this.idle.push(worker);
    if (message.type === 'done') {
      try {
        const { family } = findFamily(pending.request.family)!;
        pending.resolve({
          model: family.fromArtifact(message.artifact),
          predictions: message.predictions,
          fitMs: message.fitMs,
          predictMs: message.predictMs,
        });
      } catch (error) {
        pending.reject(error as Error);
      }
    } else {
      pending.reject(reviveError(message.error));
    }
    this.dispatch();
  }

  // A thread that dies (out of memory, a native crash) fails its task; a new thread replaces it.
  // Both 'error' and 'exit' arrive for one crash; only the first counts.
  private onCrash(worker: Worker, error: Error): void {
    if (!this.all.delete(worker)) return;
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    pending?.reject(error);
    if (!this.closed) this.dispatch();
  }
}
