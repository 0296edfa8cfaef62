// What the evaluations API answers: the row without storage internals, with the model's name.
import type { Evaluation, EvaluationListItem } from '@/lib/access';
import type { EvaluationResult, HeadlineMetrics } from './types';

/** An evaluation as list and page show it. */
export function evaluationView(row: Evaluation, extra: { modelName?: string } = {}) {
  return {
    id: row.id,
    ownerId: row.ownerId,
    modelId: row.modelId,
    modelName: extra.modelName ?? null,
    datasetId: row.datasetId,
    datasetName: row.datasetName,
    status: row.status,
    error: row.error,
    jobId: row.jobId,
    metrics: (row.metrics as HeadlineMetrics | null) ?? null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    hasRows: row.storageKey !== null,
  };
}

export type EvaluationView = ReturnType<typeof evaluationView>;

/** A list item: the view plus its job's progress. */
export function evaluationListView(row: EvaluationListItem) {
  return { ...evaluationView(row, { modelName: row.modelName }), job: row.job };
}

export type EvaluationListView = ReturnType<typeof evaluationListView>;

/** The full result for the result page (null until COMPLETED). */
export function evaluationDetailView(row: Evaluation, modelName: string) {
  return {
    ...evaluationView(row, { modelName }),
    result: (row.result as EvaluationResult | null) ?? null,
  };
}

export type EvaluationDetailView = ReturnType<typeof evaluationDetailView>;
