import { gbdtFamily } from '../gbdt';
import { AutoMLError } from '../errors';
import { Random } from '../random';
import type { LabelledMatrix } from '../types';
import { WorkerPool } from './pool';
import { shareLabelled } from './shared';

function data(n: number, seed: number): LabelledMatrix {
  const rng = new Random(seed);
  const x0 = Float64Array.from({ length: n }, () => rng.next());
  const x1 = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : rng.next()));
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x0[i]) + (x1[i] || 0));
  return {
    X: {
      numRows: n,
      features: ['a', 'b'].map((name) => ({
        name,
        source: name,
        categorical: false,
        numCategories: 0,
      })),
      columns: [x0, x1],
    },
    y,
  };
}

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = new WorkerPool(2);
  });
  afterAll(() => pool.close());

  it('fits in a thread exactly what the main thread fits with the same seed', async () => {
    const train = data(2000, 1);
    const valid = data(500, 2);
    const params = { numRounds: 50, baggingFraction: 0.8, featureFraction: 0.5 };
    const local = gbdtFamily.fit(train, valid, params, { seed: 7 });
    const progress: string[] = [];
    const threaded = await pool.fit(
      { family: 'gbdt', params, train: shareLabelled(train), valid: shareLabelled(valid), seed: 7 },
      (_, message) => progress.push(message),
    );
    expect(Array.from(threaded.predict(valid.X))).toEqual(Array.from(local.predict(valid.X)));
    expect(progress.length).toBeGreaterThan(0);
  });

  it('runs tasks on several threads at once and returns each its own model', async () => {
    const train = shareLabelled(data(1000, 3));
    const seeds = [1, 2, 3, 4];
    const models = await Promise.all(
      seeds.map((seed) =>
        pool.fit({ family: 'gbdt', params: { numRounds: 20, baggingFraction: 0.5 }, train, seed }),
      ),
    );
    const first = models.map((m) => m.predict(train.X)[0]);
    expect(new Set(first).size).toBe(seeds.length);
  });

  it('passes a learner error back with its code and message', async () => {
    const train = shareLabelled(data(100, 4));
    const error = await pool
      .fit({ family: 'gbdt', params: { numLeaves: 1 }, train, seed: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AutoMLError);
    expect((error as AutoMLError).code).toBe('INVALID_OPTION');
    expect((error as Error).message).toMatch(/numLeaves=1/);
  });

  it('refuses a pool size that is not a positive whole number', () => {
    expect(() => new WorkerPool(0)).toThrow(/threads=0/);
  });
});
