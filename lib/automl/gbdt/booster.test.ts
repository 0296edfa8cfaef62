import { Random } from '../random';
import type { LabelledMatrix } from '../types';
import { gbdtFamily } from './index';
import { matrix as numericMatrix, r2 } from '@/tests/automl/matrix';

/** y = sin(x0) * 3 + x1² + noise, with x in [-2, 2]. */
function smoothData(n: number, seed: number, noise = 0.1): LabelledMatrix {
  const rng = new Random(seed);
  const x0 = Float64Array.from({ length: n }, () => rng.next() * 4 - 2);
  const x1 = Float64Array.from({ length: n }, () => rng.next() * 4 - 2);
  const y = Float64Array.from(
    { length: n },
    (_, i) => 3 * Math.sin(x0[i]) + x1[i] ** 2 + noise * rng.normal(),
  );
  return { X: numericMatrix([x0, x1]), y };
}

const fast = { numRounds: 200, learningRate: 0.1, earlyStoppingRounds: 20 };

describe('gbdt', () => {
  it('fits a smooth non-linear function with R² above 0.95 on fresh data', () => {
    const model = gbdtFamily.fit(smoothData(3000, 1), smoothData(1000, 2), fast, { seed: 1 });
    const test = smoothData(1000, 3);
    expect(r2(model.predict(test.X), test.y)).toBeGreaterThan(0.95);
  });

  it('learns where missing values belong: rows with a missing x get their own level', () => {
    const n = 2000;
    const rng = new Random(4);
    const x = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? NaN : rng.next()));
    const y = Float64Array.from(x, (v) => (Number.isNaN(v) ? 10 : v < 0.5 ? 0 : 1));
    const data = { X: numericMatrix([x]), y };
    const model = gbdtFamily.fit(data, data, fast, { seed: 1 });
    const probe = numericMatrix([Float64Array.from([NaN, 0.2, 0.8])]);
    const [missing, low, high] = model.predict(probe);
    expect(missing).toBeCloseTo(10, 0);
    expect(low).toBeCloseTo(0, 0);
    expect(high).toBeCloseTo(1, 0);
  });

  it('splits categories by their effect, not their code order, and sends unseen codes somewhere finite', () => {
    const effects = [0, 5, -3, 8, 1, -6, 4, 2, -1, 7];
    const n = 3000;
    const rng = new Random(5);
    const code = Float64Array.from({ length: n }, () => rng.int(10));
    const y = Float64Array.from(code, (c) => effects[c] + 0.1 * rng.normal());
    const data = { X: numericMatrix([code], [10]), y };
    const model = gbdtFamily.fit(data, data, { ...fast, numLeaves: 10 }, { seed: 1 });
    const predictions = model.predict(numericMatrix([Float64Array.from(effects.keys())], [10]));
    predictions.forEach((p, c) => expect(p).toBeCloseTo(effects[c], 0));
    const unseen = model.predict(numericMatrix([Float64Array.from([42])], [10]));
    expect(Number.isFinite(unseen[0])).toBe(true);
  });

  it('stops early on pure noise, long before the round limit', () => {
    const rng = new Random(6);
    const make = (n: number) => ({
      X: numericMatrix([Float64Array.from({ length: n }, () => rng.next())]),
      y: Float64Array.from({ length: n }, () => rng.normal()),
    });
    const model = gbdtFamily.fit(
      make(500),
      make(500),
      { numRounds: 1000, earlyStoppingRounds: 10 },
      { seed: 1 },
    );
    const info = model.toArtifact().params;
    expect(info.stoppedBy).toBe('early-stopping');
    expect(info.numTrees as number).toBeLessThan(100);
  });

  it('gives identical predictions for the same seed, with row and feature subsampling', () => {
    const params = { ...fast, baggingFraction: 0.7, featureFraction: 0.5 };
    const train = smoothData(1000, 7);
    const a = gbdtFamily.fit(train, undefined, params, { seed: 9 }).predict(train.X);
    const b = gbdtFamily.fit(train, undefined, params, { seed: 9 }).predict(train.X);
    const c = gbdtFamily.fit(train, undefined, params, { seed: 10 }).predict(train.X);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('predicts bit for bit the same after a round trip through its stored arrays', () => {
    const train = smoothData(1000, 8);
    train.X.columns[0][3] = NaN;
    const model = gbdtFamily.fit(train, smoothData(300, 9), fast, { seed: 1 });
    const copy = gbdtFamily.fromArtifact(model.toArtifact());
    expect(Array.from(copy.predict(train.X))).toEqual(Array.from(model.predict(train.X)));
  });

  it('refuses stored arrays whose nodes point outside the tree', () => {
    const model = gbdtFamily.fit(smoothData(500, 10), undefined, { numRounds: 3 }, { seed: 1 });
    const artifact = model.toArtifact();
    const left = Int32Array.from(artifact.arrays.left as Int32Array);
    left[0] = 10_000;
    expect(() =>
      gbdtFamily.fromArtifact({ ...artifact, arrays: { ...artifact.arrays, left } }),
    ).toThrow(/damaged: node 0 has children out of range/);
  });

  it('stops adding trees once the deadline has passed, keeping at least one', () => {
    const model = gbdtFamily.fit(
      smoothData(2000, 11),
      undefined,
      { numRounds: 100000 },
      {
        seed: 1,
        deadlineMs: Date.now() + 200,
      },
    );
    const info = model.toArtifact().params;
    expect(info.stoppedBy).toBe('deadline');
    expect(info.numTrees as number).toBeGreaterThanOrEqual(1);
  });

  it('names an invalid option and its limit', () => {
    expect(() =>
      gbdtFamily.fit(smoothData(100, 12), undefined, { numLeaves: 1 }, { seed: 1 }),
    ).toThrow(/numLeaves=1/);
  });
});
