/** @jest-environment node */
// Evaluations end to end in a real worker: the metrics equal the command-line tool's
// (`automl evaluate --json`) on the same files, reordered columns give the same numbers, the
// scored rows download as CSV, and deleting removes the row, its file and its queued job.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GET as rowsRoute } from '@/app/api/evaluations/[id]/rows/route';
import { DELETE as deleteRoute, GET as getRoute } from '@/app/api/evaluations/[id]/route';
import { POST as startRoute } from '@/app/api/evaluations/route';
import { deleteDataset, getEvaluation, getJob, type Model } from '@/lib/access';
import type { Predictor } from '@/lib/automl';
import { evaluateCommand } from '@/lib/automl/cli/commands';
import type { SessionUser } from '@/lib/auth/session';
import type { EvaluationResult } from '@/lib/evaluations/types';
import { getStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor } from '../helpers/worker';
import { case14, evaluationsRequest, idContext, uploadDataset } from './evaluations-helpers';

useTestDatabase();
jest.setTimeout(120_000);

let alice: SessionUser;
let bob: SessionUser;
let model: Model;
let predictor: Predictor;
let modelFile: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-evaluations-'));

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  const made = await createCompletedModel(alice.id, { train: case14('train.csv'), label: 'y' });
  ({ model, predictor } = made);
  modelFile = path.join(tmp, 'model.zip');
  fs.writeFileSync(modelFile, made.bytes);
}, 60_000);
afterAll(async () => {
  await stopAllWorkers();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(datasetId: string) {
  const body = { modelId: model.id, datasetId };
  const response = await startRoute(
    await evaluationsRequest(alice, { method: 'POST', body }),
    undefined,
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { evaluation: { id: string }; job: { id: string } };
}

function finished(id: string) {
  return waitFor(
    `evaluation ${id} to finish`,
    async () => {
      const row = await getEvaluation(alice.id, id);
      return row && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(row.status) ? row : undefined;
    },
    60_000,
  );
}

/** What `npm run automl -- evaluate --model … --data … --json` prints. */
async function cliEvaluate(data: string) {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const note = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await evaluateCommand({ model: modelFile, data, json: true });
  } finally {
    write.mockRestore();
    note.mockRestore();
  }
  return JSON.parse(out) as {
    metrics: Record<string, number>;
    leaderboard: { name: string; testRmse: number | null; validationRmse: number | null }[];
  };
}

describe('deleting an evaluation that waits for a worker', () => {
  it('removes the row and cancels its job', async () => {
    const data = await uploadDataset(alice, fs.readFileSync(case14('test_original.csv')), 'q');
    const { evaluation, job } = await start(data.id);

    const response = await deleteRoute(
      await evaluationsRequest(alice, { method: 'DELETE', suffix: `/${evaluation.id}` }),
      idContext(evaluation.id),
    );

    expect(response.status).toBe(200);
    expect(await getEvaluation(alice.id, evaluation.id)).toBeNull();
    expect((await getJob(alice.id, job.id))?.status).toBe('CANCELLED');
  });
});

describe('an evaluation run by the worker', () => {
  let originalId: string;
  let result: EvaluationResult;

  beforeAll(async () => {
    await startWorker().ready;
    const original = await uploadDataset(
      alice,
      fs.readFileSync(case14('test_original.csv')),
      'test_original',
    );
    originalId = (await start(original.id)).evaluation.id;
    const row = await finished(originalId);
    expect(row.error).toBeNull();
    expect(row.status).toBe('COMPLETED');
    result = row.result as EvaluationResult;
  }, 90_000);

  it('reports the same metrics as `automl evaluate` on the same files', async () => {
    const cli = await cliEvaluate(case14('test_original.csv'));
    const m = result.metrics;

    expect(m).toEqual({
      rmse: cli.metrics.rmse,
      mse: cli.metrics.mse,
      mae: cli.metrics.mae,
      r2: cli.metrics.r2,
      mape: cli.metrics.mape,
      mapeExcludedZeroTargets: cli.metrics.mapeExcludedZeroLabels,
      medianAbsoluteError: cli.metrics.medianAbsoluteError,
      maxError: cli.metrics.maxError,
      explainedVariance: cli.metrics.explainedVariance,
      rowsScored: 10,
      rowsSkippedMissingTarget: 0,
    });
    for (const row of cli.leaderboard) {
      const ours = result.leaderboard.find((r) => r.name === row.name)!;
      expect(ours.validationRmse).toBe(row.validationRmse);
      if (row.testRmse === null) expect(ours.testRmse).toBeNull();
      else expect(ours.testRmse).toBeCloseTo(row.testRmse, 9);
    }
    expect(result.leaderboard.some((r) => r.name === 'WeightedEnsemble')).toBe(true);
  });

  it('gives identical numbers for the same rows with the columns reordered (case 14)', async () => {
    const reordered = await uploadDataset(
      alice,
      fs.readFileSync(case14('test_reordered.csv')),
      'test_reordered',
    );
    const row = await finished((await start(reordered.id)).evaluation.id);

    expect((row.result as EvaluationResult).metrics).toEqual(result.metrics);
  });

  it('keeps chart data: every point with its residual, and a histogram of all residuals', () => {
    expect(result.points).toHaveLength(10);
    for (const point of result.points) {
      expect(point.residual).toBeCloseTo(point.actual - point.predicted, 9);
      expect(point.values).toHaveLength(result.pointColumns.length);
    }
    expect(result.pointColumns.sort()).toEqual(['a', 'b', 'c']);
    expect(result.residualHistogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(10);
  });

  it('downloads the scored rows: inputs, real value, prediction and residual', async () => {
    const response = await rowsRoute(
      await evaluationsRequest(alice, { suffix: `/${originalId}/rows` }),
      idContext(originalId),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('scored.csv');
    const lines = (await response.text()).trim().split('\r\n');
    const header = lines[0].split(',');

    expect(header.slice(-2)).toEqual(['prediction', 'residual']);
    expect(lines).toHaveLength(11);
    const { table } = await (await import('@/lib/csv')).readCsvFile(case14('test_original.csv'));
    const expected = predictor.predict(table).predictions;
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',').map(Number);
      const real = cells[header.indexOf('y')];
      expect(cells[header.indexOf('prediction')]).toBe(expected[i]);
      expect(cells[header.indexOf('residual')]).toBeCloseTo(real - expected[i], 9);
    });
  });

  it('counts rows without a target as skipped and leaves zero targets out of MAPE', async () => {
    const rows = ['a,b,c,y', '1,2,3,5', '2,3,4,', '3,1,2,0', '4,5,6,20', '5,1,1,12'];
    const data = await uploadDataset(alice, rows.join('\n'), 'gaps');
    const row = await finished((await start(data.id)).evaluation.id);
    const metrics = (row.result as EvaluationResult).metrics;

    expect(metrics).toMatchObject({
      rowsScored: 4,
      rowsSkippedMissingTarget: 1,
      mapeExcludedZeroTargets: 1,
    });
  });

  it('stays readable after its dataset is deleted, with the dataset’s name', async () => {
    const data = await uploadDataset(alice, fs.readFileSync(case14('test_extra_d.csv')), 'gone');
    const id = (await start(data.id)).evaluation.id;
    await finished(id);
    await deleteDataset(alice.id, data.id);

    const response = await getRoute(
      await evaluationsRequest(alice, { suffix: `/${id}` }),
      idContext(id),
    );
    const { evaluation } = await response.json();
    expect(evaluation).toMatchObject({ datasetId: null, datasetName: 'gone', status: 'COMPLETED' });
    expect(evaluation.result.metrics.rmse).toBe(result.metrics.rmse);
  });

  it('is 404 for another user, and deleting it removes its scored rows', async () => {
    const asBob = await getRoute(
      await evaluationsRequest(bob, { suffix: `/${originalId}` }),
      idContext(originalId),
    );
    expect(asBob.status).toBe(404);
    const bobDeletes = await deleteRoute(
      await evaluationsRequest(bob, { method: 'DELETE', suffix: `/${originalId}` }),
      idContext(originalId),
    );
    expect(bobDeletes.status).toBe(404);

    const key = (await getEvaluation(alice.id, originalId))!.storageKey!;
    expect(await getStorage().size(key)).toBeGreaterThan(0);
    const response = await deleteRoute(
      await evaluationsRequest(alice, { method: 'DELETE', suffix: `/${originalId}` }),
      idContext(originalId),
    );

    expect(response.status).toBe(200);
    await expect(getStorage().size(key)).rejects.toMatchObject({ status: 404 });
    const rows = await rowsRoute(
      await evaluationsRequest(alice, { suffix: `/${originalId}/rows` }),
      idContext(originalId),
    );
    expect(rows.status).toBe(404);
  });
});
