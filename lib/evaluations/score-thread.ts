// Entry of a scoring thread: decodes the model file once, then predicts or scores row pieces.
// Relative imports only: a thread loads this file through tsx without the app's path aliases.
import { parentPort, workerData } from 'node:worker_threads';
import { columnTable } from '../automl/table';
import { decodeModel } from '../automl/model-file';
import { Predictor } from '../automl/predictor';
import type { ThreadReply, ThreadTask } from './score-threads';

const ready = decodeModel(workerData.modelBytes as Uint8Array).then(
  (parts) => new Predictor(parts),
);

parentPort!.on('message', async (task: ThreadTask) => {
  try {
    const predictor = await ready;
    const table = columnTable(task.columns);
    if (task.kind === 'predict') {
      const { predictions, warnings } = predictor.predict(table);
      const reply: ThreadReply = { id: task.id, predictions, warnings };
      parentPort!.postMessage(reply, [predictions.buffer as ArrayBuffer]);
    } else {
      const reply: ThreadReply = { id: task.id, leaderboard: predictor.leaderboard(table) };
      parentPort!.postMessage(reply);
    }
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string };
    const details = (error as { details?: Record<string, unknown> }).details;
    parentPort!.postMessage({ id: task.id, error: { name, message, code, details } });
  }
});
