// Batch predictions as the routes use them: start one (checks, row, job), describe, delete.
import {
  createPrediction,
  deletePrediction,
  getDataset,
  getJob,
  getModel,
  listModels,
  updatePrediction,
  type Job,
  type Prediction,
} from '@/lib/access';
import { schemaOf } from '@/lib/datasets/types';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { cancelJob, enqueueJob } from '@/lib/queue';
import { assertRoomFor } from '@/lib/storage/quota';
import { getStorage } from '@/lib/storage';
import { modelInputs } from './inputs';
import { assertFeatureColumns } from './predict';

/** The storage key of a batch prediction's output file. */
export function predictionKey(ownerId: string, predictionId: string): string {
  return `predictions/${ownerId}/${predictionId}.csv`;
}

/** Checks the model and dataset of `ownerId`, records the prediction and queues its job. */
export async function startBatchPrediction(
  ownerId: string,
  input: { modelId: string; datasetId: string },
): Promise<{ prediction: Prediction; job: Job }> {
  const model = await getModel(ownerId, input.modelId);
  if (!model) {
    throw new AppError('NOT_FOUND', 'Model not found. It may have been deleted.', {
      fields: { modelId: 'No such model.' },
    });
  }
  if (model.status !== 'COMPLETED') {
    throw new AppError(
      'CONFLICT',
      `Model '${model.name}' is ${model.status.toLowerCase()}, not completed, so it cannot predict.`,
      { fields: { modelId: 'Choose a completed model.' } },
    );
  }
  const dataset = await getDataset(ownerId, input.datasetId);
  if (!dataset) {
    throw new AppError('NOT_FOUND', 'Dataset not found. It may have been deleted.', {
      fields: { datasetId: 'No such dataset.' },
    });
  }
  const { features } = await modelInputs(model);
  const columns = schemaOf(dataset).columns.map((column) => column.name);
  try {
    assertFeatureColumns(
      features.map((feature) => feature.name),
      columns,
    );
  } catch (error) {
    const message = (error as AppError).message.replace('The data', `Dataset '${dataset.name}'`);
    throw new AppError('VALIDATION', message, { fields: { datasetId: message } });
  }

  await assertRoomFor(ownerId);
  const prediction = await createPrediction(ownerId, {
    modelId: model.id,
    datasetId: dataset.id,
    datasetName: dataset.name,
  });
  const job = await enqueueJob({ ownerId, kind: 'predict', resourceId: prediction.id });
  const updated = await updatePrediction(ownerId, prediction.id, { jobId: job.id });
  return { prediction: updated ?? prediction, job };
}

/** A batch prediction as the API answers it, with its job's progress while it runs. */
export function predictionView(
  row: Prediction,
  extra: { modelName?: string | null; job?: Job | null } = {},
) {
  const job = extra.job;
  return {
    id: row.id,
    ownerId: row.ownerId,
    modelId: row.modelId,
    modelName: extra.modelName ?? null,
    datasetId: row.datasetId,
    datasetName: row.datasetName,
    status: row.status,
    error: row.error,
    result: row.result,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    job: job
      ? { id: job.id, status: job.status, progress: job.progress, message: job.message }
      : null,
  };
}

export type PredictionView = ReturnType<typeof predictionView>;

/** Views of `rows`, with model names, and job progress for the unfinished ones. */
export async function predictionViews(ownerId: string, rows: Prediction[]) {
  const names = new Map((await listModels(ownerId)).map((model) => [model.id, model.name]));
  return Promise.all(
    rows.map(async (row) => {
      const running = row.jobId && (row.status === 'QUEUED' || row.status === 'RUNNING');
      const job = running ? await getJob(ownerId, row.jobId!) : null;
      return predictionView(row, { modelName: names.get(row.modelId) ?? null, job });
    }),
  );
}

/**
 * Deletes a prediction: its job is cancelled when it still runs, its row and output file removed.
 * Null when the owner has no such prediction.
 */
export async function removePrediction(ownerId: string, id: string): Promise<Prediction | null> {
  const row = await deletePrediction(ownerId, id);
  if (!row) return null;
  if (row.jobId && (row.status === 'QUEUED' || row.status === 'RUNNING')) {
    await cancelJob(ownerId, row.jobId);
  }
  // The job may still write its file after this: it removes the file itself when the row is gone.
  await getStorage()
    .delete(row.storageKey ?? predictionKey(ownerId, row.id))
    .catch((error: unknown) => log.warn('Prediction file not removed', { error, id: row.id }));
  return row;
}
