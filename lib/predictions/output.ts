// The output of a batch prediction: the original columns plus the prediction and its reason,
// written as CSV in chunks, with the summary and preview kept in the prediction's `result`.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { outputColumnNames } from './columns';
import { csvChunks } from './csv-writer';
import type { PredictionNotice, TablePredictions } from './predict';
import { reasonText, type UnusableValue } from './unusable';

/** Rows shown on the result page. */
export const PREVIEW_ROWS = 50;
/** Rows (spread over the file) kept for the result's plots. */
export const SAMPLE_ROWS = 1000;
/** Feature columns kept for the plots; wider tables keep the model's first ones. */
export const SAMPLE_FEATURES = 30;

type Cell = number | string | boolean | null;

/** What `predictions.result` holds for a completed batch prediction. */
export interface BatchResult {
  label: string;
  predictionColumn: string;
  reasonColumn: string;
  rows: number;
  predicted: number;
  /** Rows with no prediction; each has a reason in `reasonColumn`. */
  empty: number;
  /** Unusable values per feature column, for the counts on the page. */
  reasons: { column: string; count: number }[];
  notices: PredictionNotice[];
  /** The first rows of the output file: every column, cells as written. */
  preview: { columns: string[]; rows: Cell[][] };
  /** Rows spread over the file for plots: feature values and the prediction (null when empty). */
  sample: { rows: number[]; columns: Record<string, Cell[]>; predictions: (number | null)[] };
  predictMs: number;
  writeMs?: number;
  sizeBytes?: number;
}

/** The reason per row (null for rows with a prediction). */
function reasonsByRow(rowCount: number, unusable: UnusableValue[]): (string | null)[] {
  const reasons: (string | null)[] = new Array(rowCount).fill(null);
  for (let k = 0; k < unusable.length;) {
    const row = unusable[k].row;
    let end = k;
    while (end < unusable.length && unusable[end].row === row) end++;
    reasons[row] = reasonText(unusable.slice(k, end));
    k = end;
  }
  return reasons;
}

function cell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return value instanceof Date ? value.toISOString() : String(value);
}

function countByColumn(unusable: UnusableValue[]): { column: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of unusable) counts.set(value.field, (counts.get(value.field) ?? 0) + 1);
  return [...counts].map(([column, count]) => ({ column, count }));
}

function evenlySpaced(rowCount: number, wanted: number): number[] {
  if (rowCount <= wanted) return Array.from({ length: rowCount }, (_, k) => k);
  return Array.from({ length: wanted }, (_, k) => Math.floor((k * rowCount) / wanted));
}

/** The output table and the summary stored as the prediction's result. */
export function buildOutput(
  input: ColumnTable,
  features: readonly string[],
  label: string,
  predicted: TablePredictions,
): { table: ColumnTable; result: BatchResult } {
  const { predictionColumn, reasonColumn } = outputColumnNames(label, input.columnNames());
  const rowCount = input.numRows();
  const reasons = reasonsByRow(rowCount, predicted.unusable);
  const table = input.assign(
    aq.table({ [predictionColumn]: predicted.predictions, [reasonColumn]: reasons }),
  );

  const columns = table.columnNames();
  const arrays = columns.map((name) => table.array(name) as ArrayLike<unknown>);
  const previewRows = Math.min(PREVIEW_ROWS, rowCount);
  const preview = Array.from({ length: previewRows }, (_, r) => arrays.map((a) => cell(a[r])));

  const sampleRows = evenlySpaced(rowCount, SAMPLE_ROWS);
  const sampleColumns: Record<string, Cell[]> = {};
  for (const name of features.slice(0, SAMPLE_FEATURES)) {
    const values = input.array(name) as ArrayLike<unknown>;
    sampleColumns[name] = sampleRows.map((r) => cell(values[r]));
  }

  const result: BatchResult = {
    label,
    predictionColumn,
    reasonColumn,
    rows: rowCount,
    predicted: predicted.predicted,
    empty: rowCount - predicted.predicted,
    reasons: countByColumn(predicted.unusable),
    notices: predicted.notices,
    preview: { columns, rows: preview },
    sample: {
      rows: sampleRows.map((r) => r + 1),
      columns: sampleColumns,
      predictions: sampleRows.map((r) => cell(predicted.predictions[r]) as number | null),
    },
    predictMs: predicted.predictMs,
  };
  return { table, result };
}

/**
 * The output as CSV text in pieces of `rowsPerChunk` rows, calling `onChunk(rowsWritten)` as the
 * writer pulls them. Cells are written as they are (no formula escaping), so the file can be
 * uploaded again as a dataset with the same values.
 */
export function outputChunks(
  table: ColumnTable,
  onChunk?: (rowsWritten: number) => void,
  rowsPerChunk = 10_000,
): Generator<string> {
  return csvChunks(table, onChunk, rowsPerChunk);
}
