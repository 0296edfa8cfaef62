/** @jest-environment node */
// Large batches go through the engine's worker threads (the job's path): the predictions are the
// same bits as in this thread, and rows with unusable values still get no prediction.
import { fit, columnTable, type Predictor } from '@/lib/automl';
import { readCsvFile } from '@/lib/csv';
import { predictTable } from '@/lib/predictions/predict';
import { case15 } from './predictions-helpers';

jest.setTimeout(120_000);

let predictor: Predictor;

beforeAll(async () => {
  const { table } = await readCsvFile(case15('train.csv'));
  predictor = await fit(table, { label: 'price', models: ['gbdt', 'linear'], threads: 1, seed: 1 });
});

it('predicts 60,000 rows on two threads exactly as in one, marking unusable rows', async () => {
  const count = 60_000;
  const cities = ['North', 'South', 'East', 'Atlantis'];
  const table = columnTable({
    city: Array.from({ length: count }, (_, k) => cities[k % 4]),
    rooms: Array.from({ length: count }, (_, k) =>
      k % 1000 === 7 ? 'three' : String(1 + (k % 5)),
    ),
    size: Array.from({ length: count }, (_, k) => 40 + (k % 80)),
  });
  const progress: number[] = [];

  const threaded = await predictTable(predictor, table, {
    threads: 2,
    onProgress: (fraction) => progress.push(fraction),
  });
  const inline = await predictTable(predictor, table);

  expect(threaded.predictions).toEqual(inline.predictions);
  expect(threaded.unusable).toHaveLength(60);
  expect(Number.isNaN(threaded.predictions[7])).toBe(true);
  expect(threaded.predicted).toBe(count - 60);
  expect(threaded.notices).toEqual(inline.notices);
  expect(threaded.notices[0]).toMatchObject({
    code: 'UNSEEN_LEVEL',
    column: 'city',
    count: 15_000,
  });
  expect(progress.at(-1)).toBe(1);
});
