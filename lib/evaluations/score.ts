// Scoring a predictor on a labelled table: predictions in pieces, the engine's metrics, the test
// leaderboard, and what the charts need. Pure computation: no database, no storage.
import {
  AutoMLError,
  ENSEMBLE_NAME,
  regressionMetrics,
  type LeaderboardRow,
  type Predictor,
  type TableLike,
} from '@/lib/automl';
import { readLabel, type LabelColumn } from '@/lib/automl/label';
import { Random } from '@/lib/automl/random';
import { AppError } from '@/lib/errors';
import { sliceTable, takeTableRows, WarningTotals, yieldToEventLoop } from './chunks';
import type { ScoringThreads } from './score-threads';
import type { EvaluationMetrics, TestLeaderboardRow } from './types';

/** Rows predicted per piece: small enough to keep each blocking step well under a second or so. */
export const PREDICT_CHUNK_ROWS = 20_000;
/**
 * Test scores of every model are measured on at most this many rows (a seeded sample): the
 * leaderboard predicts with every model, unused ones too (kNN and MLP members are slow), and
 * 5,000 rows give an RMSE within a few percent. The ensemble's own score uses every row.
 */
export const LEADERBOARD_MAX_ROWS = 5_000;
const LEADERBOARD_CHUNK_ROWS = 1_000;

export interface ScoreHooks {
  signal?: AbortSignal;
  /** `fraction` 0–1 of the scoring work; awaited, so it may write progress. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  /** Threads holding the same model: pieces run on them at once instead of in this thread. */
  threads?: ScoringThreads;
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
  const board = await testLeaderboard(predictor, table, label, metrics.rmse, hooks);
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
  const starts = pieceStarts(numRows, PREDICT_CHUNK_ROWS);
  await inBatches(
    starts,
    hooks,
    async (start) => {
      const end = Math.min(numRows, start + PREDICT_CHUNK_ROWS);
      const piece = sliceTable(table, start, end);
      const result = hooks.threads ? await hooks.threads.predict(piece) : predictor.predict(piece);
      predictions.set(result.predictions, start);
      warnings.add(result.warnings, start === 0);
      return { done: end - start, message: 'Predicting rows' };
    },
    numRows,
    0,
    0.8,
  );
  return predictions;
}

function pieceStarts(total: number, size: number): number[] {
  const starts: number[] = [];
  for (let start = 0; start < total; start += size) starts.push(start);
  return starts;
}

/**
 * Runs `work` on each item, as many at once as there are threads (one at a time without), with
 * a cancellation check, a progress report and a turn of the event loop between batches.
 */
async function inBatches<T>(
  items: T[],
  hooks: ScoreHooks,
  work: (item: T) => Promise<{ done: number; message: string }>,
  total: number,
  from: number,
  span: number,
): Promise<void> {
  const width = hooks.threads?.size ?? 1;
  let done = 0;
  for (let i = 0; i < items.length; i += width) {
    hooks.signal?.throwIfAborted();
    const results = await Promise.all(items.slice(i, i + width).map(work));
    for (const result of results) done += result.done;
    const message = `${results[0].message} (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`;
    await hooks.onProgress?.(from + (span * done) / total, message);
    await yieldToEventLoop();
  }
}

/**
 * Every model's test RMSE beside its validation RMSE, on a sample of the scored rows. Pieces are
 * scored apart and their squared errors added up, so each piece blocks only briefly. The
 * ensemble's row takes the RMSE of every scored row, the number the metrics show.
 */
async function testLeaderboard(
  predictor: Predictor,
  table: TableLike,
  label: LabelColumn,
  ensembleRmse: number | null,
  hooks: ScoreHooks,
): Promise<{ rows: TestLeaderboardRow[]; measuredRows: number }> {
  const sample = sampleRows(label.rows, LEADERBOARD_MAX_ROWS);
  const squaredErrors = new Map<string, number>();
  const starts = pieceStarts(sample.length, LEADERBOARD_CHUNK_ROWS);
  await inBatches(
    starts,
    hooks,
    async (start) => {
      const end = Math.min(sample.length, start + LEADERBOARD_CHUNK_ROWS);
      const piece = takeTableRows(table, sample.subarray(start, end));
      const board: LeaderboardRow[] = hooks.threads
        ? await hooks.threads.leaderboard(piece)
        : predictor.leaderboard(piece);
      for (const row of board) {
        if (row.testRmse === null || row.testRmse === undefined) continue;
        const sum = (squaredErrors.get(row.name) ?? 0) + row.testRmse ** 2 * (end - start);
        squaredErrors.set(row.name, sum);
      }
      return { done: end - start, message: 'Scoring each model' };
    },
    sample.length,
    0.8,
    0.2,
  );

  const rows = predictor.leaderboard().map((row) => {
    const sum = squaredErrors.get(row.name);
    const testRmse =
      row.name === ENSEMBLE_NAME
        ? ensembleRmse
        : sum === undefined
          ? null
          : Math.sqrt(sum / sample.length);
    return {
      name: row.name,
      family: row.family,
      status: row.status,
      reason: row.reason,
      validationRmse: finiteOrNull(row.validationRmse),
      testRmse,
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
