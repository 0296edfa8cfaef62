// Scoring a predictor on a labelled table: the engine's metrics and predictions, the test
// leaderboard, and what the charts need. Pure computation: no database, no storage.
import { AutoMLError, type Predictor, type RegressionMetrics, type TableLike } from '@/lib/automl';
import { readLabel, type LabelColumn } from '@/lib/automl/label';
import { Random } from '@/lib/automl/random';
import { AppError } from '@/lib/errors';
import { takeTableRows } from './chunks';
import type { EvaluationMetrics, TestLeaderboardRow } from './types';

/**
 * Test scores of every model are measured on at most this many rows (a seeded sample): the
 * leaderboard predicts with every model, unused ones too (kNN and MLP members are slow), and
 * 5,000 rows give an RMSE within a few percent. The ensemble's own score uses every row.
 */
export const LEADERBOARD_MAX_ROWS = 5_000;
// Below this many sampled rows, starting threads (each receives the members) is not worth it.
const LEADERBOARD_THREADS_MIN_ROWS = 2_000;

export interface ScoreOptions {
  signal?: AbortSignal;
  /** `fraction` 0–1 of the scoring work; the leaderboard's reports are awaited. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  /** Threads to predict on (default 1: the calling thread, in chunks that yield between them). */
  threads?: number;
}

/** A predictor's predictions on a labelled table and the scores derived from them. */
export interface Scored {
  label: LabelColumn;
  /** One prediction per table row (rows without a target too). */
  predictions: Float64Array;
  metrics: EvaluationMetrics;
  leaderboard: TestLeaderboardRow[];
  leaderboardRows: number;
  warnings: string[];
  predictSec: number;
  leaderboardSec: number;
}

/**
 * Reads the target column: numbers only. Text values fail with a message naming the column and
 * up to five values with their rows (the engine's wording), as a 400-style AppError.
 */
export function readTarget(table: TableLike, labelName: string): LabelColumn {
  try {
    return readLabel(table, labelName);
  } catch (error) {
    if (!(error instanceof AutoMLError)) throw error;
    const message =
      error.code === 'LABEL_MISSING'
        ? `The dataset has no column '${labelName}', the model's target.`
        : `The target column '${labelName}' must hold numbers: ${error.message}.`;
    throw new AppError('VALIDATION', message, { cause: error, fields: { [labelName]: message } });
  }
}

/**
 * Scores `predictor` on `table`. Metrics and predictions come from the engine's `evaluateAsync`
 * (the numbers of `predictor.evaluate` and of `automl evaluate`); the leaderboard's test scores
 * from `predictor.leaderboard` on a sample.
 */
export async function scoreTable(
  predictor: Predictor,
  table: TableLike,
  options: ScoreOptions = {},
): Promise<Scored> {
  const label = readTarget(table, predictor.label);
  if (label.rows.length === 0) {
    throw new AppError(
      'VALIDATION',
      `No row has a value in the target column '${predictor.label}', so there is nothing to score.`,
    );
  }

  const predictStart = performance.now();
  const evaluation = await predictor.evaluateAsync(table, {
    threads: options.threads ?? 1,
    signal: options.signal,
    onProgress: (fraction) => void options.onProgress?.(0.8 * fraction, 'Predicting rows'),
  });
  const predictSec = (performance.now() - predictStart) / 1000;
  const metrics = toMetrics(evaluation.metrics, label);

  const boardStart = performance.now();
  const board = await testLeaderboard(predictor, table, label, options);
  const leaderboardSec = (performance.now() - boardStart) / 1000;

  return {
    label,
    predictions: evaluation.predictions,
    metrics,
    leaderboard: board.rows,
    leaderboardRows: board.measuredRows,
    warnings: evaluation.warnings.map((warning) => warning.message),
    predictSec,
    leaderboardSec,
  };
}

/**
 * Every model's test RMSE beside its validation RMSE, on a seeded sample of the scored rows, from
 * the engine's `evaluateAsync` with `leaderboard` (every member predicts, on threads when asked).
 * The ensemble's row is measured on the same sample, so the rows rank fairly; the metrics give
 * its RMSE on every scored row.
 */
async function testLeaderboard(
  predictor: Predictor,
  table: TableLike,
  label: LabelColumn,
  options: ScoreOptions,
): Promise<{ rows: TestLeaderboardRow[]; measuredRows: number }> {
  const sample = sampleRows(label.rows, LEADERBOARD_MAX_ROWS);
  const evaluation = await predictor.evaluateAsync(takeTableRows(table, sample), {
    threads: options.threads ?? 1,
    threadedMinRows: LEADERBOARD_THREADS_MIN_ROWS,
    signal: options.signal,
    leaderboard: true,
    onProgress: (fraction) => void options.onProgress?.(0.8 + 0.2 * fraction, 'Scoring each model'),
  });
  const tested = new Map(evaluation.leaderboard!.map((row) => [row.name, row.testRmse]));
  const rows = predictor.leaderboard().map((row) => ({
    name: row.name,
    family: row.family,
    status: row.status,
    reason: row.reason,
    validationRmse: finiteOrNull(row.validationRmse),
    testRmse: finiteOrNull(tested.get(row.name)),
    fitSec: row.fitSec,
    validationPredictSec: row.validationPredictSec,
    stackLevel: row.stackLevel,
    ensembleWeight: row.ensembleWeight,
  }));
  return { rows, measuredRows: sample.length };
}

/** At most `max` of `rows`, a seeded sample kept in row order. */
export function sampleRows(rows: Uint32Array, max: number, seed = 7): Uint32Array {
  if (rows.length <= max) return rows;
  const order = new Random(seed).permutation(rows.length);
  return Uint32Array.from(order.subarray(0, max), (k) => rows[k]).sort();
}

function toMetrics(m: RegressionMetrics, label: LabelColumn): EvaluationMetrics {
  return {
    rmse: finiteOrNull(m.rmse),
    mse: finiteOrNull(m.mse),
    mae: finiteOrNull(m.mae),
    r2: finiteOrNull(m.r2),
    mape: finiteOrNull(m.mape),
    mapeExcludedZeroTargets: m.mapeExcludedZeroLabels,
    medianAbsoluteError: finiteOrNull(m.medianAbsoluteError),
    maxError: finiteOrNull(m.maxError),
    explainedVariance: finiteOrNull(m.explainedVariance),
    rowsScored: m.count,
    rowsSkippedMissingTarget: label.missingCount,
  };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
