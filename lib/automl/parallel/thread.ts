// Entry point of a worker thread: fits models on request and sends back their artifacts.
import { parentPort } from 'node:worker_threads';
import { findFamily } from '../families';
import { AutoMLError } from '../errors';
import { serialiseError, transferables, type TaskRequest, type ThreadMessage } from './messages';

const port = parentPort;
if (!port) throw new Error('lib/automl/parallel/thread.ts must run in a worker thread');

// Progress is throttled: a boosting loop reports every few rounds, far more often than anyone reads.
const PROGRESS_INTERVAL_MS = 250;

port.on('message', ({ id, request }: { id: number; request: TaskRequest }) => {
  const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  try {
    const entry = findFamily(request.family);
    if (!entry) throw new AutoMLError('INVALID_OPTION', `unknown model family '${request.family}'`);
    let lastProgressMs = 0;
    const model = entry.family.fit(request.train, request.valid, request.params, {
      seed: request.seed,
      deadlineMs: request.deadlineMs,
      onProgress: (fraction, message) => {
        const now = Date.now();
        if (now - lastProgressMs < PROGRESS_INTERVAL_MS) return;
        lastProgressMs = now;
        post({ id, type: 'progress', fraction, message });
      },
    });
    const artifact = model.toArtifact();
    post({ id, type: 'done', artifact }, transferables(artifact));
  } catch (error) {
    post({ id, type: 'error', error: serialiseError(error) });
  }
});
