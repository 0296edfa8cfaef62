// kNN family: exact tree search, known answers, missing and unseen values, determinism, storage.

import { AutoMLError } from '../errors';
import { Random } from '../random';
import type { LabelledMatrix } from '../types';
import { knnFamily, type KnnModel } from './index';
import { buildKdTree, nearest, neighbourBuffer, queryOrder } from './kdtree';
import { matrix } from '@/tests/automl/matrix';

/** y = 10 where x0 < 0.5, else 20, plus the category's offset (0, 5 or -5); x1 is noise. */
function piecewise(n: number, seed: number): LabelledMatrix {
  const rng = new Random(seed);
  const x0 = Float64Array.from({ length: n }, () => rng.next());
  const x1 = Float64Array.from({ length: n }, () => rng.next() * 0.1);
  const cat = Float64Array.from({ length: n }, () => 1 + rng.int(3));
  const offsets = [0, 0, 5, -5];
  const y = Float64Array.from({ length: n }, (_, i) => (x0[i] < 0.5 ? 10 : 20) + offsets[cat[i]]);
  return { X: matrix([x0, x1, cat], [0, 0, 4]), y };
}

function rmse(a: Float64Array, b: Float64Array): number {
  return Math.sqrt(a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0) / a.length);
}

describe('k-d tree', () => {
  it('finds exactly the brute-force nearest neighbours', () => {
    const rng = new Random(1);
    const dims = 4;
    const n = 3000;
    const data = Float32Array.from({ length: n * dims }, () => rng.normal());
    const tree = buildKdTree(data, n, dims, 8);
    const found = neighbourBuffer(7);
    for (let q = 0; q < 50; q++) {
      const query = Float32Array.from({ length: dims }, () => rng.normal());
      nearest(tree, query, found);
      const brute = Array.from({ length: n }, (_, i) => {
        let d2 = 0;
        for (let d = 0; d < dims; d++) d2 += (query[d] - data[i * dims + d]) ** 2;
        return d2;
      }).sort((a, b) => a - b);
      expect(Array.from(found.dist2)).toEqual(brute.slice(0, 7).map((d) => expect.closeTo(d, 9)));
    }
  });

  it('orders queries by the leaf they fall in, as a permutation of all of them', () => {
    // Points 0..99 on a line, leaves of at most 10; queries in one leaf keep their input order.
    const data = Float32Array.from({ length: 100 }, (_, i) => i);
    const tree = buildKdTree(data, 100, 1, 10);
    const queries = Float32Array.from([95, 3, 97, 5, 51, 1]);
    const order = Array.from(queryOrder(tree, queries, 6));
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order.map((i) => queries[i])).toEqual([3, 5, 1, 51, 95, 97]);
  });

  it('leaves the excluded point out of its own query', () => {
    const data = Float32Array.from([0, 1, 2, 3]);
    const tree = buildKdTree(data, 4, 1, 1);
    const found = nearest(tree, Float32Array.from([1]), neighbourBuffer(2), 1);
    expect(Array.from(found.index).sort()).toEqual([0, 2]);
  });
});

describe('knn family', () => {
  it('recovers a piecewise function of a numeric and a categorical', () => {
    const model = knnFamily.fit(piecewise(2000, 1), piecewise(500, 2), {}, { seed: 1 });
    const test = piecewise(500, 3);
    expect(rmse(model.predict(test.X), test.y)).toBeLessThan(1.5);
  });

  it('picks k and the weighting on validation data, or by leave-one-out without it', () => {
    const train = piecewise(1000, 4);
    const withValid = knnFamily.fit(train, piecewise(300, 5), {}, { seed: 1 }) as KnnModel;
    const loo = knnFamily.fit(train, undefined, {}, { seed: 1 }) as KnnModel;
    for (const model of [withValid, loo]) {
      expect([1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100]).toContain(model.settings.k);
      expect(model.info.validationRmse).toBeLessThan(2);
    }
    expect(loo.info.tunedOn).toBe('leave-one-out');
  });

  it('gives finite predictions for missing values and unseen categories', () => {
    const train = piecewise(500, 6);
    train.X.columns[0][3] = NaN;
    train.X.columns[2][4] = NaN;
    const model = knnFamily.fit(train, undefined, {}, { seed: 1 });
    const probe = matrix(
      [
        Float64Array.from([NaN, 0.2, 0.9]),
        Float64Array.from([0, NaN, 0]),
        Float64Array.from([NaN, 0, 7]),
      ],
      [0, 0, 4],
    );
    expect(Array.from(model.predict(probe)).every(Number.isFinite)).toBe(true);
  });

  it('is deterministic and predicts the same after a save and load', () => {
    const train = piecewise(3000, 7);
    const test = piecewise(200, 8);
    const options = { maxTuneRows: 500 };
    const a = knnFamily.fit(train, undefined, options, { seed: 3 });
    const b = knnFamily.fit(train, undefined, options, { seed: 3 });
    expect(b.predict(test.X)).toEqual(a.predict(test.X));
    const loaded = knnFamily.fromArtifact(a.toArtifact());
    expect(loaded.predict(test.X)).toEqual(a.predict(test.X));
    expect(a.toArtifact().arrays.design).toBeInstanceOf(Float32Array);
  });

  it('skips scoring when a single k and weighting are given (refits)', () => {
    const options = { kValues: [7], weights: ['distance' as const] };
    const model = knnFamily.fit(piecewise(500, 11), undefined, options, { seed: 1 }) as KnnModel;
    expect(model.settings).toMatchObject({ k: 7, weighting: 'distance' });
    expect(model.info.tuneRows).toBe(0);
  });

  it('takes a single weighting as well as a list', () => {
    const options = { kValues: [3], weights: 'uniform' as const };
    const model = knnFamily.fit(piecewise(200, 12), undefined, options, { seed: 1 }) as KnnModel;
    expect(model.settings).toMatchObject({ k: 3, weighting: 'uniform' });
  });

  it('stops tuning at the deadline and still returns a model', () => {
    const train = piecewise(2000, 9);
    const model = knnFamily.fit(train, undefined, {}, { seed: 1, deadlineMs: Date.now() - 1 });
    expect((model as KnnModel).info.tuneRows).toBeLessThanOrEqual(256);
    expect(Array.from(model.predict(piecewise(10, 10).X)).every(Number.isFinite)).toBe(true);
  });

  it('names an invalid option and its value', () => {
    const fit = () => knnFamily.fit(piecewise(50, 1), undefined, { kValues: [0] }, { seed: 1 });
    expect(fit).toThrow(AutoMLError);
    expect(fit).toThrow(/kValues=\[0\]/);
    expect(() =>
      knnFamily.fit(piecewise(50, 1), undefined, { weights: ['cosine' as 'uniform'] }, { seed: 1 }),
    ).toThrow(/weights=\["cosine"\]/);
    expect(() =>
      knnFamily.fit(piecewise(50, 1), undefined, { weights: 'cosine' as 'uniform' }, { seed: 1 }),
    ).toThrow(/weights="cosine"/);
  });
});
