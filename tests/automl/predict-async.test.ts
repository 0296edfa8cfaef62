import { columnTable, fit, loadPredictor } from '@/lib/automl';
import { Random } from '@/lib/automl/random';

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
