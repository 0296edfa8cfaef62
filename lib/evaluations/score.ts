// Scoring a predictor on a labelled table: predictions in pieces, the engine's metrics, the test
// leaderboard, and what the charts need. Pure computation: no database, no storage.
import { AutoMLError, regressionMetrics, type Predictor, type TableLike } from '@/lib/automl';
import { readLabel, type LabelColumn } from '@/lib/automl/label';
import { Random } from '@/lib/automl/random';
import { AppError } from '@/lib/errors';
import { sliceTable, takeTableRows, WarningTotals, yieldToEventLoop } from './chunks';
import type { EvaluationMetrics, TestLeaderboardRow } from './types';

/** Rows predicted per piece: small enough to keep each blocking step well under a second or so. */
export const PREDICT_CHUNK_ROWS = 20_000;
/** Test scores of every model are measured on at most this many rows (a seeded sample). */
export const LEADERBOARD_MAX_ROWS = 20_000;
const LEADERBOARD_CHUNK_ROWS = 4_000;

export interface ScoreHooks {
  signal?: AbortSignal;
  /** `fraction` 0–1 of the scoring work; awaited, so it may write progress. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
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

/** Scores `predictor` on `table`: the same numbers as `predictor.evaluate` and `leaderboard`. */
export async function scoreTable(
  predictor: Predictor,
  table: TableLike,
  hooks: ScoreHooks = {},
): Promise<Scored> {
  const label = readTarget(table, predictor.label);
  if (label.rows.length === 0) {
    throw new AppError(
      'VALIDATION',
      `No row has a value in the target column '${predictor.label}', so there is nothing to score.`,
    );
  }
  const warnings = new WarningTotals();

  const predictStart = performance.now();
  const predictions = await predictInPieces(predictor, table, warnings, hooks);
  const predictSec = (performance.now() - predictStart) / 1000;

  const labels = gather(label.y, label.rows);
  const metrics = toMetrics(regressionMetrics(labels, gather(predictions, label.rows)), label);

  const boardStart = performance.now();
  const board = await testLeaderboard(predictor, table, label, hooks);
  const leaderboardSec = (performance.now() - boardStart) / 1000;

  return {
    label,
    predictions,
    metrics,
    leaderboard: board.rows,
    leaderboardRows: board.measuredRows,
    warnings: warnings.messages(),
    predictSec,
    leaderboardSec,
  };
}

// Predictions are row by row, so pieces give exactly the whole table's predictions.
async function predictInPieces(
  predictor: Predictor,
  table: TableLike,
  warnings: WarningTotals,
  hooks: ScoreHooks,
): Promise<Float64Array> {
  const numRows = table.numRows();
  const predictions = new Float64Array(numRows);
  for (let start = 0; start < numRows; start += PREDICT_CHUNK_ROWS) {
    hooks.signal?.throwIfAborted();
    const end = Math.min(numRows, start + PREDICT_CHUNK_ROWS);
    const piece = predictor.predict(sliceTable(table, start, end));
    predictions.set(piece.predictions, start);
    warnings.add(piece.warnings, start === 0);
    await hooks.onProgress?.((0.8 * end) / numRows, `Predicting rows (${end} of ${numRows})`);
    await yieldToEventLoop();
  }
  return predictions;
}

/**
 * Every model's test RMSE beside its validation RMSE. Pieces of the (sampled) rows are scored
 * apart and their squared errors added up, so each piece blocks only briefly.
 */
async function testLeaderboard(
  predictor: Predictor,
  table: TableLike,
  label: LabelColumn,
  hooks: ScoreHooks,
): Promise<{ rows: TestLeaderboardRow[]; measuredRows: number }> {
  const sample = sampleRows(label.rows, LEADERBOARD_MAX_ROWS);
  const squaredErrors = new Map<string, number>();
  for (let start = 0; start < sample.length; start += LEADERBOARD_CHUNK_ROWS) {
    hooks.signal?.throwIfAborted();
    const end = Math.min(sample.length, start + LEADERBOARD_CHUNK_ROWS);
    const piece = takeTableRows(table, sample.subarray(start, end));
    for (const row of predictor.leaderboard(piece)) {
      if (row.testRmse === null || row.testRmse === undefined) continue;
      squaredErrors.set(
        row.name,
        (squaredErrors.get(row.name) ?? 0) + row.testRmse ** 2 * (end - start),
      );
    }
    await hooks.onProgress?.(0.8 + (0.2 * end) / sample.length, 'Scoring each model');
    await yieldToEventLoop();
  }
  const rows = predictor.leaderboard().map((row) => {
    const sum = squaredErrors.get(row.name);
    return {
      name: row.name,
      family: row.family,
      status: row.status,
      reason: row.reason,
      validationRmse: finiteOrNull(row.validationRmse),
      testRmse: sum === undefined ? null : Math.sqrt(sum / sample.length),
      fitSec: row.fitSec,
      validationPredictSec: row.validationPredictSec,
      stackLevel: row.stackLevel,
      ensembleWeight: row.ensembleWeight,
    };
  });
  return { rows, measuredRows: sample.length };
}

/** At most `max` of `rows`, a seeded sample kept in row order. */
export function sampleRows(rows: Uint32Array, max: number, seed = 7): Uint32Array {
  if (rows.length <= max) return rows;
  const order = new Random(seed).permutation(rows.length);
  return Uint32Array.from(order.subarray(0, max), (k) => rows[k]).sort();
}

function toMetrics(m: ReturnType<typeof regressionMetrics>, label: LabelColumn): EvaluationMetrics {
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

/** `values` at `rows`. */
export function gather(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
