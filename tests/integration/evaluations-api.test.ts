/** @jest-environment node */
// Starting evaluations: the dataset is checked against the model before anything is queued
// (case 14: reordered and extra columns are fine, missing ones are named), text targets are
// refused naming values, and other users' models and datasets are 404.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { DELETE as deleteRoute } from '@/app/api/evaluations/[id]/route';
import { GET as listRoute, POST as startRoute } from '@/app/api/evaluations/route';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { columnTable } from '@/lib/automl';
import {
  createModel,
  getEvaluation,
  getJob,
  listEvaluations,
  listJobs,
  updateModel,
  type Model,
} from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { readTarget } from '@/lib/evaluations/score';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser } from '../helpers/session';
import { case14, evaluationsRequest, idContext, uploadDataset } from './evaluations-helpers';

useTestDatabase();

let alice: SessionUser;
let bob: SessionUser;
let model: Model;
const datasets: Record<string, { id: string; name: string }> = {};

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  ({ model } = await createCompletedModel(alice.id, { train: case14('train.csv'), label: 'y' }));
  for (const name of ['test_original', 'test_reordered', 'test_extra_d', 'test_missing_c']) {
    datasets[name] = await uploadDataset(alice, fs.readFileSync(case14(`${name}.csv`)), name);
  }
  datasets.test_no_target = await uploadDataset(
    alice,
    fs.readFileSync(case14('test_no_target.csv')),
    'test_no_target',
  );
}, 60_000);

async function start(user: SessionUser, body: unknown) {
  const response = await startRoute(
    await evaluationsRequest(user, { method: 'POST', body }),
    undefined,
  );
  return { status: response.status, body: await response.json() };
}

describe('POST /api/evaluations', () => {
  it('queues an evaluation for a dataset with the same columns in another order (case 14)', async () => {
    const { status, body } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.test_reordered.id,
    });

    expect(status).toBe(201);
    expect(body.evaluation).toMatchObject({
      modelId: model.id,
      datasetName: 'test_reordered',
      status: 'QUEUED',
      jobId: body.job.id,
    });
    expect(body.job).toMatchObject({ kind: 'evaluate', resourceId: body.evaluation.id });
  });

  it('accepts an extra column the model does not use (case 14)', async () => {
    const { status } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.test_extra_d.id,
    });
    expect(status).toBe(201);
  });

  it('names the missing feature column and queues nothing (case 14)', async () => {
    const before = (await listJobs(alice.id)).length;
    const { status, body } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.test_missing_c.id,
    });

    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "The dataset 'test_missing_c' lacks the feature column 'c', which the model needs.",
    );
    expect(body.error.fields).toMatchObject({ c: 'Missing feature column.' });
    expect((await listJobs(alice.id)).length).toBe(before);
  });

  it('names the missing target column (case 14)', async () => {
    const { status, body } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.test_no_target.id,
    });

    expect(status).toBe(400);
    expect(body.error.message).toContain("the target column 'y'");
    expect(body.error.fields).toMatchObject({ y: 'Missing target column.' });
  });

  it('reads the columns from the model file when the row has no metadata', async () => {
    const bare = await updateModel(alice.id, model.id, { metadata: null });
    const { status, body } = await start(alice, {
      modelId: bare!.id,
      datasetId: datasets.test_missing_c.id,
    });
    await updateModel(alice.id, model.id, { metadata: model.metadata });

    expect(status).toBe(400);
    expect(body.error.fields).toMatchObject({ c: 'Missing feature column.' });
  });

  it('names every missing column at once', async () => {
    const only = await uploadDataset(alice, 'a,d\n1,2\n3,4\n', 'only_a');
    const { status, body } = await start(alice, { modelId: model.id, datasetId: only.id });

    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "The dataset 'only_a' lacks the target column 'y' and the feature columns 'b', 'c', which the model needs.",
    );
  });

  it('refuses a target with text values, naming the column and the values', async () => {
    const rows = ['a,b,c,y', '1,2,3,cheap', '2,3,4,12', '3,4,5,dear', '4,5,6,7'];
    const text = await uploadDataset(alice, rows.join('\n'), 'text_target');
    const { status, body } = await start(alice, { modelId: model.id, datasetId: text.id });

    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "The target column 'y' must hold numbers, but it holds text: 'cheap' (row 1), 'dear' (row 3).",
    );
    expect(body.error.fields.y).toContain('cheap');
  });

  it('has the job refuse a text target too, naming the column and values', () => {
    const table = columnTable({ a: [1, 2, 3], y: [1, 'n/a?', 'big'] });
    const error = (() => {
      try {
        readTarget(table, 'y');
      } catch (caught) {
        return caught;
      }
    })() as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^The target column 'y' must hold numbers: .*'n\/a\?'.*'big'/);
  });

  it('answers 404 for another user’s model and for another user’s dataset', async () => {
    const bobsData = await uploadDataset(bob, fs.readFileSync(case14('test_original.csv')), 'bob');
    const { model: bobsModel } = await createCompletedModel(bob.id, {
      train: case14('train.csv'),
      label: 'y',
    });

    const theirModel = await start(alice, {
      modelId: bobsModel.id,
      datasetId: datasets.test_original.id,
    });
    expect(theirModel.status).toBe(404);
    expect(theirModel.body.error.fields).toEqual({ modelId: 'No such model.' });

    const theirData = await start(alice, { modelId: model.id, datasetId: bobsData.id });
    expect(theirData.status).toBe(404);
    expect(theirData.body.error.fields).toEqual({ datasetId: 'No such dataset.' });

    const notUuid = await start(alice, { modelId: 'nope', datasetId: datasets.test_original.id });
    expect(notUuid.status).toBe(404);
    expect((await listEvaluations(bob.id)).length).toBe(0);
  }, 30_000);

  it('answers 409 for a model that has not finished training', async () => {
    const training = await createModel(alice.id, { name: 'busy', status: 'TRAINING', label: 'y' });
    const { status, body } = await start(alice, {
      modelId: training.id,
      datasetId: datasets.test_original.id,
    });

    expect(status).toBe(409);
    expect(body.error.message).toBe(
      "The model 'busy' is training; only a completed model can be tested.",
    );
  });

  it('names missing fields and refuses without a session', async () => {
    const { status, body } = await start(alice, {});
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields).sort()).toEqual(['datasetId', 'modelId']);

    const anonymous = await startRoute(
      await evaluationsRequest(undefined, { method: 'POST', body: {} }),
      undefined,
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('DELETE /api/evaluations/:id', () => {
  it('flags a running job to stop and removes the row', async () => {
    const { body } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.test_original.id,
    });
    // As if a worker had claimed it.
    await getDb().update(jobs).set({ status: 'RUNNING' }).where(eq(jobs.id, body.job.id));

    const response = await deleteRoute(
      await evaluationsRequest(alice, { method: 'DELETE', suffix: `/${body.evaluation.id}` }),
      idContext(body.evaluation.id),
    );

    expect(response.status).toBe(200);
    expect(await getEvaluation(alice.id, body.evaluation.id)).toBeNull();
    expect(await getJob(alice.id, body.job.id)).toMatchObject({
      status: 'RUNNING',
      cancelRequested: true,
    });
  });
});

describe('GET /api/evaluations', () => {
  it('lists the user’s evaluations, newest first, with model and dataset names and job state', async () => {
    const response = await listRoute(await evaluationsRequest(alice), undefined);
    const { evaluations } = await response.json();

    expect(evaluations.map((e: { datasetName: string }) => e.datasetName)).toEqual([
      'test_extra_d',
      'test_reordered',
    ]);
    expect(evaluations[0]).toMatchObject({
      modelName: 'model of y',
      status: 'QUEUED',
      metrics: null,
      job: { status: 'QUEUED', progress: 0 },
    });
    const bobs = await (await listRoute(await evaluationsRequest(bob), undefined)).json();
    expect(bobs.evaluations).toEqual([]);
  });
});
