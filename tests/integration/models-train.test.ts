/** @jest-environment node */
// Training through the API in a real worker: a model reaches COMPLETED with its details, a running
// training can be cancelled (its fit process ends), failures carry messages users can act on, and
// bad requests name the field.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { POST as cancelJobRoute } from '@/app/api/jobs/[id]/cancel/route';
import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/models/[id]/route';
import { GET as listRoute } from '@/app/api/models/route';
import { createModel, getJob, getModel as getModelRow, updateModel } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { enqueueJob } from '@/lib/queue';
import { getStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor, type TestWorker } from '../helpers/worker';
import {
  call,
  casePath,
  getModel,
  modelKeys,
  sharedFile,
  train,
  uploadDataset,
  waitForModel,
} from './models-helpers';

const database = useTestDatabase();
let alice: SessionUser;
let bob: SessionUser;
let worker: TestWorker;
let carsId: string;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  carsId = await uploadDataset(alice, sharedFile('datasets/cars.csv'), 'cars.csv');
  worker = startWorker({ DATABASE_URL: database.url() });
  await worker.ready;
}, 60_000);
afterAll(() => stopAllWorkers());

const carsRequest = {
  name: 'mpg',
  description: 'miles per gallon',
  datasetId: '',
  label: 'Miles_per_Gallon',
  preset: 'medium_quality',
  timeLimitSec: 60,
};

describe('training a model', () => {
  it('runs in the worker to COMPLETED, with the details the pages show', async () => {
    const started = await train(alice, { ...carsRequest, datasetId: carsId });
    expect(started.status).toBe(201);
    expect(started.body.model).toMatchObject({
      status: 'TRAINING',
      label: 'Miles_per_Gallon',
      datasetName: 'cars',
      preset: 'medium_quality',
      timeLimitSec: 60,
      evalMetric: 'rmse',
      source: 'trained',
      features: [],
    });
    expect(started.body.job).toMatchObject({ kind: 'train', status: 'QUEUED' });

    const model = await waitForModel(alice, started.body.model.id);
    expect(model).toMatchObject({ status: 'COMPLETED', error: null });
    expect(model.job).toMatchObject({ status: 'COMPLETED', progress: 100 });
    expect(model.trainingSec).toBeGreaterThan(0);
    // The whole job (reading, a child process, importance, the zip) holds the engine's fit.
    expect(model.fitSec).toBeGreaterThan(0);
    expect(model.trainingSec).toBeGreaterThan(model.fitSec);
    expect(model.validation.rmse).toBeGreaterThan(0);
    expect(model.validation.rmse).toBeLessThan(5);
    expect(model.features).toContainEqual({ name: 'Origin', kind: 'categorical' });
    expect(model.features).toContainEqual({ name: 'Horsepower', kind: 'numeric' });
    expect(model.leaderboard.map((row: { name: string }) => row.name)).toEqual(
      expect.arrayContaining(['WeightedEnsemble', 'gbdt', 'linear']),
    );
    const weights = model.ensembleWeights.reduce(
      (sum: number, w: { weight: number }) => sum + w.weight,
      0,
    );
    expect(weights).toBeCloseTo(1, 6);
    expect(model.featureImportance.length).toBeGreaterThan(0);
    expect(model.featureImportanceRows).toBe('validation');
    expect(model.featureRanges.Weight_in_lbs).toEqual({ min: 1613, max: 5140 });
    expect(model.featureRanges.Origin.levels.sort()).toEqual(['Europe', 'Japan', 'USA']);
    expect(await modelKeys(alice.id)).toHaveLength(1);

    const list = await (await call((r) => listRoute(r, undefined), alice)).json();
    expect(list.models[0]).toMatchObject({ id: model.id, status: 'COMPLETED' });
    expect(list.models[0].leaderboard).toBeUndefined();
  }, 120_000);

  it('passes the metric and families to the engine: MAE ranks the models and is reported', async () => {
    const started = await train(alice, {
      ...carsRequest,
      name: 'by mae',
      datasetId: carsId,
      evalMetric: 'mae',
      families: ['linear', 'gbdt'],
      holdoutFraction: 0.25,
    });
    const model = await waitForModel(alice, started.body.model.id);
    expect(model).toMatchObject({ status: 'COMPLETED', evalMetric: 'mae', holdoutFraction: 0.25 });
    expect(model.validation.mae).toBeGreaterThan(0);
    expect(model.validation.mae).toBeLessThan(model.validation.rmse);
    const names = model.leaderboard.map((row: { name: string }) => row.name).sort();
    expect(names).toEqual(['WeightedEnsemble', 'gbdt', 'linear']);
    const scores = model.leaderboard.map((row: { validationScore: number }) => row.validationScore);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const rows = model.trainingRows + model.validationRows;
    expect(model.validationRows / rows).toBeCloseTo(0.25, 2);
  }, 120_000);

  it('bagged presets refit their models on all rows and measure importance on training rows', async () => {
    const started = await train(alice, {
      ...carsRequest,
      name: 'bagged',
      datasetId: carsId,
      preset: 'good_quality',
      families: ['linear', 'gbdt'],
    });
    const model = await waitForModel(alice, started.body.model.id);
    expect(model).toMatchObject({ status: 'COMPLETED', featureImportanceRows: 'training' });
    expect(model.engine.folds).toBe(5);
    expect(model.engine.refitModels.length).toBeGreaterThan(0);
    const weight = model.featureImportance.find(
      (f: { feature: string }) => f.feature === 'Weight_in_lbs',
    );
    expect(weight.mean).toBeGreaterThan(0);
  }, 180_000);

  it('stops a running training on cancel: CANCELLED, no file, no fit process left', async () => {
    const started = await train(alice, {
      ...carsRequest,
      name: 'slow',
      datasetId: carsId,
      preset: 'best_quality',
      timeLimitSec: 600,
    });
    const { id } = started.body.model;
    const jobId = started.body.job.id;
    const keys = await modelKeys(alice.id);
    await waitFor(
      'the fit to start',
      async () => ((await getModel(alice, id)).job.progress > 3 ? true : undefined),
      60_000,
    );
    expect(fitProcesses(worker)).toHaveLength(1);

    const cancelled = await call(cancelJobRoute, alice, { id: jobId, method: 'POST' });
    expect(cancelled.status).toBe(200);
    const model = await waitForModel(alice, id, 30_000);
    expect(model.status).toBe('CANCELLED');
    expect(model.job.status).toBe('CANCELLED');
    await waitFor('the fit process to end', async () =>
      fitProcesses(worker).length === 0 ? true : undefined,
    );
    expect(await modelKeys(alice.id)).toEqual(keys);
  }, 120_000);

  it('deletes a model while it trains: the fit process ends and nothing is stored', async () => {
    const started = await train(alice, {
      ...carsRequest,
      name: 'doomed',
      datasetId: carsId,
      preset: 'best_quality',
      timeLimitSec: 600,
    });
    const { id } = started.body.model;
    await waitFor(
      'the fit to start',
      async () => ((await getModel(alice, id)).job.progress > 3 ? true : undefined),
      60_000,
    );
    const keys = await modelKeys(alice.id);
    expect((await call(deleteRoute, alice, { id, method: 'DELETE' })).status).toBe(200);
    await waitFor('the fit process to end', async () =>
      fitProcesses(worker).length === 0 ? true : undefined,
    );
    // The runner records the outcome just after the fit process has ended.
    const job = await waitFor('the job to end', async () => {
      const row = await getJob(alice.id, started.body.job.id);
      return row?.status === 'RUNNING' ? undefined : row;
    });
    expect(job).toMatchObject({ status: 'CANCELLED' });
    expect(await modelKeys(alice.id)).toEqual(keys);
  }, 120_000);

  it('renames and deletes a model with its file', async () => {
    const [model] = (
      await (await call((r) => listRoute(r, undefined), alice)).json()
    ).models.filter((m: { status: string }) => m.status === 'COMPLETED');
    const patched = await call(patchRoute, alice, {
      id: model.id,
      method: 'PATCH',
      body: { name: '  renamed ', description: 'new text' },
    });
    expect((await patched.json()).model).toMatchObject({
      name: 'renamed',
      description: 'new text',
    });
    const badPatch = await call(patchRoute, alice, {
      id: model.id,
      method: 'PATCH',
      body: { name: '' },
    });
    expect((await badPatch.json()).error.fields.name).toBe('Give the model a name.');

    expect((await call(deleteRoute, bob, { id: model.id, method: 'DELETE' })).status).toBe(404);
    const { storageKey } = (await getModelRow(alice.id, model.id))!;
    const keys = await modelKeys(alice.id);
    expect((await call(deleteRoute, alice, { id: model.id, method: 'DELETE' })).status).toBe(200);
    expect(keys).toContain(storageKey);
    expect(await modelKeys(alice.id)).toEqual(keys.filter((key) => key !== storageKey));
    expect((await call(deleteRoute, alice, { id: model.id, method: 'DELETE' })).status).toBe(404);
  });
});

/** Child processes of the worker running a fit (Linux: read from /proc). */
function fitProcesses(testWorker: TestWorker): number[] {
  const parent = testWorker.process.pid;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === parent && cmdline.includes('fit-process');
      } catch {
        return false;
      }
    });
}

describe('training failures users can act on', () => {
  /** A model queued straight into the worker, skipping the request checks of POST. */
  async function trainUnchecked(file: string, label = 'price') {
    const datasetId = await uploadDataset(alice, readFileSync(casePath('10', file)), file);
    const model = await createModel(alice.id, {
      name: file,
      datasetId,
      status: 'TRAINING',
      label,
      metadata: { source: 'trained', datasetName: file },
    });
    const payload = { label, preset: 'medium_quality', timeLimitSec: 30, evalMetric: 'rmse' };
    const job = await enqueueJob({
      ownerId: alice.id,
      kind: 'train',
      resourceId: model.id,
      payload,
    });
    await updateModel(alice.id, model.id, { jobId: job.id });
    return waitForModel(alice, model.id);
  }

  it('names the column and its text values (case 10, target_text.csv)', async () => {
    const model = await trainUnchecked('target_text.csv');
    expect(model.status).toBe('FAILED');
    expect(model.error).toContain("'price'");
    expect(model.error).toContain("row 2: '<100000'");
    expect(model.error).toContain("'unknown'");
    expect(model.job.status).toBe('FAILED');
    expect(model.error).not.toMatch(/\bat \S+ \(|Error:/);
  }, 60_000);

  it('refuses too few rows with a target, counting the missing ones (target_missing.csv)', async () => {
    const model = await trainUnchecked('target_missing.csv');
    expect(model.status).toBe('FAILED');
    expect(model.error).toBe(
      "only 9 rows have a value in label column 'price' (3 missing); at least 10 are needed",
    );
  }, 60_000);

  it('trains without the infinite targets and says so (target_inf.csv)', async () => {
    const model = await trainUnchecked('target_inf.csv');
    expect(model.status).toBe('COMPLETED');
    expect(model.droppedLabelRows).toBe(2);
    expect(model.warnings[0]).toContain("2 rows with no value in target column 'price'");
  }, 60_000);

  it('names a target column the file lacks', async () => {
    const model = await trainUnchecked('target_inf.csv', 'nonexistent');
    expect(model.status).toBe('FAILED');
    expect(model.error).toBe("label column 'nonexistent' not found");
  }, 60_000);

  it('fails with a message when the dataset is gone', async () => {
    const model = await createModel(alice.id, { name: 'orphan', status: 'TRAINING', label: 'x' });
    const payload = { label: 'x', preset: 'medium_quality', timeLimitSec: 0, evalMetric: 'rmse' };
    const job = await enqueueJob({
      ownerId: alice.id,
      kind: 'train',
      resourceId: model.id,
      payload,
    });
    await updateModel(alice.id, model.id, { jobId: job.id });
    const ended = await waitForModel(alice, model.id);
    expect(ended).toMatchObject({
      status: 'FAILED',
      error: 'The training dataset was deleted before training started.',
    });
  }, 60_000);

  it('stores nothing for failed trainings', async () => {
    const keys = await getStorage().list(`models/${alice.id}/`);
    const completed = (
      await (await call((r) => listRoute(r, undefined), alice)).json()
    ).models.filter((m: { status: string }) => m.status === 'COMPLETED');
    expect(keys).toHaveLength(completed.length);
  });
});

describe('POST /api/models request checks', () => {
  let textId: string;
  beforeAll(async () => {
    textId = await uploadDataset(alice, readFileSync(casePath('10', 'target_text.csv')));
  });

  const cases: [string, () => Record<string, unknown>, number, string, string | RegExp][] = [
    [
      'a missing name',
      () => ({ ...carsRequest, datasetId: carsId, name: ' ' }),
      400,
      'name',
      'Give the model a name.',
    ],
    [
      'an unknown dataset',
      () => ({ ...carsRequest, datasetId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'datasetId',
      'No such dataset.',
    ],
    [
      'a target that is not a column',
      () => ({ ...carsRequest, datasetId: carsId, label: 'mpg' }),
      400,
      'label',
      "Column 'mpg' is not in dataset 'cars'.",
    ],
    [
      'a target that is not numeric',
      () => ({ ...carsRequest, datasetId: carsId, label: 'Origin' }),
      400,
      'label',
      /Target column 'Origin' is categorical, not numeric: it has text values such as 'USA' \(row 1\)/,
    ],
    [
      'text in the target (case 10)',
      () => ({ ...carsRequest, datasetId: textId, label: 'price' }),
      400,
      'label',
      /'<100000' \(row 2\), 'unknown' \(row 5\), '135 000' \(row 8\)/,
    ],
    [
      'features that are not columns',
      () => ({ ...carsRequest, datasetId: carsId, features: ['Weight_in_lbs', 'Colour', 'Price'] }),
      400,
      'features',
      "Columns 'Colour', 'Price' are not in dataset 'cars'.",
    ],
    [
      'the target among the features',
      () => ({
        ...carsRequest,
        datasetId: carsId,
        features: ['Weight_in_lbs', 'Miles_per_Gallon'],
      }),
      400,
      'features',
      "The target column 'Miles_per_Gallon' cannot also be a feature.",
    ],
    [
      'an unknown preset',
      () => ({ ...carsRequest, datasetId: carsId, preset: 'extreme_quality' }),
      400,
      'preset',
      /Choose one of medium_quality/,
    ],
    [
      'a negative time limit',
      () => ({ ...carsRequest, datasetId: carsId, timeLimitSec: -5 }),
      400,
      'timeLimitSec',
      /cannot be negative/,
    ],
    [
      'an unknown metric',
      () => ({ ...carsRequest, datasetId: carsId, evalMetric: 'mape' }),
      400,
      'evalMetric',
      'Choose rmse, mae or r2.',
    ],
    [
      'a holdout fraction out of range',
      () => ({ ...carsRequest, datasetId: carsId, holdoutFraction: 0.9 }),
      400,
      'holdoutFraction',
      /at most 0.5/,
    ],
    [
      'an unknown model family',
      () => ({ ...carsRequest, datasetId: carsId, families: ['gbdt', 'svm'] }),
      400,
      'families.1',
      /Use families among/,
    ],
    [
      'another user’s dataset',
      () => ({ ...carsRequest, datasetId: carsId, __as: 'bob' }),
      404,
      'datasetId',
      'No such dataset.',
    ],
  ];

  it.each(cases)('refuses %s, naming the field', async (_, body, status, field, message) => {
    const { __as, ...request } = body();
    const before = (await (await call((r) => listRoute(r, undefined), alice)).json()).models.length;
    const answer = await train(__as === 'bob' ? bob : alice, request);
    expect(answer.status).toBe(status);
    if (typeof message === 'string') expect(answer.body.error.fields[field]).toBe(message);
    else expect(answer.body.error.fields[field]).toMatch(message);
    const after = (await (await call((r) => listRoute(r, undefined), alice)).json()).models.length;
    expect(after).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const { POST } = await import('@/app/api/models/route');
    const response = await call((r) => POST(r, undefined), alice, { method: 'POST', rawBody: '{' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('The request body must be JSON.');
  });
});

describe('a worker shutting down during a training', () => {
  it('kills the fit process and puts the job back in the queue', async () => {
    await stopAllWorkers();
    const own = startWorker({ DATABASE_URL: database.url() });
    await own.ready;
    const started = await train(alice, {
      ...carsRequest,
      name: 'interrupted',
      datasetId: carsId,
      preset: 'best_quality',
      timeLimitSec: 600,
    });
    const { id } = started.body.model;
    await waitFor(
      'the fit to start',
      async () => ((await getModel(alice, id)).job.progress > 3 ? true : undefined),
      60_000,
    );
    const [fitPid] = fitProcesses(own);
    expect(fitPid).toBeGreaterThan(0);

    own.process.kill('SIGTERM');
    expect(await own.exited).toBe(0);
    const model = await getModel(alice, id);
    expect(model.status).toBe('TRAINING');
    expect(model.job).toMatchObject({ status: 'QUEUED', progress: 0 });
    expect(existsSync(`/proc/${fitPid}`)).toBe(false);
  }, 120_000);
});
