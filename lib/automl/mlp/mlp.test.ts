// MLP family: a smooth target learned, missing and unseen values, determinism, storage, deadline, options.

import { AutoMLError } from '../errors';
import { Random } from '../random';
import type { LabelledMatrix } from '../types';
import { mlpBackend } from './backend';
import { mlpFamily, prepareMlpBackend, type MlpModel } from './index';
import { predictDesign } from './network';
import { denseDesign } from '../knn/design';
import { matrix, r2 } from '@/tests/automl/matrix';

/** y = 3·sin(x0) + x1² + a category offset (0, 2 or -2) + noise, with x in [-2, 2]. */
function smoothData(n: number, seed: number): LabelledMatrix {
  const rng = new Random(seed);
  const x0 = Float64Array.from({ length: n }, () => rng.next() * 4 - 2);
  const x1 = Float64Array.from({ length: n }, () => rng.next() * 4 - 2);
  const cat = Float64Array.from({ length: n }, () => 1 + rng.int(3));
  const offsets = [0, 0, 2, -2];
  const y = Float64Array.from(
    { length: n },
    (_, i) => 3 * Math.sin(x0[i]) + x1[i] ** 2 + offsets[cat[i]] + 0.1 * rng.normal(),
  );
  return { X: matrix([x0, x1, cat], [0, 0, 4]), y };
}

// Small network and data so the longest fit takes a few seconds on the wasm backend.
const fast = { hiddenUnits: [32, 32], batchSize: 100, learningRate: 0.02, maxEpochs: 25 };
const tiny = { ...fast, maxEpochs: 3 };

beforeAll(async () => {
  await prepareMlpBackend();
});

describe('mlp family', () => {
  it('trains on the wasm backend in jest', () => {
    expect(mlpBackend().name).toBe('wasm');
  });

  it('fits a smooth non-linear target with R² above 0.9 on fresh data', () => {
    const messages: string[] = [];
    const model = mlpFamily.fit(smoothData(800, 1), smoothData(200, 2), fast, {
      seed: 1,
      onProgress: (_, message) => messages.push(message),
    }) as MlpModel;
    const test = smoothData(400, 3);
    const score = r2(model.predict(test.X), test.y);
    expect(score).toBeGreaterThan(0.9);
    expect(model.info.backend).toBe('wasm');
    const epochs = messages.filter((m) => /^mlp: epoch \d+/.test(m));
    expect(epochs).toHaveLength(model.info.epochs as number);
  });

  it('gives finite predictions for missing values and unseen categories', () => {
    const train = smoothData(300, 4);
    train.X.columns[0][3] = NaN;
    train.X.columns[2][5] = NaN;
    const model = mlpFamily.fit(train, undefined, tiny, { seed: 1 });
    const probe = matrix(
      [
        Float64Array.from([NaN, 0.5, 1]),
        Float64Array.from([0, NaN, 1]),
        Float64Array.from([1, NaN, 9]),
      ],
      [0, 0, 4],
    );
    expect(Array.from(model.predict(probe)).every(Number.isFinite)).toBe(true);
  });

  it('is deterministic for a seed and differs for another', () => {
    const train = smoothData(300, 5);
    const test = smoothData(50, 6);
    const a = mlpFamily.fit(train, undefined, tiny, { seed: 7 }).predict(test.X);
    const b = mlpFamily.fit(train, undefined, tiny, { seed: 7 }).predict(test.X);
    const c = mlpFamily.fit(train, undefined, tiny, { seed: 8 }).predict(test.X);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('predicts the same after a save and load, and close on the plain cpu backend', async () => {
    const model = mlpFamily.fit(smoothData(300, 7), undefined, tiny, { seed: 1 }) as MlpModel;
    const test = smoothData(50, 8);
    const artifact = model.toArtifact();
    expect(artifact.arrays.kernel0).toBeInstanceOf(Float32Array);
    const loaded = mlpFamily.fromArtifact(artifact) as MlpModel;
    const expected = model.predict(test.X);
    expect(loaded.predict(test.X)).toEqual(expected);

    const { tf } = mlpBackend();
    await tf.setBackend('cpu');
    try {
      const design = denseDesign(loaded.layout, test.X);
      const output = predictDesign(tf, loaded.layers, design, test.X.numRows);
      output.forEach((v, i) => {
        expect(v * loaded.label.std + loaded.label.mean).toBeCloseTo(expected[i], 3);
      });
    } finally {
      await tf.setBackend('wasm');
    }
  });

  it('stops after one epoch when the deadline has passed, keeping those weights', () => {
    const model = mlpFamily.fit(smoothData(300, 9), undefined, fast, {
      seed: 1,
      deadlineMs: Date.now() - 1,
    }) as MlpModel;
    expect(model.info).toMatchObject({ epochs: 1, bestEpoch: 1, stoppedBy: 'deadline' });
    expect(Array.from(model.predict(smoothData(5, 10).X)).every(Number.isFinite)).toBe(true);
  });

  it('trains on all rows for exactly maxEpochs with validFraction 0 (refits)', () => {
    const model = mlpFamily.fit(
      smoothData(200, 14),
      undefined,
      { ...tiny, validFraction: 0 },
      {
        seed: 1,
      },
    ) as MlpModel;
    expect(model.info).toMatchObject({ epochs: 3, bestEpoch: 3, stoppedBy: 'maxEpochs' });
    expect(model.info.validationRmse).toBeUndefined();
  });

  it('releases every tensor it creates', () => {
    const { tf } = mlpBackend();
    const before = tf.memory().numTensors;
    const model = mlpFamily.fit(smoothData(200, 12), undefined, tiny, { seed: 1 });
    model.predict(smoothData(20, 13).X);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names an invalid option and its value', () => {
    const data = smoothData(50, 11);
    const fit = (params: object) => () => mlpFamily.fit(data, undefined, params, { seed: 1 });
    expect(fit({ dropout: 1.5 })).toThrow(AutoMLError);
    expect(fit({ dropout: 1.5 })).toThrow(/dropout=1.5/);
    expect(fit({ hiddenUnits: [] })).toThrow(/hiddenUnits=\[\]/);
  });
});
