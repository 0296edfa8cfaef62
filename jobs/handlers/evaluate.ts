// The 'evaluate' job: scores a model on a labelled dataset, stores the scored rows as CSV and the
// metrics, test leaderboard and chart data on the evaluation row.
import os from 'node:os';
import { Readable } from 'node:stream';
import { getDataset, getEvaluation, getModel, updateEvaluation } from '@/lib/access';
import { readStoredTable } from '@/lib/datasets/files';
import { chartPoints, residualHistogram } from '@/lib/evaluations/chart-data';
import { scoredRowsCsv, scoredColumnNames } from '@/lib/evaluations/rows-csv';
import { scoreTable } from '@/lib/evaluations/score';
import { evaluationRowsKey } from '@/lib/evaluations/start';
import type { EvaluationResult, HeadlineMetrics } from '@/lib/evaluations/types';
import { AppError } from '@/lib/errors';
import { getConfig } from '@/lib/config';
import { loadModelPredictor } from '@/lib/models/files';
import { getStorage } from '@/lib/storage';
import { assertStoredFits } from '@/lib/storage/quota';
import type { JobHandler } from '../types';

/** Progress is written at most this often (each write is a database update). */
const PROGRESS_INTERVAL_MS = 500;

/** This job's share of the cores: each of the worker's concurrent jobs gets as many. */
function threadCount(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / getConfig().WORKER_CONCURRENCY));
}

const evaluateJob: JobHandler = async ({ job, signal, progress, log }) => {
  const evaluation = job.resourceId ? await getEvaluation(job.ownerId, job.resourceId) : null;
  // Deleted while it waited: nothing to do, nothing to report.
  if (!evaluation) return { evaluationId: job.resourceId, deleted: true };
  const model = await getModel(job.ownerId, evaluation.modelId);
  if (!model) throw new AppError('NOT_FOUND', 'The model was deleted before it could be tested.');
  const dataset = evaluation.datasetId ? await getDataset(job.ownerId, evaluation.datasetId) : null;
  if (!dataset) {
    throw new AppError(
      'NOT_FOUND',
      `The dataset '${evaluation.datasetName}' was deleted before it could be scored.`,
    );
  }

  // Reading is 0–30 %, scoring 30–90 %, writing the scored rows 90–100 %.
  let lastReport = 0;
  let reporting: Promise<void> = Promise.resolve();
  const report = (percent: number, message: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return reporting;
    lastReport = now;
    reporting = reporting.then(() => progress(percent, message));
    return reporting;
  };

  await report(1, 'Loading the model', true);
  const predictor = await loadModelPredictor(model);
  const readStart = performance.now();
  const read = await readStoredTable(dataset, {
    signal,
    onProgress: ({ pass, bytesRead, sizeBytes }) => {
      void report(
        2 + (pass - 1) * 14 + (14 * bytesRead) / Math.max(1, sizeBytes),
        `Reading the dataset (pass ${pass} of 2)`,
      );
    },
  });
  await reporting;
  const readSec = (performance.now() - readStart) / 1000;
  const table = read.table;

  const threads = threadCount();
  const scored = await scoreTable(predictor, table, {
    signal,
    threads,
    onProgress: (fraction, message) => report(30 + 60 * fraction, message),
  });
  const { y, rows } = scored.label;

  await report(90, 'Writing the scored rows', true);
  const writeStart = performance.now();
  const key = evaluationRowsKey(evaluation);
  const stored = await getStorage().put(
    key,
    Readable.from(scoredRowsCsv(table, rows, y, scored.predictions)),
  );
  await assertStoredFits(job.ownerId, key, stored.sizeBytes);
  const writeSec = (performance.now() - writeStart) / 1000;

  const features = predictor.metadata.features.map((feature) => feature.name);
  const added = scoredColumnNames(table.columnNames());
  const histogram = residualHistogram(y, rows, scored.predictions);
  const result: EvaluationResult = {
    label: predictor.label,
    metrics: scored.metrics,
    leaderboard: scored.leaderboard,
    leaderboardRows: scored.leaderboardRows,
    timings: {
      readSec,
      predictSec: scored.predictSec,
      leaderboardSec: scored.leaderboardSec,
      writeSec,
    },
    ...chartPoints(table, features, y, rows, scored.predictions),
    residualHistogram: histogram.bins,
    residualsOutside: { below: histogram.below, above: histogram.above },
    warnings: scored.warnings,
    rowsFile: {
      columns: [...table.columnNames(), added.prediction, added.residual],
      rows: rows.length,
      sizeBytes: stored.sizeBytes,
    },
  };
  const { rmse, mae, r2, rowsScored } = scored.metrics;
  const headline: HeadlineMetrics = { rmse, mae, r2, rowsScored };
  const updated = await updateEvaluation(job.ownerId, evaluation.id, {
    status: 'COMPLETED',
    metrics: headline,
    result,
    storageKey: key,
    error: null,
    finishedAt: new Date(),
  });
  // Deleted meanwhile: its clean-up ran before this file existed, so remove it here.
  if (!updated) {
    await getStorage().delete(key);
    return { evaluationId: evaluation.id, deleted: true };
  }
  log.info('Model evaluated', {
    evaluationId: evaluation.id,
    rows: rowsScored,
    predictSec: scored.predictSec,
    leaderboardSec: scored.leaderboardSec,
  });
  return { evaluationId: evaluation.id, rmse, rowsScored };
};

export default evaluateJob;
