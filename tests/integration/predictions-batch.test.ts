/** @jest-environment node */
// Batch predictions end to end in this process: the route checks and queues, the 'predict' job
// writes the output CSV (original columns, `<label>_predicted`, a reason column) and the result
// summary; each input of shared case 15 is one test. Other users' models and datasets are 404.
import fs from 'node:fs';
import { GET as downloadRoute } from '@/app/api/predictions/[id]/download/route';
import { DELETE as deleteRoute, GET as getRoute } from '@/app/api/predictions/[id]/route';
import { GET as listRoute, POST as startRoute } from '@/app/api/predictions/route';
import { rowsTable, type Predictor } from '@/lib/automl';
import { createModel, listJobs, type Model } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser } from '../helpers/session';
import {
  call,
  case15,
  idContext,
  parseCsvText,
  runPredictJob,
  uploadDataset,
} from './predictions-helpers';

jest.setTimeout(60_000);
useTestDatabase();

let alice: SessionUser;
let bob: SessionUser;
let model: Model;
let predictor: Predictor;
const datasets: Record<string, { id: string; name: string }> = {};

const inputs = [
  'predict_reference',
  'predict_unseen_city',
  'predict_numbers_as_text',
  'predict_blank_int',
  'predict_bad_text',
];

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  ({ model, predictor } = await createCompletedModel(alice.id, {
    train: case15('train.csv'),
    label: 'price',
    name: 'prices',
  }));
  for (const name of inputs) {
    datasets[name] = await uploadDataset(alice, fs.readFileSync(case15(`${name}.csv`)), name);
  }
  datasets.clash = await uploadDataset(
    alice,
    'city,rooms,size,price_predicted,price_predicted_2\r\nNorth,3,75,1,2\r\nSouth,2,50,3,4\r\n',
    'clash',
  );
  datasets.no_size = await uploadDataset(alice, 'city,rooms\r\nNorth,3\r\n', 'no_size');
  datasets.bobs = await uploadDataset(bob, fs.readFileSync(case15('predict_reference.csv')), 'b');
}, 60_000);

/** What the model predicts for one row, straight from the engine. */
function direct(row: Record<string, unknown>): number {
  return predictor.predict(rowsTable([row])).predictions[0];
}

async function start(user: SessionUser, body: unknown) {
  return call(startRoute, undefined, { user, body });
}

/** Starts a batch prediction of `dataset`, runs its job here, and returns the result and CSV. */
async function predictDataset(dataset: string) {
  const started = await start(alice, { modelId: model.id, datasetId: datasets[dataset].id });
  expect(started.status).toBe(201);
  const id = started.body.prediction.id;
  await runPredictJob(started.body.prediction.job.id);
  const { body } = await call(getRoute, idContext(id), { user: alice });
  expect(body.prediction).toMatchObject({ status: 'COMPLETED', error: null });
  const download = await call(downloadRoute, idContext(id), { user: alice });
  expect(download.status).toBe(200);
  return { prediction: body.prediction, csv: parseCsvText(download.text), download };
}

describe('batch predictions of shared case 15', () => {
  it('predicts the reference row inside the training price range, with the output columns', async () => {
    const { prediction, csv, download } = await predictDataset('predict_reference');

    expect(csv.header).toEqual([
      'city',
      'rooms',
      'size',
      'price_predicted',
      'price_predicted_reason',
    ]);
    expect(csv.rows).toHaveLength(1);
    const value = Number(csv.rows[0][3]);
    expect(value).toBe(direct({ city: 'North', rooms: 3, size: 75 }));
    expect(value).toBeGreaterThan(128_000);
    expect(value).toBeLessThan(333_000);
    expect(csv.rows[0][4]).toBe('');
    expect(prediction.result).toMatchObject({
      rows: 1,
      predicted: 1,
      empty: 0,
      predictionColumn: 'price_predicted',
      reasonColumn: 'price_predicted_reason',
      label: 'price',
    });
    expect(prediction.result.preview.rows).toEqual([['North', 3, 75, value, null]]);
    expect(download.headers.get('content-disposition')).toContain('predict_reference_predicted');
  });

  it('predicts an unseen city as an unknown level, with a notice and no error', async () => {
    const { prediction, csv } = await predictDataset('predict_unseen_city');

    expect(Number.isFinite(Number(csv.rows[0][3]))).toBe(true);
    expect(csv.rows[0][3]).not.toBe('');
    expect(prediction.result.empty).toBe(0);
    expect(prediction.result.notices).toEqual([
      expect.objectContaining({ code: 'UNSEEN_LEVEL', column: 'city', count: 1 }),
    ]);
  });

  it('reads numbers typed as text ("3", " 75 ") exactly like the reference row', async () => {
    const { csv } = await predictDataset('predict_numbers_as_text');
    const reference = direct({ city: 'North', rooms: 3, size: 75 });

    expect(Number(csv.rows[0][3])).toBe(reference);
  });

  it('predicts a blank integer feature as missing, without an error', async () => {
    const { prediction, csv } = await predictDataset('predict_blank_int');

    expect(csv.rows[0][3]).not.toBe('');
    expect(Number.isFinite(Number(csv.rows[0][3]))).toBe(true);
    expect(prediction.result.empty).toBe(0);
  });

  it('gives rows with unreadable numbers an empty prediction and a reason naming the column', async () => {
    const { prediction, csv } = await predictDataset('predict_bad_text');

    expect(csv.rows).toHaveLength(3);
    expect(csv.rows.map((row) => row[3])).toEqual([
      '',
      '',
      String(direct({ city: 'East', rooms: 4, size: 90 })),
    ]);
    expect(csv.rows[0][4]).toBe("rooms: 'three' is not a number");
    expect(csv.rows[1][4]).toBe("size: '75m2' is not a number");
    expect(csv.rows[2][4]).toBe('');
    expect(prediction.result).toMatchObject({
      rows: 3,
      predicted: 1,
      empty: 2,
      reasons: [
        { column: 'rooms', count: 1 },
        { column: 'size', count: 1 },
      ],
    });
  });
});

describe('POST /api/predictions', () => {
  it('renames the prediction column when the data already has one', async () => {
    const { prediction, csv } = await predictDataset('clash');

    expect(csv.header).toEqual([
      'city',
      'rooms',
      'size',
      'price_predicted',
      'price_predicted_2',
      'price_predicted_3',
      'price_predicted_3_reason',
    ]);
    expect(csv.rows.map((row) => row.slice(3, 5))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(prediction.result.predictionColumn).toBe('price_predicted_3');
  });

  it('names the feature columns the dataset lacks, and queues nothing', async () => {
    const before = (await listJobs(alice.id)).length;
    const { status, body } = await start(alice, {
      modelId: model.id,
      datasetId: datasets.no_size.id,
    });

    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "Dataset 'no_size' lacks the feature column 'size' that the model uses.",
    );
    expect(body.error.fields.datasetId).toContain("'size'");
    expect((await listJobs(alice.id)).length).toBe(before);
  });

  it('refuses a model that is not completed (409)', async () => {
    const training = await createModel(alice.id, { name: 'busy', status: 'TRAINING' });
    const { status, body } = await start(alice, {
      modelId: training.id,
      datasetId: datasets.predict_reference.id,
    });

    expect(status).toBe(409);
    expect(body.error.message).toContain('not completed');
  });

  it('answers 400 naming the fields when the ids are absent', async () => {
    const { status, body } = await start(alice, {});

    expect(status).toBe(400);
    expect(Object.keys(body.error.fields).sort()).toEqual(['datasetId', 'modelId']);
  });

  it("answers 404 for another user's model or dataset", async () => {
    const theirModel = await start(bob, {
      modelId: model.id,
      datasetId: datasets.bobs.id,
    });
    const theirDataset = await start(alice, {
      modelId: model.id,
      datasetId: datasets.bobs.id,
    });

    expect(theirModel.status).toBe(404);
    expect(theirModel.body.error.fields).toEqual({ modelId: 'No such model.' });
    expect(theirDataset.status).toBe(404);
    expect(theirDataset.body.error.fields).toEqual({ datasetId: 'No such dataset.' });
  });
});

describe('listing, downloading and deleting', () => {
  it('lists only the owner’s predictions, with the model name', async () => {
    const mine = await call(listRoute, undefined, { user: alice });
    const theirs = await call(listRoute, undefined, { user: bob });

    expect(mine.body.predictions.length).toBeGreaterThan(0);
    expect(mine.body.predictions[0]).toMatchObject({ modelName: 'prices', ownerId: alice.id });
    expect(theirs.body.predictions).toEqual([]);
  });

  it('answers 409 for the download of an unfinished prediction', async () => {
    const started = await start(alice, {
      modelId: model.id,
      datasetId: datasets.predict_reference.id,
    });
    const { status } = await call(downloadRoute, idContext(started.body.prediction.id), {
      user: alice,
    });

    expect(status).toBe(409);
  });

  it('deletes a prediction with its file; another user cannot', async () => {
    const { prediction } = await predictDataset('predict_reference');
    const key = `predictions/${alice.id}/${prediction.id}.csv`;
    expect(await getStorage().size(key)).toBeGreaterThan(0);

    expect(
      (await call(deleteRoute, idContext(prediction.id), { user: bob, method: 'DELETE' })).status,
    ).toBe(404);
    const deleted = await call(deleteRoute, idContext(prediction.id), {
      user: alice,
      method: 'DELETE',
    });

    expect(deleted.status).toBe(200);
    await expect(getStorage().size(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(getRoute, idContext(prediction.id), { user: alice })).status).toBe(404);
  });
});
