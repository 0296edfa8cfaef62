import { columnTable, fit, loadPredictor } from '@/lib/automl';
import { gbdtFamily } from '@/lib/automl/gbdt';
import { linearFamily } from '@/lib/automl/linear';
import { predictMatrixAsync } from '@/lib/automl/predict-async';
import { predictRows } from '@/lib/automl/predict-rows';
import { Random } from '@/lib/automl/random';
import type { Member } from '@/lib/automl/trainer';
import { matrix } from './matrix';

function table(n: number, seed: number) {
  const random = new Random(seed);
  const a: number[] = [];
  const b: (number | null)[] = [];
  const level: string[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const av = random.normal();
    const bv = i % 13 === 0 ? null : random.next() * 4;
    const lv = ['red', 'green', 'blue'][random.int(3)];
    a.push(av);
    b.push(bv);
    level.push(lv);
    y.push(3 * av - 2 * (bv ?? 2) + (lv === 'red' ? 4 : 0) + 0.1 * random.normal());
  }
  return columnTable({ a, b, level, y });
}

const bits = (values: Float64Array) =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength);

describe('predictAsync and evaluateAsync', () => {
  const train = table(600, 1);
  const big = table(60_000, 2);

  it('predicts the same bits as predict, on threads and in the calling thread', async () => {
    const predictor = await loadPredictor(
      await (await fit(train, { label: 'y', models: ['linear', 'gbdt', 'knn'], seed: 3 })).save(),
    );
    const expected = predictor.predict(big).predictions;
    const progress: number[] = [];
    const threaded = await predictor.predictAsync(big, {
      threads: 2,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(bits(threaded.predictions).equals(bits(expected))).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.length).toBeGreaterThan(2);
    const inThread = await predictor.predictAsync(big, { threads: 1 });
    expect(bits(inThread.predictions).equals(bits(expected))).toBe(true);
  }, 120_000);

  it('predicts chunks in the calling thread while the worker threads start, to the same bits', async () => {
    const random = new Random(7);
    const n = 40_000;
    const x = Float64Array.from({ length: n }, () => random.normal());
    const z = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : random.next()));
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i]) + (z[i] || 0));
    const data = { X: matrix([x, z]), y };
    const members: Member[] = [
      {
        name: 'gbdt',
        family: 'gbdt',
        stackLevel: 1,
        models: [gbdtFamily.fit(data, data, { numRounds: 30 }, { seed: 1 })],
      },
      {
        name: 'linear',
        family: 'linear',
        stackLevel: 1,
        models: [linearFamily.fit(data, data, {}, { seed: 1 })],
      },
    ];
    const weights = Float64Array.from([0.75, 0.25]);
    const expected = predictRows(members, weights, data.X, ['linear']);
    const result = await predictMatrixAsync(members, weights, data.X, ['linear'], {
      threads: 2,
      threadedMinRows: 1,
    });
    // 40,000 rows in chunks of 5,000: the calling thread takes the first before any thread is up.
    expect(result.callingThreadChunks).toBeGreaterThan(0);
    expect(bits(result.ensemble).equals(bits(expected.ensemble))).toBe(true);
    expect(bits(result.members.get('linear')!).equals(bits(expected.members.get('linear')!))).toBe(
      true,
    );
  }, 60_000);

  it('evaluates with per-row predictions and labels, and a test leaderboard of every member', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear', 'gbdt'], seed: 4 });
    const test = table(300, 5);
    const labels = test.array('y') as number[];
    labels[7] = NaN;
    const evaluation = await predictor.evaluateAsync(test, { leaderboard: true });
    const sync = predictor.evaluate(test);
    expect(evaluation.metrics).toEqual(sync.metrics);
    expect(evaluation.missingLabelRows).toBe(1);
    expect(evaluation.labels[7]).toBeNaN();
    expect(evaluation.labels[8]).toBe(labels[8]);
    expect(bits(evaluation.predictions).equals(bits(predictor.predict(test).predictions))).toBe(
      true,
    );
    const rows = predictor.leaderboard(test);
    expect(evaluation.leaderboard).toEqual(rows);
  });

  it('stops when its signal aborts', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear'], seed: 6 });
    const controller = new AbortController();
    const run = predictor.predictAsync(big, {
      threads: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stopped by the test')),
    });
    await expect(run).rejects.toThrow('stopped by the test');
  });
});
