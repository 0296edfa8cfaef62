// Starting and removing evaluations: the checks before anything is queued, and the clean-up after.
import {
  createEvaluation,
  deleteEvaluation,
  getDataset,
  getModel,
  updateEvaluation,
  type Evaluation,
} from '@/lib/access';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { cancelJob, enqueueJob, type JobRow } from '@/lib/queue';
import { getStorage } from '@/lib/storage';
import { checkDatasetFits, modelColumns } from './model-columns';
import type { EvaluationInputBody } from './types';

/** Where an evaluation's scored rows are stored. */
export function evaluationRowsKey(evaluation: Pick<Evaluation, 'ownerId' | 'id'>): string {
  return `evaluations/${evaluation.ownerId}/${evaluation.id}.csv`;
}

/**
 * Checks the request (the model and dataset are the owner's, the model is COMPLETED, the dataset
 * has its target and every feature), then records the evaluation and queues its job.
 */
export async function startEvaluation(
  ownerId: string,
  input: EvaluationInputBody,
): Promise<{ evaluation: Evaluation; job: JobRow }> {
  const model = await getModel(ownerId, input.modelId);
  if (!model) {
    throw new AppError('NOT_FOUND', 'Model not found. It may have been deleted.', {
      fields: { modelId: 'No such model.' },
    });
  }
  const dataset = await getDataset(ownerId, input.datasetId);
  if (!dataset) {
    throw new AppError('NOT_FOUND', 'Dataset not found. It may have been deleted.', {
      fields: { datasetId: 'No such dataset.' },
    });
  }
  if (model.status !== 'COMPLETED') {
    const message = `The model '${model.name}' is ${model.status.toLowerCase()}; only a completed model can be tested.`;
    throw new AppError('CONFLICT', message, { fields: { modelId: message } });
  }
  await checkDatasetFits(dataset, await modelColumns(model));

  const evaluation = await createEvaluation(ownerId, {
    modelId: model.id,
    datasetId: dataset.id,
    datasetName: dataset.name,
  });
  const job = await enqueueJob({ ownerId, kind: 'evaluate', resourceId: evaluation.id });
  const stored = await updateEvaluation(ownerId, evaluation.id, { jobId: job.id });
  return { evaluation: stored ?? evaluation, job };
}

/** Deletes the evaluation, cancels its job when it still runs, and removes its scored rows. */
export async function removeEvaluation(ownerId: string, id: string): Promise<Evaluation | null> {
  const evaluation = await deleteEvaluation(ownerId, id);
  if (!evaluation) return null;
  if (evaluation.jobId) await cancelJob(ownerId, evaluation.jobId);
  // The row is gone first; a job finishing meanwhile finds no row and removes its file itself.
  await getStorage()
    .delete(evaluationRowsKey(evaluation))
    .catch((error: unknown) =>
      log.warn('Evaluation file not removed', { error, evaluationId: evaluation.id }),
    );
  return evaluation;
}
