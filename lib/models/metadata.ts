// What `models.metadata` holds: everything the model pages show, so no zip is loaded to show them.
import type { FeatureInfo, ImportanceResult, LeaderboardRow } from '@/lib/automl';
import { ENSEMBLE_NAME, type Predictor } from './predictor';
import type { EvalMetric } from './options';

/** The training range of a numeric or datetime feature, or the levels of a categorical one. */
export type FeatureRange = { min: number | string; max: number | string } | { levels: string[] };

/** Validation scores of the weighted ensemble; null where the engine did not measure them. */
export interface ValidationMetrics {
  rmse: number | null;
  mae: number | null;
  r2: number | null;
}

/** The compact description stored in `models.metadata` (jsonb). */
export interface ModelMetadata {
  source: 'trained' | 'uploaded';
  /** The dataset's name when training started; kept after the dataset is deleted. */
  datasetName: string | null;
  preset: string | null;
  timeLimitSec: number | null;
  evalMetric: EvalMetric | null;
  holdoutFraction: number | null;
  /** Model families asked for; null = all of the preset. */
  families: string[] | null;
  /** Filled when training ends (or from the uploaded file). */
  trained?: TrainedDescription;
  /** Uploaded models: the file's name as sent. */
  fileName?: string;
  /** Bytes of the stored model file; counted against the owner's storage quota. */
  sizeBytes?: number;
}

/** What the fitted predictor says about itself, reduced to what pages and forms need. */
export interface TrainedDescription {
  features: Pick<FeatureInfo, 'name' | 'kind' | 'missing' | 'distinct'>[];
  dropped: { name: string; reason: string; message: string }[];
  leaderboard: LeaderboardRow[];
  ensembleWeights: { name: string; weight: number }[];
  featureImportance: { feature: string; mean: number | null; std: number | null }[] | null;
  /**
   * Rows the importance was measured on: held-out validation rows (holdout presets), or a sample
   * of the training rows (bagged presets, whose models saw every row; importance then shows what
   * the model relies on rather than what generalises). Absent when not measured.
   */
  featureImportanceRows?: 'validation' | 'training';
  validation: ValidationMetrics | null;
  featureRanges: Record<string, FeatureRange>;
  /**
   * Wall-clock seconds of the training job, from reading the dataset to the model file: what the
   * user waited. The engine's own fit is `fitSec`.
   */
  trainingSec: number | null;
  /** Wall-clock seconds of the engine's fit (models, ensemble, refits); absent on older models. */
  fitSec?: number | null;
  trainingRows: number;
  validationRows: number;
  /** Rows skipped because their target was missing. */
  droppedLabelRows: number;
  /** Notes for users: skipped rows, data warnings of the fit. */
  warnings: string[];
  engine: {
    formatVersion: number;
    folds: number;
    refitModels: string[];
    mlpBackend: string | null;
  };
}

/** Levels shown in forms are capped: a manual-prediction form lists at most this many. */
const MAX_LEVELS = 200;

/**
 * Describes a fitted or loaded predictor. `ranges` holds the numeric/datetime training ranges
 * measured on the training table (a loaded file has none; categorical levels come from its
 * encoders either way).
 */
export function describePredictor(
  predictor: Predictor,
  ranges: Record<string, FeatureRange> = {},
  trainingImportance?: ImportanceResult,
): TrainedDescription {
  const meta = predictor.metadata;
  const importance = meta.featureImportance ?? trainingImportance;
  const leaderboard = predictor.leaderboard();
  const ensemble = leaderboard.find((row) => row.name === ENSEMBLE_NAME);
  const validation = ensemble ? ensembleValidation(predictor, ensemble) : null;
  return {
    features: meta.features.map(({ name, kind, missing, distinct }) => ({
      name,
      kind,
      missing,
      distinct,
    })),
    dropped: meta.dropped.map(({ name, reason, message }) => ({ name, reason, message })),
    leaderboard,
    ensembleWeights: leaderboard
      .filter((row) => row.name !== ENSEMBLE_NAME && row.ensembleWeight > 0)
      .map((row) => ({ name: row.name, weight: row.ensembleWeight })),
    featureImportance:
      importance?.features.map(({ feature, mean, std }) => ({ feature, mean, std })) ?? null,
    ...(importance
      ? { featureImportanceRows: meta.featureImportance ? 'validation' : 'training' }
      : {}),
    validation,
    featureRanges: { ...ranges, ...encoderLevels(predictor) },
    trainingSec: meta.phaseSec.total ?? null,
    fitSec: meta.phaseSec.total ?? null,
    trainingRows: meta.trainingRows,
    validationRows: meta.validationRows,
    droppedLabelRows: meta.droppedLabelRows,
    warnings: notes(predictor),
    engine: {
      formatVersion: 1,
      folds: meta.folds ?? 1,
      refitModels: meta.refitModels,
      mlpBackend: mlpBackend(predictor),
    },
  };
}

/**
 * The ensemble's validation scores. Files from before the engine kept all three
 * (`validationMetrics`) have RMSE and the fit's chosen metric (`validationScore`) only.
 */
function ensembleValidation(predictor: Predictor, ensemble: LeaderboardRow): ValidationMetrics {
  const { evalMetric, validationMetrics } = predictor.metadata;
  if (validationMetrics) return validationMetrics;
  const chosen = (metric: string) =>
    evalMetric === metric ? (ensemble.validationScore ?? null) : null;
  return { rmse: ensemble.validationRmse, mae: chosen('mae'), r2: chosen('r2') };
}

function encoderLevels(predictor: Predictor): Record<string, FeatureRange> {
  const out: Record<string, FeatureRange> = {};
  for (const encoder of predictor.parts.pipeline.encoders) {
    if (encoder.kind === 'categorical') out[encoder.source] = { levels: cap(encoder.levels) };
    if (encoder.kind === 'boolean') {
      out[encoder.source] = { levels: cap([...encoder.trueLevels, ...encoder.falseLevels]) };
    }
  }
  return out;
}

function cap(levels: string[]): string[] {
  return levels.slice(0, MAX_LEVELS);
}

function notes(predictor: Predictor): string[] {
  const meta = predictor.metadata;
  const out: string[] = [];
  if (meta.droppedLabelRows > 0) {
    const rows = meta.droppedLabelRows === 1 ? '1 row' : `${meta.droppedLabelRows} rows`;
    out.push(`${rows} with no value in target column '${meta.label}' were left out of training.`);
  }
  for (const warning of meta.warnings) out.push(warning.message);
  const check = meta.stackingCheck;
  if (check?.rowsNeeded !== undefined) {
    out.push(
      `Stacking level left out: too few rows for the stacking check to judge it (it needs ${check.rowsNeeded} or more).`,
    );
  } else if (check?.withStacking === null) {
    out.push('Stacking level left out: no stacked model finished within the time of the check.');
  } else if (check) {
    const score = (value: number | null) => (value === null ? 'none' : value.toPrecision(4));
    out.push(
      `Stacking level ${check.stacked ? 'kept' : 'left out'}: a check held out ${check.holdoutRows} ` +
        `of the ${meta.validationRows} rows, fitted the models on the rest and scored the ensemble ` +
        `on them: ${check.metric.toUpperCase()} ${score(check.withStacking)} with the stacking ` +
        `level, ${score(check.withoutStacking)} without. The models shown were then fitted on all rows.`,
    );
  }
  return out;
}

function mlpBackend(predictor: Predictor): string | null {
  const member = predictor.parts.members.find((m) => m.family === 'mlp');
  const params = member?.models[0]?.toArtifact().params as { backend?: unknown } | undefined;
  return typeof params?.backend === 'string' ? params.backend : null;
}
