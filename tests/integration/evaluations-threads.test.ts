/** @jest-environment node */
// Scoring on threads gives exactly the numbers of scoring in the calling thread: predictions
// row for row, metrics and the test leaderboard (its 3,000-row sample predicted on threads).
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { columnTable, fit, type Predictor, type TableLike } from '@/lib/automl';
import { scoreTable } from '@/lib/evaluations/score';

jest.setTimeout(120_000);

let predictor: Predictor;
let table: TableLike;

beforeAll(async () => {
  const n = 3000;
  const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
  const b = Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]);
  const y = Float64Array.from(a, (v, i) => 3 * v + (b[i] === 'y' ? 5 : 0) + (i % 7));
  table = columnTable({ a, b, y });
  predictor = await fit(table, { label: 'y', models: ['gbdt', 'linear'], threads: 1, seed: 3 });
});

it('predicts and scores the same on two threads as in this thread', async () => {
  const here = await scoreTable(predictor, table);
  const there = await scoreTable(predictor, table, { threads: 2 });

  expect(Array.from(there.predictions)).toEqual(Array.from(here.predictions));
  expect(there.metrics).toEqual(here.metrics);
  expect(there.leaderboard).toEqual(here.leaderboard);
  expect(here.metrics.rmse).toBe(predictor.evaluate(table).metrics.rmse);
});

it('gives every member a test score next to its validation score', async () => {
  const { leaderboard } = await scoreTable(predictor, table, { threads: 2 });
  const fitted = leaderboard.filter((row) => row.status === 'ok');

  expect(fitted.length).toBeGreaterThanOrEqual(3); // gbdt, linear, the ensemble
  for (const row of fitted) expect(row.testRmse).toBeGreaterThan(0);
  const gbdt = leaderboard.find((row) => row.family === 'gbdt')!;
  expect(gbdt.testRmse).toBeCloseTo(
    predictor.leaderboard(table).find((r) => r.name === gbdt.name)!.testRmse!,
    9,
  );
});
