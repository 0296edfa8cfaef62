// The fitted predictor: feature pipeline, members and ensemble weights, with predict/evaluate/leaderboard.

import { AutoMLError } from './errors';
import { ignoredColumnNotice, type FeaturePipeline } from './features';
import type { DataWarning, DroppedColumn } from './features';
import { takeRows } from './holdout';
import { permutationImportance, type ImportanceOptions, type ImportanceResult } from './importance';
import { readLabel } from './label';
import { Random } from './random';
import { encodeModel } from './model-file';
import { metricScore, regressionMetrics, type EvalMetric, type RegressionMetrics } from './metrics';
import type { TableLike } from './table';
import { predictMatrixAsync, type PredictAsyncOptions } from './predict-async';
import { predictRows } from './predict-rows';
import { StackedPredictions } from './stack';
import type { StackingCheck } from './stacking-check';
import type { Member } from './trainer';
import type { ColumnKind, FeatureMatrix } from './types';

/** Name of the weighted ensemble's leaderboard row. */
export const ENSEMBLE_NAME = 'WeightedEnsemble';

/** One row of the leaderboard; scores are RMSE in label units (lower is better). */
export interface LeaderboardRow {
  name: string;
  family: string;
  status: 'ok' | 'failed' | 'skipped';
  /** Why a model failed or was skipped. */
  reason?: string;
  validationRmse: number | null;
  /**
   * The validation score in the fit's `evalMetric` (metadata.evalMetric; RMSE when absent, as in
   * files written before metrics could be chosen).
   */
  validationScore?: number | null;
  /** Present when `leaderboard(table)` was given labelled data. */
  testRmse?: number | null;
  /** Test score in the fit's `evalMetric`; present with `testRmse`. */
  testScore?: number | null;
  fitSec: number;
  validationPredictSec: number;
  stackLevel: number;
  foldCount: number;
  /** Weight in the ensemble (0 for models it does not use; 1 for the ensemble row itself). */
  ensembleWeight: number;
}

/** A source column used as a feature. */
export interface FeatureInfo {
  name: string;
  kind: ColumnKind;
  /** True when the caller fixed the kind. */
  kindGiven: boolean;
  missing: number;
  distinct: number;
  /** Matrix columns derived from it, e.g. `date.year`. */
  matrixColumns: string[];
}

/** What was learned and measured during the fit, shown to users and stored in the model file. */
export interface TrainingMetadata {
  label: string;
  features: FeatureInfo[];
  dropped: DroppedColumn[];
  trainingRows: number;
  validationRows: number;
  /** Rows skipped because their label was missing. */
  droppedLabelRows: number;
  warnings: DataWarning[];
  /** Seconds per phase: labels, features, each model, ensemble, total. */
  phaseSec: Record<string, number>;
  seed: number;
  holdoutFraction: number;
  timeLimitSec: number | null;
  /** Members whose final model was refitted on all labelled rows (scores are from the holdout). */
  refitModels: string[];
  /** The preset fitted (absent in files written before presets existed). */
  preset?: string;
  /** Fold models per member: 1 = holdout, k = k-fold bagging (validation rows = all, out of fold). */
  folds?: number;
  /**
   * The ensemble's RMSE, MAE and R² on the validation rows (out of fold when bagged); R² is null
   * for a constant label. Absent in older files.
   */
  validationMetrics?: { rmse: number; mae: number; r2: number | null };
  /** Metric that scored and ranked the models (absent in older files: RMSE). */
  evalMetric?: EvalMetric;
  /** The dynamic stacking check, when the preset stacks and the check ran (see stacking-check). */
  stackingCheck?: StackingCheck;
  /** Permutation importance on the validation rows, measured at fit time (holdout fits only). */
  featureImportance?: ImportanceResult;
}

/** Everything a predictor is made of; the model file stores exactly this. */
export interface PredictorParts {
  pipeline: FeaturePipeline;
  members: Member[];
  /** Ensemble weight per member, summing to 1. */
  weights: Float64Array;
  leaderboard: LeaderboardRow[];
  metadata: TrainingMetadata;
}

/** Predictions for a table and the data problems met on the way. */
export interface PredictResult {
  /** One prediction per table row. */
  predictions: Float64Array;
  warnings: DataWarning[];
}

/** Scores on labelled data. */
export interface Evaluation {
  metrics: RegressionMetrics;
  /** Rows skipped because their label is missing. */
  missingLabelRows: number;
  warnings: DataWarning[];
}

/** An evaluation with what produced it, for callers that store or plot the scored rows. */
export interface DetailedEvaluation extends Evaluation {
  /** One per table row, missing labels included. */
  predictions: Float64Array;
  /** The label per table row; NaN where it is missing. */
  labels: Float64Array;
  /** With `leaderboard: true`: every model's and the ensemble's test scores. */
  leaderboard?: LeaderboardRow[];
}

/** A fitted model: predicts, evaluates and describes itself. Immutable once built. */
export class Predictor {
  constructor(readonly parts: PredictorParts) {}

  get label(): string {
    return this.parts.metadata.label;
  }

  get metadata(): TrainingMetadata {
    return this.parts.metadata;
  }

  /**
   * Predicts every row of `table`; missing feature columns are an error naming them all. Columns
   * the model does not know get a notice; the label and the columns dropped in training do not.
   */
  predict(table: TableLike): PredictResult {
    const { X, warnings } = this.transformForPrediction(table);
    return { predictions: this.predictMatrix(X), warnings };
  }

  // The matrix of `table`, with a notice for each column the model does not know.
  private transformForPrediction(table: TableLike) {
    const { X, warnings } = this.parts.pipeline.transform(table);
    const known = new Set([
      ...this.parts.pipeline.sources,
      this.label,
      ...this.metadata.dropped.map((column) => column.name),
    ]);
    for (const name of table.columnNames()) {
      if (!known.has(name)) warnings.push(ignoredColumnNotice(name));
    }
    return { X, warnings };
  }

  /**
   * As `predict`, without blocking the calling thread for long: rows are predicted in chunks in
   * the calling thread between turns of its event loop, and for large tables on worker threads
   * as well. The predictions are the same bits as `predict`'s.
   */
  async predictAsync(table: TableLike, options: PredictAsyncOptions = {}): Promise<PredictResult> {
    const { X, warnings } = this.transformForPrediction(table);
    const { members, weights } = this.parts;
    const result = await predictMatrixAsync(members, weights, X, [], options);
    return { predictions: result.ensemble, warnings };
  }

  /**
   * As `evaluate` plus the predictions and labels of every row, predicted as by `predictAsync`.
   * With `leaderboard`, every member predicts too (slower: members the ensemble does not use are
   * predicted only for this) and the leaderboard gets test scores as with `leaderboard(table)`.
   */
  async evaluateAsync(
    table: TableLike,
    options: PredictAsyncOptions & { leaderboard?: boolean } = {},
  ): Promise<DetailedEvaluation> {
    const { y, rows, missingCount } = readLabel(table, this.label);
    if (rows.length === 0) {
      throw new AutoMLError('TOO_FEW_ROWS', `no row has a value in label column '${this.label}'`, {
        column: this.label,
      });
    }
    const { X, warnings } = this.transformForPrediction(table);
    const { members, weights } = this.parts;
    const also = options.leaderboard ? members.map((member) => member.name) : [];
    const result = await predictMatrixAsync(members, weights, X, also, options);
    const labels = gather(y, rows);
    const metrics = regressionMetrics(labels, gather(result.ensemble, rows));
    const allLabels = new Float64Array(X.numRows).fill(NaN);
    for (let k = 0; k < rows.length; k++) allLabels[rows[k]] = labels[k];
    const evaluation: DetailedEvaluation = {
      metrics,
      missingLabelRows: missingCount,
      warnings,
      predictions: result.ensemble,
      labels: allLabels,
    };
    if (options.leaderboard) {
      const metric = this.metadata.evalMetric ?? 'rmse';
      evaluation.leaderboard = this.parts.leaderboard.map((row) => {
        const predictions =
          row.name === ENSEMBLE_NAME ? result.ensemble : result.members.get(row.name);
        return {
          ...row,
          testRmse: predictions ? score('rmse', labels, predictions, rows) : null,
          testScore: predictions ? score(metric, labels, predictions, rows) : null,
        };
      });
    }
    return evaluation;
  }

  /** Metrics on `table`, which must hold the label; rows without a label are skipped and counted. */
  evaluate(table: TableLike): Evaluation {
    const { y, rows, missingCount } = readLabel(table, this.label);
    if (rows.length === 0) {
      throw new AutoMLError('TOO_FEW_ROWS', `no row has a value in label column '${this.label}'`, {
        column: this.label,
      });
    }
    const { predictions, warnings } = this.predict(table);
    const metrics = regressionMetrics(gather(y, rows), gather(predictions, rows));
    return { metrics, missingLabelRows: missingCount, warnings };
  }

  /** The leaderboard; with labelled data, each model's and the ensemble's test RMSE too. */
  leaderboard(table?: TableLike): LeaderboardRow[] {
    const rowsOut = this.parts.leaderboard.map((row) => ({ ...row }));
    if (table === undefined) return rowsOut;
    const { y, rows } = readLabel(table, this.label);
    const labels = gather(y, rows);
    const { X } = this.parts.pipeline.transform(table);
    const stack = new StackedPredictions(this.parts.members, X);
    const names = new Set(this.parts.members.map((member) => member.name));
    const metric = this.metadata.evalMetric ?? 'rmse';
    for (const row of rowsOut) {
      const predictions =
        row.name === ENSEMBLE_NAME
          ? this.predictMatrix(X, stack)
          : names.has(row.name)
            ? stack.get(row.name)
            : null;
      row.testRmse = predictions ? score('rmse', labels, predictions, rows) : null;
      row.testScore = predictions ? score(metric, labels, predictions, rows) : null;
    }
    return rowsOut;
  }

  /**
   * Permutation importance of each source column: the RMSE increase (label units) when its values
   * are shuffled, mean and standard deviation over `shuffles`, for the predictor and each member.
   * With a labelled `table`, measured on it (a seeded sample of at most 5,000 labelled rows);
   * without, the importance measured on the validation rows at fit time. Throws INVALID_OPTION
   * when there is none stored (bagged fits) or an option is out of range.
   */
  featureImportance(table?: TableLike, options: ImportanceOptions = {}): ImportanceResult {
    checkImportanceOptions(options);
    if (table === undefined) {
      const stored = this.metadata.featureImportance;
      if (stored) return stored;
      throw new AutoMLError(
        'INVALID_OPTION',
        'this predictor stores no feature importance (only holdout fits measure it at fit time): pass labelled data',
        { field: 'table' },
      );
    }
    const { y, rows } = readLabel(table, this.label);
    if (rows.length === 0) {
      throw new AutoMLError('TOO_FEW_ROWS', `no row has a value in label column '${this.label}'`, {
        column: this.label,
      });
    }
    const sample = sampleRows(rows, IMPORTANCE_MAX_ROWS, options.seed ?? 0);
    const { X } = this.parts.pipeline.transform(table);
    const data = takeRows(X, y, sample);
    return permutationImportance(this.parts, data.X, data.y, this.parts.pipeline.sources, options);
  }

  /** The model file: zip bytes in the format of MODEL_FORMAT.md; `loadPredictor` reads it back. */
  save(): Promise<Uint8Array> {
    return encodeModel(this.parts);
  }

  private predictMatrix(X: FeatureMatrix, stack?: StackedPredictions): Float64Array {
    return predictRows(this.parts.members, this.parts.weights, X, [], stack).ensemble;
  }
}

// Enough rows for a stable RMSE; more only make each shuffle slower.
const IMPORTANCE_MAX_ROWS = 5000;

function sampleRows(rows: Uint32Array, max: number, seed: number): Uint32Array {
  if (rows.length <= max) return rows;
  const order = new Random(seed ^ 0x9e3779b9).permutation(rows.length);
  return Uint32Array.from(order.subarray(0, max), (k) => rows[k]).sort();
}

function checkImportanceOptions(options: ImportanceOptions): void {
  const { shuffles, timeLimitSec } = options;
  if (
    shuffles !== undefined &&
    !(Number.isInteger(shuffles) && shuffles >= 1 && shuffles <= 1000)
  ) {
    throw new AutoMLError(
      'INVALID_OPTION',
      `shuffles=${shuffles} must be a whole number from 1 to 1000`,
      {
        field: 'shuffles',
      },
    );
  }
  if (timeLimitSec !== undefined && !(timeLimitSec > 0)) {
    throw new AutoMLError('INVALID_OPTION', `timeLimitSec=${timeLimitSec} must be positive`, {
      field: 'timeLimitSec',
    });
  }
}

function score(
  metric: EvalMetric,
  labels: Float64Array,
  predictions: Float64Array,
  rows: Uint32Array,
): number | null {
  if (rows.length === 0) return null;
  const value = metricScore(metric, labels, gather(predictions, rows));
  return Number.isFinite(value) ? value : null;
}

function gather(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
