// Entry of the child process that fits one model (spawned by fit-child.ts, never imported).
//
// The engine's `fit` cannot be interrupted once started, so each training runs in its own process
// that the worker can kill on cancel; an out-of-memory fit then also kills only this process.
// Protocol over the IPC channel: the parent sends one FitProcessRequest; this process answers
// with progress messages and one 'done' or 'failed' message, then exits.
import { writeFile } from 'node:fs/promises';
import {
  AutoMLError,
  fit,
  type FitOptions,
  type ImportanceResult,
  type Predictor,
  type TableLike,
} from '@/lib/automl';
import { readCsvFile } from '@/lib/csv';
import type { FitProcessMessage, FitProcessRequest } from './fit-child';
import { describePredictor, type FeatureRange } from './metadata';

// The worker died: nothing is left to report to.
process.on('disconnect', () => process.exit(1));
// Ctrl-C in a terminal reaches the whole process group: the worker decides (it re-queues the job
// and kills this process), so that a shutdown is not mistaken for a failed fit.
process.on('SIGINT', () => {});
process.once('message', (request: FitProcessRequest) => {
  run(request).then(
    (description) => send({ type: 'done', description }, 0),
    (error: unknown) => send(failure(error), 1),
  );
});

function send(message: FitProcessMessage, exitCode?: number): void {
  if (!process.send) return;
  process.send(message, undefined, {}, () => {
    if (exitCode !== undefined) process.exit(exitCode);
  });
}

async function run(request: FitProcessRequest) {
  send({ type: 'progress', fraction: 0, message: 'reading the dataset' });
  const read = await readCsvFile(request.csvFile, {
    delimiter: ',',
    encoding: 'utf-8',
    kinds: request.csvKinds,
  });
  const options = {
    ...request.fitOptions,
    threadsOnly: true,
    onProgress: (fraction: number, message: string) =>
      send({ type: 'progress', fraction, message }),
  };
  const predictor = await fit(read.table, options as FitOptions);
  const limit = request.fitOptions.timeLimitSec;
  const importance = trainingImportance(
    predictor,
    read.table,
    typeof limit === 'number' ? limit : undefined,
  );
  send({ type: 'progress', fraction: 1, message: 'saving the model' });
  await writeFile(request.outFile, await predictor.save());
  return describePredictor(predictor, trainingRanges(predictor, read.table), importance);
}

// Bagged fits keep no rows aside, so the engine measures no importance at fit time; measured here
// on a sample of the training rows instead (the model pages say so), within a few seconds.
const IMPORTANCE_MAX_SEC = 10;
const IMPORTANCE_LIMIT_SHARE = 0.05;

function trainingImportance(
  predictor: Predictor,
  table: TableLike,
  timeLimitSec: number | undefined,
): ImportanceResult | undefined {
  if (predictor.metadata.featureImportance) return undefined;
  send({ type: 'progress', fraction: 1, message: 'measuring feature importance' });
  const budgetSec = Math.min(
    IMPORTANCE_MAX_SEC,
    (timeLimitSec ?? Infinity) * IMPORTANCE_LIMIT_SHARE,
  );
  try {
    return predictor.featureImportance(table, {
      shuffles: 3,
      timeLimitSec: Math.max(1, budgetSec),
      usedMembersOnly: true,
    });
  } catch {
    return undefined; // A courtesy: the model is fine without it.
  }
}

function failure(error: unknown): FitProcessMessage {
  if (error instanceof AutoMLError) {
    return { type: 'failed', userMessage: error.message, code: error.code, detail: error.message };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { type: 'failed', detail };
}

/** Numeric and datetime ranges of the features over the training table, for prediction forms. */
function trainingRanges(
  predictor: Predictor,
  table: { array(name: string): ArrayLike<unknown> },
): Record<string, FeatureRange> {
  const ranges: Record<string, FeatureRange> = {};
  for (const feature of predictor.metadata.features) {
    if (feature.kind !== 'numeric' && feature.kind !== 'datetime') continue;
    const values = table.array(feature.name);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const number = toNumber(values[i], feature.kind === 'datetime');
      if (number < min) min = number;
      if (number > max) max = number;
    }
    if (min > max) continue;
    ranges[feature.name] =
      feature.kind === 'datetime'
        ? { min: new Date(min).toISOString(), max: new Date(max).toISOString() }
        : { min, max };
  }
  return ranges;
}

// NaN compares false both ways, so unreadable values never become a bound.
function toNumber(value: unknown, isDate: boolean): number {
  if (value === null || value === undefined || value === '') return NaN;
  if (value instanceof Date) return value.getTime();
  if (isDate) return Date.parse(String(value));
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(number) ? number : NaN;
}
