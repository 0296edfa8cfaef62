// The fast path: predicts a few rows sent as JSON (the manual table, the public API) at once,
// without the queue, and names every field the model cannot read.
import type { Predictor } from '@/lib/automl';
import { columnTable } from '@/lib/automl/table';
import { loadModelPredictor } from '@/lib/models/files';
import type { Model } from '@/lib/access';
import { AppError } from '@/lib/errors';
import { predictTable, type PredictionNotice } from './predict';
import type { ManualPredictionInput } from './schema';

/** A field of one row that the model cannot read; that row gets no prediction. */
export interface FieldError {
  /** 0-based index of the row in the request. */
  row: number;
  field: string;
  /** What is wrong with the value: "'three' is not a number". */
  reason: string;
  /** The same with its place, for lists: "row 4, rooms: 'three' is not a number". */
  message: string;
}

/** The answer of a manual prediction: one prediction per row, null for rows with errors. */
export interface ManualPredictionResult {
  label: string;
  predictions: (number | null)[];
  errors: FieldError[];
  notices: PredictionNotice[];
  predictMs: number;
}

type Row = ManualPredictionInput['rows'][number];

/** The rows as a table of the model's feature columns; absent fields are missing values. */
function featureTable(predictor: Predictor, rows: Row[]) {
  const columns: Record<string, unknown[]> = {};
  for (const source of predictor.parts.pipeline.sources) {
    columns[source] = rows.map((row) => (Object.hasOwn(row, source) ? row[source] : null));
  }
  return columnTable(columns);
}

/** Fields sent that the model does not know, each reported once. */
function ignoredFields(predictor: Predictor, rows: Row[]): PredictionNotice[] {
  const known = new Set([
    ...predictor.parts.pipeline.sources,
    predictor.label,
    ...predictor.metadata.dropped.map((column) => column.name),
  ]);
  const ignored = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!known.has(key)) ignored.add(key);
  return [...ignored].map((column) => ({
    code: 'IGNORED_COLUMN',
    column,
    count: 0,
    message: `field '${column}' is not used by the model and was ignored`,
  }));
}

/**
 * Refuses rows none of which names any feature of the model: every prediction would be the same
 * guess from missing values, which a script sending the wrong field names would take for real.
 */
function assertSomeFeature(predictor: Predictor, rows: Row[]): void {
  const sources = predictor.parts.pipeline.sources;
  if (
    sources.length === 0 ||
    rows.some((row) => sources.some((name) => Object.hasOwn(row, name)))
  ) {
    return;
  }
  const list = (names: string[]) =>
    names
      .slice(0, 12)
      .map((name) => `'${name}'`)
      .join(', ') + (names.length > 12 ? ', …' : '');
  const sent = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const message =
    `No row has any field the model uses (${list(sources)}); the rows have ` +
    `${sent.length > 0 ? list(sent) : 'no fields'}. Field names must match the training columns.`;
  throw new AppError('VALIDATION', message, { fields: { rows: message } });
}

/** Predicts `rows` with a loaded predictor. */
export async function predictRowsWith(
  predictor: Predictor,
  rows: Row[],
): Promise<ManualPredictionResult> {
  assertSomeFeature(predictor, rows);
  const result = await predictTable(predictor, featureTable(predictor, rows));
  const errors = result.unusable.map((value) => ({
    row: value.row,
    field: value.field,
    reason: value.message,
    message: `row ${value.row + 1}, ${value.field}: ${value.message}`,
  }));
  return {
    label: predictor.label,
    predictions: Array.from(result.predictions, (x) => (Number.isFinite(x) ? x : null)),
    errors,
    notices: [...result.notices, ...ignoredFields(predictor, rows)],
    predictMs: result.predictMs,
  };
}

/**
 * Predicts `rows` with `model`, whose predictor comes from the process's LRU cache after the
 * first call (loading a zip takes tens to hundreds of milliseconds; predicting 100 rows, a few).
 * Throws CONFLICT when the model is not completed.
 */
export async function predictRows(
  model: Pick<Model, 'status' | 'storageKey'>,
  rows: Row[],
): Promise<ManualPredictionResult> {
  return predictRowsWith(await loadModelPredictor(model), rows);
}
