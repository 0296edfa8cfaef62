// Prediction of many rows on worker threads: each thread gets the members once, then chunks of
// rows in turn, so the calling thread's event loop stays free and the cores share the work.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { sliceMatrix } from '../predict-rows';
import type { Member } from '../trainer';
import type { FeatureMatrix, ProgressCallback } from '../types';
import { startThread } from './entry';
import type { MemberArtifacts, PredictInit, PredictThreadReply } from './predict-messages';

export interface ThreadedPrediction {
  ensemble: Float64Array;
  members: Map<string, Float64Array>;
}

interface Job {
  members: Member[];
  weights: ArrayLike<number>;
  X: FeatureMatrix;
  also: readonly string[];
  threads: number;
  chunkRows: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

function startPredictThread(): Worker {
  return startThread(path.join(__dirname, `predict-thread${path.extname(__filename)}`));
}

function artifactsOf(members: Member[]): MemberArtifacts[] {
  return members.map((member) => ({
    name: member.name,
    family: member.family,
    stackLevel: member.stackLevel,
    ...(member.inputs ? { inputs: member.inputs } : {}),
    parts: member.models.map((model) => model.toArtifact()),
  }));
}

/**
 * Predicts X on `threads` worker threads, `chunkRows` rows per message. Results are the same bits
 * as predicting in one piece: every model predicts rows independently. Rejects with the signal's
 * reason when it aborts, after stopping the threads.
 */
export async function predictInThreads(job: Job): Promise<ThreadedPrediction> {
  const { X, also, chunkRows } = job;
  const n = X.numRows;
  const ensemble = new Float64Array(n);
  const members = new Map(also.map((name) => [name, new Float64Array(n)]));
  const chunks = Math.ceil(n / chunkRows);
  const init: PredictInit = {
    type: 'init',
    members: artifactsOf(job.members),
    weights: Array.from(job.weights),
    features: X.features,
    also: [...also],
  };
  const workers = Array.from({ length: Math.min(job.threads, chunks) }, startPredictThread);
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(error);
      job.signal?.throwIfAborted();
      job.signal?.addEventListener('abort', () => fail(job.signal!.reason), { once: true });
      const send = (worker: Worker) => {
        if (next >= chunks) return;
        const id = next++;
        const start = id * chunkRows;
        const part = sliceMatrix(X, start, Math.min(n, start + chunkRows));
        // Copies, so the caller's matrix stays whole; the copies move to the thread.
        const columns = part.columns.map((column) => column.slice());
        worker.postMessage(
          { type: 'chunk', id, numRows: part.numRows, columns },
          columns.map((column) => column.buffer as ArrayBuffer),
        );
      };
      for (const worker of workers) {
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a prediction thread exited with code ${code}`));
        });
        worker.on('message', (reply: PredictThreadReply) => {
          if (reply.type === 'error') return fail(new Error(reply.message));
          if (reply.type === 'ready') return send(worker);
          const start = reply.id * chunkRows;
          ensemble.set(reply.ensemble, start);
          also.forEach((name, k) => members.get(name)!.set(reply.members[k], start));
          done++;
          job.onProgress?.(
            done / chunks,
            `predicted ${Math.min(n, done * chunkRows)} of ${n} rows`,
          );
          if (done === chunks) resolve();
          else send(worker);
        });
        worker.postMessage(init);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { ensemble, members };
}
