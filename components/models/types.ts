// The Models API's answers as the browser sees them (the contract in GET /api/models and /:id).

/** A model's lifecycle; a training job's own status is JobStatus. */
export type ModelStatus = 'TRAINING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type EvalMetric = 'rmse' | 'mae' | 'r2';

/** The training job of a model: progress in percent (0–100) and the current step's message. */
export interface ModelJob {
  id: string;
  status: JobStatus;
  progress: number;
  message: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One model as the list shows it. */
export interface ModelSummary {
  id: string;
  name: string;
  description: string;
  status: ModelStatus;
  label: string | null;
  datasetId: string | null;
  datasetName: string | null;
  source: 'trained' | 'uploaded';
  preset: string | null;
  timeLimitSec: number | null;
  evalMetric: EvalMetric | null;
  createdAt: string;
  trainingSec: number | null;
  /** The engine's fit within the training (trainingSec is the whole job); null when unknown. */
  fitSec?: number | null;
  error: string | null;
  /** Scores of the ensemble on the validation rows. */
  validation: { rmse: number | null; mae: number | null; r2: number | null } | null;
  features: { name: string; kind: string }[];
  job: ModelJob | null;
}

/** One row of the engine's leaderboard; scores are RMSE in label units (lower is better). */
export interface LeaderboardRow {
  name: string;
  family: string;
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  validationRmse: number | null;
  /** The score in the fit's evaluation metric (absent in files from before metrics: RMSE). */
  validationScore?: number | null;
  fitSec: number;
  validationPredictSec: number;
  stackLevel: number;
  foldCount: number;
  ensembleWeight: number;
}

/** Permutation importance of one feature: mean RMSE increase when shuffled, and its spread. */
export interface FeatureImportance {
  feature: string;
  mean: number | null;
  std: number | null;
}

/** Everything the details page shows. */
export interface ModelDetails extends ModelSummary {
  dropped: { name: string; reason: string; message: string }[];
  leaderboard: LeaderboardRow[];
  ensembleWeights: { name: string; weight: number }[];
  featureImportance: FeatureImportance[] | null;
  /** Where importance was measured: validation rows, or training rows for bagged presets. */
  featureImportanceRows?: 'validation' | 'training' | null;
  featureRanges?: Record<
    string,
    { min: number | string; max: number | string } | { levels: string[] }
  >;
  /** Beyond the contract's minimum, when the API sends them. */
  featureDetails?: { name: string; kind: string; missing: number; distinct: number }[];
  holdoutFraction?: number | null;
  families?: string[] | null;
  trainingRows?: number | null;
  validationRows?: number | null;
  warnings?: string[];
  /** The engine's description of the fit; `folds` > 1 for bagged presets. */
  engine?: { folds: number } | null;
}

/** A dataset as the train form needs it. */
export interface DatasetOption {
  id: string;
  name: string;
}

/** A dataset column as stored in the dataset's schema. */
export interface DatasetColumnInfo {
  name: string;
  kind: string;
}
