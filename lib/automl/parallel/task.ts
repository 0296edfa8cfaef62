// One fit task as both a worker thread and the main thread run it, so the two give equal models.
import { AutoMLError } from '../errors';
import { findFamily } from '../families';
import { takeRows } from '../holdout';
import type { LabelledMatrix, ProgressCallback, TrainedModel } from '../types';
import type { FitRequest } from './messages';

/** The fitted model, its predictions on `predictRows` (when asked) and the fit's milliseconds. */
export interface TaskResult {
  model: TrainedModel;
  predictions?: Float64Array;
  fitMs: number;
  predictMs: number;
}

/** Message of the error a task raises when it would start after the time limit. */
export const NOT_STARTED_MESSAGE = 'the time limit was reached before it started';

/**
 * Fits `request` in the calling thread: gathers its rows from the shared matrix, fits with the
 * earlier of the deadline and the budget counted from now, and predicts `predictRows`.
 */
export function runFitTask(request: FitRequest, onProgress?: ProgressCallback): TaskResult {
  const startMs = Date.now();
  if (request.skipAfterDeadline && request.deadlineMs !== undefined) {
    if (startMs >= request.deadlineMs) throw new Error(NOT_STARTED_MESSAGE);
  }
  const entry = findFamily(request.family);
  if (!entry) throw new AutoMLError('INVALID_OPTION', `unknown model family '${request.family}'`);
  const budgetEnd = request.budgetMs === undefined ? Infinity : startMs + request.budgetMs;
  const deadlineMs = Math.min(request.deadlineMs ?? Infinity, budgetEnd);

  const train = gather(request.train, request.trainRows);
  const valid = request.validRows ? gather(request.train, request.validRows) : request.valid;
  const t0 = performance.now();
  const model = entry.family.fit(train, valid, request.params, {
    seed: request.seed,
    deadlineMs: Number.isFinite(deadlineMs) ? deadlineMs : undefined,
    onProgress,
  });
  const fitMs = performance.now() - t0;
  if (request.leaveOneOut) {
    if (!model.predictLeaveOneOut) {
      throw new AutoMLError('INVALID_OPTION', `${request.family} cannot leave rows out`);
    }
    const t1 = performance.now();
    const predictions = model.predictLeaveOneOut();
    return { model, predictions, fitMs, predictMs: performance.now() - t1 };
  }
  if (!request.predictRows) return { model, fitMs, predictMs: 0 };
  // Out-of-fold rows are usually the validation rows, already gathered.
  const X =
    request.predictRows === request.validRows && valid
      ? valid.X
      : gather(request.train, request.predictRows).X;
  const t1 = performance.now();
  const predictions = model.predict(X);
  return { model, predictions, fitMs, predictMs: performance.now() - t1 };
}

function gather(data: LabelledMatrix, rows: Uint32Array | undefined): LabelledMatrix {
  return rows ? takeRows(data.X, data.y, rows) : data;
}
