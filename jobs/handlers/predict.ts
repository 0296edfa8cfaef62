// The 'predict' job: predicts every row of a dataset with a model and stores the output CSV
// (original columns, the prediction, and why a row has none) with a summary and a preview.
import os from 'node:os';
import { Readable } from 'node:stream';
import { getDataset, getModel, getPrediction, updatePrediction } from '@/lib/access';
import { getConfig } from '@/lib/config';
import { readStoredTable } from '@/lib/datasets/files';
import { AppError } from '@/lib/errors';
import { loadModelPredictor } from '@/lib/models/files';
import { predictionKey } from '@/lib/predictions/batch';
import { buildOutput, outputChunks } from '@/lib/predictions/output';
import { predictTable } from '@/lib/predictions/predict';
import { getStorage } from '@/lib/storage';
import { assertStoredFits } from '@/lib/storage/quota';
import type { JobHandler } from '../types';

/** This job's share of the cores: large tables are predicted on that many worker threads. */
function predictThreads(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / getConfig().WORKER_CONCURRENCY));
}

/** Progress is written at most this often (each write is a database update). */
const PROGRESS_INTERVAL_MS = 500;

const predictJob: JobHandler = async ({ job, signal, progress, log }) => {
  const owner = job.ownerId;
  const prediction = job.resourceId ? await getPrediction(owner, job.resourceId) : null;
  // Deleted while it waited: nothing to do.
  if (!prediction) return { predictionId: job.resourceId, deleted: true };

  let lastReport = 0;
  let reporting: Promise<void> = Promise.resolve();
  const report = (percent: number, message: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    reporting = reporting.then(() => progress(percent, message));
  };

  // Loading: model 0–5 %, dataset 5–35 % (two passes over the file).
  report(1, 'Loading the model', true);
  const model = await getModel(owner, prediction.modelId);
  if (!model) throw new AppError('NOT_FOUND', 'The model was deleted before the prediction ran.');
  const dataset = prediction.datasetId ? await getDataset(owner, prediction.datasetId) : null;
  if (!dataset) {
    throw new AppError('NOT_FOUND', 'The dataset was deleted before the prediction ran.');
  }
  const predictor = await loadModelPredictor(model);
  const read = await readStoredTable(dataset, {
    signal,
    onProgress: ({ pass, bytesRead, sizeBytes }) =>
      report(
        5 + (pass - 1) * 15 + (15 * bytesRead) / Math.max(1, sizeBytes),
        `Reading ${dataset.name} (pass ${pass} of 2)`,
      ),
  });
  await reporting;

  // Predicting: 35–85 %.
  const rowCount = read.table.numRows();
  const predicted = await predictTable(predictor, read.table, {
    threads: predictThreads(),
    signal,
    onProgress: (fraction) =>
      report(
        35 + 50 * fraction,
        `Predicted ${Math.round(fraction * rowCount).toLocaleString('en-US')} of ${rowCount.toLocaleString('en-US')} rows`,
      ),
  });
  await reporting;
  signal.throwIfAborted();

  // Writing: 85–100 %.
  const writeBegan = performance.now();
  const { table, result } = buildOutput(
    read.table,
    predictor.parts.pipeline.sources,
    predictor.label,
    predicted,
  );
  const key = predictionKey(owner, prediction.id);
  const chunks = outputChunks(table, (rows) =>
    report(85 + (15 * rows) / Math.max(1, rowCount), 'Writing the result file'),
  );
  const stored = await getStorage().put(key, Readable.from(chunks));
  await assertStoredFits(owner, key, stored.sizeBytes);
  await reporting;
  signal.throwIfAborted();
  result.writeMs = Math.round(performance.now() - writeBegan);
  result.sizeBytes = stored.sizeBytes;

  const saved = await updatePrediction(owner, prediction.id, {
    status: 'COMPLETED',
    result,
    storageKey: key,
    error: null,
    finishedAt: new Date(),
  });
  // Deleted while it ran: its file was removed before this one existed, so remove it too.
  if (!saved) {
    await getStorage().delete(key);
    return { predictionId: prediction.id, deleted: true };
  }
  log.info('Batch prediction done', {
    predictionId: prediction.id,
    rows: result.rows,
    empty: result.empty,
    predictMs: result.predictMs,
    writeMs: result.writeMs,
  });
  const { rows, empty, predictMs, writeMs } = result;
  return {
    predictionId: prediction.id,
    rows,
    predicted: result.predicted,
    empty,
    predictMs,
    writeMs,
  };
};

export default predictJob;
