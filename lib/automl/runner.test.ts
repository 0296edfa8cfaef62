import { concurrencyFor, fitMemoryBytes, InThreadRunner } from './runner';
import type { LabelledMatrix } from './types';

describe('memory budget', () => {
  it('estimates more memory for more cells and for TensorFlow.js', () => {
    const small = fitMemoryBytes(1000, 10, 'gbdt');
    expect(fitMemoryBytes(100_000, 10, 'gbdt')).toBeGreaterThan(small);
    expect(fitMemoryBytes(1000, 10, 'mlp')).toBeGreaterThan(small);
  });

  it('caps the fits at once by the budget, never below one', () => {
    const perFit = fitMemoryBytes(1_000_000, 50, 'gbdt'); // about 2 GB
    expect(concurrencyFor(8, perFit, 3 * perFit)).toBe(3);
    expect(concurrencyFor(8, perFit, perFit / 2)).toBe(1);
    expect(concurrencyFor(2, perFit, 100 * perFit)).toBe(2);
  });
});

describe('InThreadRunner', () => {
  it('runs tasks submitted together one by one, in submission order', async () => {
    const data: LabelledMatrix = {
      X: {
        numRows: 20,
        features: [{ name: 'a', source: 'a', categorical: false, numCategories: 0 }],
        columns: [Float64Array.from({ length: 20 }, (_, i) => i)],
      },
      y: Float64Array.from({ length: 20 }, (_, i) => 2 * i + 1),
    };
    const runner = new InThreadRunner();
    const order: number[] = [];
    const rows = Uint32Array.from({ length: 15 }, (_, i) => i);
    const tasks = [1, 2, 3].map((seed) =>
      runner
        .run({ family: 'linear', params: {}, train: data, trainRows: rows, seed })
        .then((result) => {
          order.push(seed);
          return result;
        }),
    );
    const results = await Promise.all(tasks);
    expect(order).toEqual([1, 2, 3]);
    expect(results[0].model.predict(data.X)[19]).toBeCloseTo(39, 0);
  });
});
