// Entry point of a worker thread: fits models on request and sends back their artifacts.
import { parentPort } from 'node:worker_threads';
import { prepareMlpBackend } from '../mlp';
import { serialiseError, transferables, type TaskRequest, type ThreadMessage } from './messages';
import { runFitTask } from './task';

const port = parentPort;
if (!port) throw new Error('lib/automl/parallel/thread.ts must run in a worker thread');

// Progress is throttled: a boosting loop reports every few rounds, far more often than anyone reads.
const PROGRESS_INTERVAL_MS = 250;

port.on('message', async ({ id, request }: { id: number; request: TaskRequest }) => {
  const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  try {
    // The main thread prepares the same backend, so thread and main-thread fits agree.
    if (request.family === 'mlp') await prepareMlpBackend();
    let lastProgressMs = 0;
    const result = runFitTask(request, (fraction, message) => {
      const now = Date.now();
      if (now - lastProgressMs < PROGRESS_INTERVAL_MS) return;
      lastProgressMs = now;
      post({ id, type: 'progress', fraction, message });
    });
    const artifact = result.model.toArtifact();
    const { predictions, fitMs, predictMs } = result;
    const transfer = transferables(artifact);
    if (predictions) transfer.push(predictions.buffer as ArrayBuffer);
    post({ id, type: 'done', artifact, predictions, fitMs, predictMs }, transfer);
  } catch (error) {
    post({ id, type: 'error', error: serialiseError(error) });
  }
});
