// Scoring a predictor on a labelled table: the engine's metrics and predictions, the test
// leaderboard, and what the charts need. Pure computation: no database, no storage.
import {
  AutoMLError,
  ENSEMBLE_NAME,
  type LeaderboardRow,
  type Predictor,
  type RegressionMetrics,
  type TableLike,
} from '@/lib/automl';
import { readLabel, type LabelColumn } from '@/lib/automl/label';
import { Random } from '@/lib/automl/random';
import { AppError } from '@/lib/errors';
import { takeTableRows, yieldToEventLoop } from './chunks';
import { ScoringThreads } from './score-threads';
import type { EvaluationMetrics, TestLeaderboardRow } from './types';

/**
 * Test scores of every model are measured on at most this many rows (a seeded sample): the
 * leaderboard predicts with every model, unused ones too (kNN and MLP members are slow), and
 * 5,000 rows give an RMSE within a few percent. The ensemble's own score uses every row.
 */
export const LEADERBOARD_MAX_ROWS = 5_000;
// Small pieces: each blocks its thread briefly, so job heartbeats keep their rhythm.
const LEADERBOARD_CHUNK_ROWS = 1_000;
// Below this many sampled rows, starting threads (each decodes the model) is not worth it.
const LEADERBOARD_THREADS_MIN_ROWS = 2_000;

export interface ScoreOptions {
  signal?: AbortSignal;
  /** `fraction` 0–1 of the scoring work; the leaderboard's reports are awaited. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  /** Threads to predict on (default 1: the calling thread, in chunks that yield between them). */
  threads?: number;
  /** The model file, so leaderboard threads can load it; without, the leaderboard runs here. */
  modelBytes?: Uint8Array;
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
  const board = await testLeaderboard(predictor, table, label, metrics.rmse, options);
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
 * Every model's test RMSE beside its validation RMSE, on a sample of the scored rows. Pieces are
 * scored apart (on threads when there are several) and their squared errors added up. The
 * ensemble's row takes the RMSE of every scored row, the number the metrics show.
 */
async function testLeaderboard(
  predictor: Predictor,
  table: TableLike,
  label: LabelColumn,
  ensembleRmse: number | null,
  options: ScoreOptions,
): Promise<{ rows: TestLeaderboardRow[]; measuredRows: number }> {
  const sample = sampleRows(label.rows, LEADERBOARD_MAX_ROWS);
  const threadCount = options.threads ?? 1;
  const threads =
    threadCount > 1 && options.modelBytes && sample.length >= LEADERBOARD_THREADS_MIN_ROWS
      ? new ScoringThreads(options.modelBytes, threadCount)
      : undefined;
  // Summed in piece order afterwards, so threads finishing in any order give the same numbers.
  const boards: { board: LeaderboardRow[]; count: number }[] = [];
  const step = LEADERBOARD_CHUNK_ROWS;
  try {
    for (let start = 0; start < sample.length; start += step * threadCount) {
      options.signal?.throwIfAborted();
      const batch = Array.from({ length: threadCount }, (_, k) => start + k * step);
      const pieces = batch
        .filter((from) => from < sample.length)
        .map(async (from) => {
          const rows = sample.subarray(from, Math.min(sample.length, from + step));
          const piece = takeTableRows(table, rows);
          const board = threads ? await threads.leaderboard(piece) : predictor.leaderboard(piece);
          boards[from / step] = { board, count: rows.length };
        });
      await Promise.all(pieces);
      const done = Math.min(sample.length, start + step * threadCount);
      await options.onProgress?.(0.8 + (0.2 * done) / sample.length, 'Scoring each model');
      await yieldToEventLoop();
    }
  } finally {
    await threads?.close();
  }
  const squaredErrors = new Map<string, number>();
  for (const { board, count } of boards) addSquaredErrors(squaredErrors, board, count);

  const rows = predictor.leaderboard().map((row) => {
    const sum = squaredErrors.get(row.name);
    const sampled = sum === undefined ? null : Math.sqrt(sum / sample.length);
    return {
      name: row.name,
      family: row.family,
      status: row.status,
      reason: row.reason,
      validationRmse: finiteOrNull(row.validationRmse),
      testRmse: row.name === ENSEMBLE_NAME ? ensembleRmse : sampled,
      fitSec: row.fitSec,
      validationPredictSec: row.validationPredictSec,
      stackLevel: row.stackLevel,
      ensembleWeight: row.ensembleWeight,
    };
  });
  return { rows, measuredRows: sample.length };
}

function addSquaredErrors(sums: Map<string, number>, board: LeaderboardRow[], count: number) {
  for (const row of board) {
    if (row.testRmse === null || row.testRmse === undefined) continue;
    sums.set(row.name, (sums.get(row.name) ?? 0) + row.testRmse ** 2 * count);
  }
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

/** `values` at `rows`. */
export function gather(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
