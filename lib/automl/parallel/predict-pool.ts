// Prediction of many rows on worker threads: each thread gets the members once, then chunks of
// rows in turn. The calling thread predicts chunks too, one per turn of its event loop, so it
// works while the threads start instead of waiting for them, and one core less needs a thread.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { predictRows, sliceMatrix } from '../predict-rows';
import type { Member } from '../trainer';
import type { FeatureMatrix, ProgressCallback } from '../types';
import { startThread } from './entry';
import type { MemberArtifacts, PredictInit, PredictThreadReply } from './predict-messages';

export interface ThreadedPrediction {
  ensemble: Float64Array;
  members: Map<string, Float64Array>;
  /** Chunks the calling thread predicted itself (absent when no thread was started). */
  callingThreadChunks?: number;
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
 * Predicts X on `threads` threads, the calling one and `threads - 1` worker threads, `chunkRows`
 * rows at a time. Results are the same bits as predicting in one piece: every model predicts rows
 * independently, with the same code everywhere. Rejects with the signal's reason when it aborts,
 * after stopping the threads.
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
  const workers = Array.from(
    { length: Math.max(1, Math.min(job.threads - 1, chunks - 1)) },
    startPredictThread,
  );
  let next = 0;
  let done = 0;
  const finished = new Uint8Array(chunks);
  let callingThreadChunks = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      job.signal?.throwIfAborted();
      job.signal?.addEventListener('abort', () => fail(job.signal!.reason), { once: true });
      const finish = (id: number, ensemblePart: Float64Array, memberParts: Float64Array[]) => {
        if (finished[id]) return;
        finished[id] = 1;
        const start = id * chunkRows;
        ensemble.set(ensemblePart, start);
        also.forEach((name, k) => members.get(name)!.set(memberParts[k], start));
        done++;
        job.onProgress?.(done / chunks, `predicted ${Math.min(n, done * chunkRows)} of ${n} rows`);
        if (done === chunks) resolve();
      };
      // The calling thread's share: a chunk, then a turn of the event loop (replies from the
      // threads, the caller's own work). Once no chunk is left to hand out, it also predicts
      // those still out on threads, so a thread that is slow to start never holds up the end;
      // whichever copy comes first counts (both are the same bits).
      let stolen = 0;
      const predictHere = () => {
        if (failed || done === chunks) return;
        let id = next < chunks ? next++ : -1;
        if (id < 0) {
          while (stolen < chunks && finished[stolen]) stolen++;
          if (stolen === chunks) return;
          id = stolen++;
        }
        const start = id * chunkRows;
        try {
          const part = predictRows(
            job.members,
            job.weights,
            sliceMatrix(X, start, Math.min(n, start + chunkRows)),
            also,
          );
          if (!finished[id]) callingThreadChunks++;
          finish(
            id,
            part.ensemble,
            also.map((name) => part.members.get(name)!),
          );
        } catch (error) {
          return fail(error);
        }
        setImmediate(predictHere);
      };
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
          if (reply.type === 'ready') return;
          finish(reply.id, reply.ensemble, reply.members);
          send(worker);
        });
        // The model, then two chunks at once: a thread never waits for the calling thread, busy
        // with a chunk of its own, to hand it the next one.
        worker.postMessage(init);
        send(worker);
        send(worker);
      }
      setImmediate(predictHere);
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { ensemble, members, callingThreadChunks };
}
