/** @jest-environment node */
// A real worker process runs a batch prediction of the cars test split: the job is found by its
// kind, the prediction row follows the job (QUEUED → RUNNING → COMPLETED), and the output holds
// every row with the original columns plus the prediction and reason columns.
import fs from 'node:fs';
import path from 'node:path';
import { GET as downloadRoute } from '@/app/api/predictions/[id]/download/route';
import { POST as startRoute } from '@/app/api/predictions/route';
import { getPrediction, type Model } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor } from '../helpers/worker';
import { call, idContext, parseCsvText, sharedDir, uploadDataset } from './predictions-helpers';

jest.setTimeout(120_000);
const database = useTestDatabase();
afterAll(stopAllWorkers);

const splits = path.join(sharedDir, 'datasets', 'splits', 'cars');
let alice: SessionUser;
let model: Model;

beforeAll(async () => {
  alice = await createTestUser();
  ({ model } = await createCompletedModel(alice.id, {
    train: path.join(splits, 'train.csv'),
    label: 'Miles_per_Gallon',
  }));
}, 60_000);

it('predicts every row of the cars test split in a worker process', async () => {
  const worker = startWorker({ DATABASE_URL: database.url() });
  await worker.ready;
  const dataset = await uploadDataset(
    alice,
    fs.readFileSync(path.join(splits, 'test.csv')),
    'cars_test',
  );

  const started = await call(startRoute, undefined, {
    user: alice,
    body: { modelId: model.id, datasetId: dataset.id },
  });
  expect(started.status).toBe(201);
  expect(started.body.prediction.status).toBe('QUEUED');
  const id = started.body.prediction.id;
  const done = await waitFor('the prediction to finish', async () => {
    const row = await getPrediction(alice.id, id);
    return row && ['COMPLETED', 'FAILED'].includes(row.status) ? row : undefined;
  });

  expect(done).toMatchObject({ status: 'COMPLETED', error: null });
  const { header, rows } = parseCsvText(
    (await call(downloadRoute, idContext(id), { user: alice })).text,
  );
  const original = parseCsvText(fs.readFileSync(path.join(splits, 'test.csv'), 'utf8'));
  expect(rows).toHaveLength(80);
  expect(header).toEqual([
    ...original.header,
    'Miles_per_Gallon_predicted',
    'Miles_per_Gallon_predicted_reason',
  ]);
  expect(rows.every((row) => Number(row[9]) > 5 && Number(row[9]) < 60)).toBe(true);
  expect(done.result).toMatchObject({ rows: 80, predicted: 80, empty: 0 });
});
