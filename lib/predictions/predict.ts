// Predicting a table in chunks: the event loop gets a turn between chunks (job heartbeats, other
// requests), rows with unusable values get no prediction, and the engine's notices are summed up.
import type { Predictor, TableLike } from '@/lib/automl';
import { AppError } from '@/lib/errors';
import { featureEncoders, findUnusableValues, type UnusableValue } from './unusable';

/** Something about the input that did not stop the prediction (unseen levels, ignored columns). */
export interface PredictionNotice {
  code: 'UNSEEN_LEVEL' | 'IGNORED_COLUMN';
  column: string;
  /** Cells concerned (0 for a whole column). */
  count: number;
  message: string;
}

/** Predictions of every row: NaN where a row has unusable values (listed in `unusable`). */
export interface TablePredictions {
  predictions: Float64Array;
  unusable: UnusableValue[];
  notices: PredictionNotice[];
  /** Rows with a prediction. */
  predicted: number;
  predictMs: number;
}

/** Rows per chunk: about 0.1–1 s of prediction for medium_quality models on 2 cores. */
export const CHUNK_ROWS = 20_000;

/** AppError naming every feature column the table lacks; nothing when all are there. */
export function assertFeatureColumns(features: readonly string[], columns: readonly string[]) {
  const present = new Set(columns);
  const missing = features.filter((name) => !present.has(name));
  if (missing.length === 0) return;
  const list = missing.map((name) => `'${name}'`).join(', ');
  throw new AppError(
    'VALIDATION',
    `The data lacks ${missing.length === 1 ? 'the feature column' : 'the feature columns'} ${list} that the model uses.`,
    { fields: Object.fromEntries(missing.map((name) => [name, 'Missing column.'])) },
  );
}

function sliceArray(values: ArrayLike<unknown>, start: number, end: number): ArrayLike<unknown> {
  const sliceable = values as ArrayLike<unknown> & { subarray?: unknown; slice?: unknown };
  if (typeof sliceable.subarray === 'function') {
    return (values as Float64Array).subarray(start, end) as ArrayLike<unknown>;
  }
  if (typeof sliceable.slice === 'function') return (values as unknown[]).slice(start, end);
  return Array.from({ length: end - start }, (_, k) => values[start + k]);
}

/** Rows [start, end) of the feature columns of `table`, as a table. */
function chunkOf(table: TableLike, columns: string[], start: number, end: number): TableLike {
  const whole = start === 0 && end === table.numRows();
  const arrays = new Map(
    columns.map((name) => [
      name,
      whole ? table.array(name) : sliceArray(table.array(name), start, end),
    ]),
  );
  return { numRows: () => end - start, columnNames: () => columns, array: (n) => arrays.get(n)! };
}

/** Adds a chunk's unseen-level warnings (row numbers of the chunk) to the running totals. */
function addUnseen(totals: Map<string, { count: number }>, warnings: unknown[]) {
  for (const warning of warnings as { code: string; column: string; count: number }[]) {
    if (warning.code !== 'UNSEEN_LEVEL') continue;
    const total = totals.get(warning.column) ?? { count: 0 };
    total.count += warning.count;
    totals.set(warning.column, total);
  }
}

/** The notices of a whole table: unseen levels per column, columns the model does not use. */
function noticesOf(
  predictor: Predictor,
  columns: readonly string[],
  unseen: Map<string, { count: number }>,
): PredictionNotice[] {
  const notices: PredictionNotice[] = [...unseen].map(([column, { count }]) => ({
    code: 'UNSEEN_LEVEL',
    column,
    count,
    message: `column '${column}': ${count.toLocaleString('en-US')} ${count === 1 ? 'value was' : 'values were'} not seen in training and treated as an unknown level`,
  }));
  const known = new Set([
    ...predictor.parts.pipeline.sources,
    predictor.label,
    ...predictor.metadata.dropped.map((column) => column.name),
  ]);
  for (const column of columns) {
    if (known.has(column)) continue;
    notices.push({
      code: 'IGNORED_COLUMN',
      column,
      count: 0,
      message: `column '${column}' is not used by the model and was ignored`,
    });
  }
  return notices;
}

/** How `predictTable` predicts: in this thread in chunks (default), or on worker threads. */
export interface PredictTableOptions {
  /** Rows per chunk in this thread (default CHUNK_ROWS). */
  chunkRows?: number;
  /** Called after each chunk in this thread with the rows done; may throw to stop. */
  onChunk?: (rowsDone: number) => Promise<void> | void;
  /**
   * Predict with the engine's `predictAsync` on this many worker threads (large tables; smaller
   * ones it predicts in this thread between turns of the event loop). For background jobs: the
   * web server's fast path predicts a few rows in this thread.
   */
  threads?: number;
  signal?: AbortSignal;
  /** With `threads`: the fraction of rows done, after each chunk. */
  onProgress?: (fraction: number) => void;
}

/** Predictions of the feature columns of `table` in chunks, in this thread. */
async function predictInChunks(
  predictor: Predictor,
  table: TableLike,
  options: PredictTableOptions,
): Promise<{ predictions: Float64Array; warnings: unknown[] }> {
  const sources = predictor.parts.pipeline.sources;
  const rowCount = table.numRows();
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const predictions = new Float64Array(rowCount);
  const warnings: unknown[] = [];
  for (let start = 0; start < rowCount; start += chunkRows) {
    const end = Math.min(rowCount, start + chunkRows);
    const result = predictor.predict(chunkOf(table, sources, start, end));
    predictions.set(result.predictions, start);
    warnings.push(...result.warnings);
    await options.onChunk?.(end);
    if (end < rowCount) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { predictions, warnings };
}

/**
 * Predicts every row of `table` (see PredictTableOptions for how); rows with unusable values get
 * NaN and are listed. Throws VALIDATION naming missing feature columns.
 */
export async function predictTable(
  predictor: Predictor,
  table: TableLike,
  options: PredictTableOptions = {},
): Promise<TablePredictions> {
  const began = performance.now();
  const sources = predictor.parts.pipeline.sources;
  assertFeatureColumns(sources, table.columnNames());
  const unusable = findUnusableValues(featureEncoders(predictor), table);

  const rowCount = table.numRows();
  const { predictions, warnings } =
    options.threads === undefined
      ? await predictInChunks(predictor, table, options)
      : await predictor.predictAsync(chunkOf(table, sources, 0, rowCount), {
          threads: options.threads,
          signal: options.signal,
          onProgress: (fraction) => options.onProgress?.(fraction),
        });
  const unseen = new Map<string, { count: number }>();
  addUnseen(unseen, warnings);

  for (const value of unusable) predictions[value.row] = NaN;
  let predicted = 0;
  for (let row = 0; row < rowCount; row++) if (Number.isFinite(predictions[row])) predicted++;
  return {
    predictions,
    unusable,
    notices: noticesOf(predictor, table.columnNames(), unseen),
    predicted,
    predictMs: Math.round(performance.now() - began),
  };
}
