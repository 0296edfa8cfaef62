// The JSON shapes of the models API (CONTRACTS.md): a summary for lists, details for one model.
import type { ModelWithJob } from '@/lib/access';
import type { ModelMetadata, TrainedDescription } from './metadata';

/** A model as lists show it. */
export type ModelSummary = ReturnType<typeof modelSummary>;
/** A model with everything its details page shows. */
export type ModelDetails = ReturnType<typeof modelDetails>;

/** The stored metadata, or defaults for rows made without it. */
export function metadataOf(row: { metadata: unknown }): ModelMetadata {
  const stored = row.metadata as Partial<ModelMetadata> | null;
  return {
    source: 'trained',
    datasetName: null,
    preset: null,
    timeLimitSec: null,
    evalMetric: null,
    holdoutFraction: null,
    families: null,
    ...stored,
  };
}

/** GET /api/models: one entry per model, with its training job's live state. */
export function modelSummary({ model, job, datasetName }: ModelWithJob) {
  const meta = metadataOf(model);
  const trained = meta.trained;
  return {
    id: model.id,
    ownerId: model.ownerId,
    name: model.name,
    description: model.description,
    status: model.status,
    label: model.label,
    datasetId: model.datasetId,
    datasetName: datasetName ?? meta.datasetName,
    source: meta.source,
    preset: meta.preset,
    timeLimitSec: meta.timeLimitSec,
    evalMetric: meta.evalMetric,
    createdAt: model.createdAt,
    trainingSec: trained?.trainingSec ?? null,
    fitSec: trained?.fitSec ?? null,
    error: model.error,
    validation: trained?.validation ?? null,
    features: (trained?.features ?? []).map(({ name, kind }) => ({ name, kind })),
    job: job && {
      id: job.id,
      status: job.status,
      progress: job.progress,
      message: job.message,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    },
  };
}

const empty: Pick<
  TrainedDescription,
  'dropped' | 'leaderboard' | 'ensembleWeights' | 'featureImportance' | 'featureRanges'
> = {
  dropped: [],
  leaderboard: [],
  ensembleWeights: [],
  featureImportance: null,
  featureRanges: {},
};

/** GET /api/models/:id: the summary plus the fit's description (empty while training). */
export function modelDetails(row: ModelWithJob) {
  const meta = metadataOf(row.model);
  const trained = meta.trained;
  return {
    ...modelSummary(row),
    dropped: (trained ?? empty).dropped,
    leaderboard: (trained ?? empty).leaderboard,
    ensembleWeights: (trained ?? empty).ensembleWeights,
    featureImportance: (trained ?? empty).featureImportance,
    featureImportanceRows: trained?.featureImportanceRows ?? null,
    featureRanges: (trained ?? empty).featureRanges,
    // Beyond the contract's minimum: more of what the fit reported.
    featureDetails: trained?.features ?? [],
    holdoutFraction: meta.holdoutFraction,
    families: meta.families,
    trainingRows: trained?.trainingRows ?? null,
    validationRows: trained?.validationRows ?? null,
    droppedLabelRows: trained?.droppedLabelRows ?? null,
    warnings: trained?.warnings ?? [],
    engine: trained?.engine ?? null,
    fileName: meta.fileName ?? null,
  };
}
