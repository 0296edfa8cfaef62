// Worker threads that predict and score pieces of a table at once, one per core, so scoring a
// large dataset uses every core the job may use and the job's event loop stays free.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  AutoMLError,
  type AutoMLErrorCode,
  type DataWarning,
  type LeaderboardRow,
  type TableLike,
} from '@/lib/automl';

/** A piece of work for a thread: the rows as plain column arrays (copied to the thread). */
export interface ThreadTask {
  id: number;
  kind: 'predict' | 'leaderboard';
  columns: Record<string, ArrayLike<unknown>>;
}

/** A thread's answer: predictions, leaderboard rows, or the error it met. */
export interface ThreadReply {
  id: number;
  predictions?: Float64Array;
  warnings?: DataWarning[];
  leaderboard?: LeaderboardRow[];
  error?: { name: string; message: string; code?: string; details?: Record<string, unknown> };
}

interface Waiting {
  task: ThreadTask;
  resolve: (reply: ThreadReply) => void;
  reject: (error: Error) => void;
}

// Threads do not inherit tsx from the main thread: each registers it before loading its entry,
// as the engine's fitting pool does. A compiled .js entry loads as it is.
function startThread(modelBytes: Uint8Array): Worker {
  const entry = path.join(__dirname, `score-thread${path.extname(__filename)}`);
  const workerData = { modelBytes };
  if (entry.endsWith('.js')) return new Worker(entry, { workerData });
  const code = `require('tsx/cjs'); require(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * `size` threads, each with its own copy of the predictor decoded from `modelBytes`. Tasks queue
 * in order and go to the first idle thread. Call `close()` when done (also on errors).
 */
export class ScoringThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Waiting>();
  private readonly queue: Waiting[] = [];
  private nextId = 1;

  constructor(
    modelBytes: Uint8Array,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) {
      const thread = startThread(modelBytes);
      thread.on('message', (reply: ThreadReply) => this.settle(thread, reply));
      thread.on('error', (error) => this.fail(thread, error));
      this.idle.push(thread);
    }
  }

  /** Predictions for the rows of `table` (all of them), with the data warnings met. */
  async predict(table: TableLike): Promise<{ predictions: Float64Array; warnings: DataWarning[] }> {
    const reply = await this.run('predict', table);
    return { predictions: reply.predictions!, warnings: reply.warnings ?? [] };
  }

  /** The predictor's leaderboard with test scores on the rows of `table`. */
  async leaderboard(table: TableLike): Promise<LeaderboardRow[]> {
    return (await this.run('leaderboard', table)).leaderboard!;
  }

  /** Stops every thread; waiting tasks fail. */
  async close(): Promise<void> {
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('scoring stopped'));
    const threads = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private run(kind: ThreadTask['kind'], table: TableLike): Promise<ThreadReply> {
    const task: ThreadTask = { id: this.nextId++, kind, columns: plainColumns(table) };
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const thread = this.idle.pop()!;
      const waiting = this.queue.shift()!;
      this.busy.set(thread, waiting);
      thread.postMessage(waiting.task);
    }
  }

  private settle(thread: Worker, reply: ThreadReply): void {
    const waiting = this.busy.get(thread);
    if (!waiting) return;
    this.busy.delete(thread);
    this.idle.push(thread);
    if (reply.error) waiting.reject(reviveError(reply.error));
    else waiting.resolve(reply);
    this.dispatch();
  }

  private fail(thread: Worker, error: Error): void {
    const waiting = this.busy.get(thread);
    this.busy.delete(thread);
    waiting?.reject(error);
    // A dead thread takes no more work; the rest go on with the queue.
    if (this.idle.length + this.busy.size === 0) {
      for (const queued of this.queue.splice(0)) queued.reject(error);
    }
  }
}

/** Columns as arrays the thread message copies alone (a typed view would carry its whole buffer). */
function plainColumns(table: TableLike): Record<string, ArrayLike<unknown>> {
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames()) {
    const values = table.array(name);
    if (ArrayBuffer.isView(values)) columns[name] = (values as unknown as Float64Array).slice();
    else columns[name] = Array.isArray(values) ? values : Array.from(values);
  }
  return columns;
}

/** The engine's errors keep their class and code, so users read the same message. */
function reviveError(error: NonNullable<ThreadReply['error']>): Error {
  if (error.name === 'AutoMLError' && error.code) {
    return new AutoMLError(error.code as AutoMLErrorCode, error.message, error.details);
  }
  return Object.assign(new Error(error.message), { name: error.name });
}
