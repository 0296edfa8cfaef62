// Prediction of large tables without blocking the caller: chunks of rows in the calling thread,
// with a turn of the event loop between chunks, and for large tables on worker threads as well.

import os from 'node:os';
import type { ThreadedPrediction } from './parallel/predict-pool';
import { predictRows, sliceMatrix } from './predict-rows';
import type { Member } from './trainer';
import type { FeatureMatrix, ProgressCallback } from './types';

export interface PredictAsyncOptions {
  /**
   * Threads to predict on, the calling one included; default every core. Tables under 50,000
   * rows, and `threads: 1`, are predicted in the calling thread alone.
   */
  threads?: number;
  /**
   * Fewest rows worth starting threads for (default 50,000). Lower it when every row is costly,
   * as when every member of a predictor predicts for a leaderboard.
   */
  threadedMinRows?: number;
  /** Stops the prediction; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Fraction of rows done and a short message, after each chunk. */
  onProgress?: ProgressCallback;
}

// A thread takes 250-300 ms to start and get the model before its first rows come back, while the
// calling thread predicts from the start (txhousing's gbdt + linear, 2 cores): 30,000 rows take
// 320-390 ms that way against 305 ms in one thread, 100,000 rows 760-810 ms against 1,040 ms.
const THREADED_MIN_ROWS = 50_000;
const CHUNK_ROWS = 16_384;

/**
 * The ensemble's predictions of X and those of the members named in `also`. Only the members the
 * result needs (weighted ones, `also`, and their stacking inputs) are sent to threads.
 */
export async function predictMatrixAsync(
  allMembers: Member[],
  allWeights: Float64Array,
  X: FeatureMatrix,
  also: readonly string[],
  options: PredictAsyncOptions = {},
): Promise<ThreadedPrediction> {
  const { members, weights } = neededMembers(allMembers, allWeights, also);
  const threads = Math.max(1, Math.floor(options.threads ?? os.availableParallelism()));
  if (threads > 1 && X.numRows >= (options.threadedMinRows ?? THREADED_MIN_ROWS)) {
    const { signal, onProgress } = options;
    // Loaded on first use: the web server's bundle, which predicts small tables only, then never
    // holds the thread code (bundlers cannot follow a thread's entry given as a file path).
    const { predictInThreads } = await import('./parallel/predict-pool');
    return predictInThreads({
      members,
      weights,
      X,
      also,
      threads,
      // At least 16 chunks per thread: the calling thread, which starts at once, and the others,
      // which start later, then finish close together.
      chunkRows: Math.min(CHUNK_ROWS, Math.max(256, Math.ceil(X.numRows / (16 * threads)))),
      signal,
      onProgress,
    });
  }
  const n = X.numRows;
  const ensemble = new Float64Array(n);
  const outputs = new Map(also.map((name) => [name, new Float64Array(n)]));
  for (let start = 0; start < n || start === 0; start += CHUNK_ROWS) {
    options.signal?.throwIfAborted();
    const end = Math.min(n, start + CHUNK_ROWS);
    const part = predictRows(members, weights, sliceMatrix(X, start, end), also);
    ensemble.set(part.ensemble, start);
    for (const [name, values] of part.members) outputs.get(name)!.set(values, start);
    options.onProgress?.(n === 0 ? 1 : end / n, `predicted ${end} of ${n} rows`);
    if (end >= n) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { ensemble, members: outputs };
}

// Members with a weight, those asked for, and (recursively) the lower members they stack on;
// the others are left out with their weights.
function neededMembers(members: Member[], weights: Float64Array, also: readonly string[]) {
  const byName = new Map(members.map((member) => [member.name, member]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const input of byName.get(name)?.inputs ?? []) visit(input);
  };
  members.forEach((member, m) => {
    if (weights[m] > 0) visit(member.name);
  });
  also.forEach(visit);
  const kept = members.flatMap((member, m) => (needed.has(member.name) ? [m] : []));
  return {
    members: kept.map((m) => members[m]),
    weights: Float64Array.from(kept, (m) => weights[m]),
  };
}
