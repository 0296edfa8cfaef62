// What an evaluation stores: its request schema, its metrics and the result the page shows.
import { z } from 'zod';

/** POST /api/evaluations: which model to test on which dataset. */
export const evaluationInputSchema = z.object({
  modelId: z.string().trim().min(1, 'Choose a model.').describe('A COMPLETED model of the user.'),
  datasetId: z
    .string()
    .trim()
    .min(1, 'Choose a dataset.')
    .describe('A dataset of the user holding the model’s target and features.'),
});
export type EvaluationInputBody = z.infer<typeof evaluationInputSchema>;

/**
 * Regression metrics on the scored rows; null where a metric is undefined (R² and explained
 * variance of a constant target, MAPE when every target is zero).
 */
export interface EvaluationMetrics {
  rmse: number | null;
  mse: number | null;
  mae: number | null;
  r2: number | null;
  /** Mean absolute percentage error in percent, over the rows whose target is not zero. */
  mape: number | null;
  /** Rows left out of MAPE because their target is zero. */
  mapeExcludedZeroTargets: number;
  medianAbsoluteError: number | null;
  maxError: number | null;
  explainedVariance: number | null;
  /** Rows with a target, scored. */
  rowsScored: number;
  /** Rows skipped because their target is missing. */
  rowsSkippedMissingTarget: number;
}

/** The few metrics lists show (the `metrics` column). */
export type HeadlineMetrics = Pick<EvaluationMetrics, 'rmse' | 'mae' | 'r2' | 'rowsScored'>;

/** One model of the predictor on the test data, beside its validation score from training. */
export interface TestLeaderboardRow {
  name: string;
  family: string;
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  /** RMSE on the validation rows at fit time (out of fold for bagged presets). */
  validationRmse: number | null;
  /** RMSE on the test rows; null for models that did not train. */
  testRmse: number | null;
  fitSec: number;
  /** Seconds the model took to predict its validation rows at fit time. */
  validationPredictSec: number;
  stackLevel: number;
  ensembleWeight: number;
}

/** A sample of scored rows for the charts: `values` follow `EvaluationResult.pointColumns`. */
export interface ChartPoint {
  /** 1-based row number in the dataset. */
  row: number;
  actual: number;
  predicted: number;
  /** actual − predicted. */
  residual: number;
  /** The row's feature values (text as stored), for tooltips. */
  values: (string | number | boolean | null)[];
}

/** Everything the result page shows, stored as `evaluations.result`. */
export interface EvaluationResult {
  label: string;
  metrics: EvaluationMetrics;
  leaderboard: TestLeaderboardRow[];
  /** Rows the leaderboard's test scores were measured on (a seeded sample of large datasets). */
  leaderboardRows: number;
  /** Seconds per step: reading the file, predicting, the leaderboard, writing the scored rows. */
  timings: { readSec: number; predictSec: number; leaderboardSec: number; writeSec: number };
  /** Feature names whose values each chart point carries, in order. */
  pointColumns: string[];
  /** At most MAX_CHART_POINTS scored rows, seeded sample, in row order. */
  points: ChartPoint[];
  /**
   * Residuals (actual − predicted) of the scored rows, in equal-width bins over their 1st–99th
   * percentile (over all of them in results stored before that change).
   */
  residualHistogram: { start: number; end: number; count: number }[];
  /** Scored rows whose residual lies below the first bin or above the last; absent in older results. */
  residualsOutside?: { below: number; above: number };
  /** Data problems met while predicting (unseen levels, ignored columns, …). */
  warnings: string[];
  /** The scored-rows CSV: its column names and size. */
  rowsFile: { columns: string[]; rows: number; sizeBytes: number };
}

/** The most scored rows a result keeps for its charts. */
export const MAX_CHART_POINTS = 5000;
