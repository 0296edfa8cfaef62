/** @jest-environment node */
// Scoring on threads gives exactly the numbers of scoring in the calling thread: predictions
// row for row, metrics and leaderboard; engine errors keep their message across the thread.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { columnTable, fit, type Predictor, type TableLike } from '@/lib/automl';
import { scoreTable } from '@/lib/evaluations/score';
import { ScoringThreads } from '@/lib/evaluations/score-threads';

jest.setTimeout(120_000);

let predictor: Predictor;
let bytes: Uint8Array;
let table: TableLike;

beforeAll(async () => {
  const n = 3000;
  const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
  const b = Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]);
  const y = Float64Array.from(a, (v, i) => 3 * v + (b[i] === 'y' ? 5 : 0) + (i % 7));
  table = columnTable({ a, b, y });
  predictor = await fit(table, { label: 'y', models: ['gbdt', 'linear'], threads: 1, seed: 3 });
  bytes = await predictor.save();
});

it('predicts and scores the same on two threads as in this thread', async () => {
  const here = await scoreTable(predictor, table);
  const there = await scoreTable(predictor, table, { threads: 2, modelBytes: bytes });

  expect(Array.from(there.predictions)).toEqual(Array.from(here.predictions));
  expect(there.metrics).toEqual(here.metrics);
  expect(there.leaderboard).toEqual(here.leaderboard);
  expect(here.metrics.rmse).toBe(predictor.evaluate(table).metrics.rmse);
});

it('passes the engine’s message for a missing feature column back from the thread', async () => {
  const threads = new ScoringThreads(bytes, 1);
  const withoutA = columnTable({ b: ['x'], y: [1] });
  const error = await threads.predict(withoutA).catch((e: Error) => e);
  await threads.close();

  expect((error as Error).name).toBe('AutoMLError');
  expect((error as Error).message).toContain('missing feature column: a');
});
