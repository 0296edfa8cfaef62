// Random forest and extra trees families: accuracy on known functions, missing values,
// categories, determinism, save/load, deadline, progress and option checking.
import { AutoMLError } from '../errors';
import { Random } from '../random';
import type { LabelledMatrix, ModelFamily, TrainedModel } from '../types';
import { extraTreesFamily, randomForestFamily, type ForestParams } from './index';
import { matrix, r2 } from '@/tests/automl/matrix';

/** y = 3 sin(x0) + x1² + noise, x in [-2, 2], plus a feature of pure noise. */
function smoothData(n: number, seed: number): LabelledMatrix {
  const rng = new Random(seed);
  const draw = () => Float64Array.from({ length: n }, () => rng.next() * 4 - 2);
  const [x0, x1, x2] = [draw(), draw(), draw()];
  const y = Float64Array.from(
    { length: n },
    (_, i) => 3 * Math.sin(x0[i]) + x1[i] ** 2 + 0.1 * rng.normal(),
  );
  return { X: matrix([x0, x1, x2]), y };
}

const families: [string, ModelFamily<ForestParams>][] = [
  ['random forest', randomForestFamily],
  ['extra trees', extraTreesFamily],
];
const small = { numTrees: 30 };

function bits(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');
}

function info(model: TrainedModel): Record<string, unknown> {
  return model.toArtifact().params;
}

describe.each(families)('%s', (_, family) => {
  const train = smoothData(3000, 1);
  const test = smoothData(1000, 3);

  it('fits a smooth non-linear function with R² above 0.95 on fresh data', () => {
    const model = family.fit(train, undefined, small, { seed: 1 });
    expect(r2(model.predict(test.X), test.y)).toBeGreaterThan(0.95);
  });

  it('learns where missing values belong without imputation', () => {
    const n = 2000;
    const rng = new Random(4);
    const x = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? NaN : rng.next()));
    const y = Float64Array.from(x, (v) => (Number.isNaN(v) ? 10 : v < 0.5 ? 0 : 1));
    const model = family.fit({ X: matrix([x]), y }, undefined, small, { seed: 1 });
    const [missing, low, high] = model.predict(matrix([Float64Array.from([NaN, 0.2, 0.8])]));
    expect(missing).toBeCloseTo(10, 1);
    expect(low).toBeCloseTo(0, 1);
    expect(high).toBeCloseTo(1, 1);
  });

  it('splits categories by their effect, not their code order, and copes with unseen codes', () => {
    const effects = [0, 5, -3, 8, 1, -6, 4, 2, -1, 7];
    const rng = new Random(5);
    const code = Float64Array.from({ length: 3000 }, () => rng.int(10));
    const y = Float64Array.from(code, (c) => effects[c] + 0.1 * rng.normal());
    // Shallow random-forest trees get this close only by grouping categories by effect; extra
    // trees cut the effect order at random places, so they need more depth.
    const params = { numTrees: 10, maxDepth: family.name === 'rf' ? 4 : 0 };
    const model = family.fit({ X: matrix([code], [10]), y }, undefined, params, { seed: 1 });
    const predictions = model.predict(matrix([Float64Array.from(effects.keys())], [10]));
    predictions.forEach((p, c) => expect(p).toBeCloseTo(effects[c], 0));
    const unseen = model.predict(matrix([Float64Array.from([42, NaN])], [10]));
    unseen.forEach((p) => expect(Number.isFinite(p)).toBe(true));
  });

  it('splits categories by ranges of their codes when categoricalSplits is codes', () => {
    const effects = [0, 5, -3, 8, 1, -6, 4, 2, -1, 7];
    const rng = new Random(6);
    const code = Float64Array.from({ length: 2000 }, () => rng.int(10));
    const y = Float64Array.from(code, (c) => effects[c]);
    const data = { X: matrix([code], [10]), y };
    const stump = { numTrees: 1, maxDepth: 1, bootstrap: false };
    const probe = matrix([Float64Array.from(effects.keys())], [10]);
    const byCodes = family.fit(
      data,
      undefined,
      { ...stump, categoricalSplits: 'codes' },
      { seed: 1 },
    );
    const levels = Array.from(byCodes.predict(probe));
    // One threshold on the codes: the prediction changes once along the code order.
    const changes = levels.filter((v, c) => c > 0 && v !== levels[c - 1]).length;
    expect(changes).toBe(1);
    const native = family.fit(data, undefined, stump, { seed: 1 }).predict(probe);
    expect(Array.from(native)).not.toEqual(levels);
  });

  it('gives identical predictions for the same seed and different ones for another seed', () => {
    const first = family.fit(train, undefined, small, { seed: 7 }).predict(test.X);
    const again = family.fit(train, undefined, small, { seed: 7 }).predict(test.X);
    const other = family.fit(train, undefined, small, { seed: 8 }).predict(test.X);
    expect(bits(again)).toBe(bits(first));
    expect(bits(other)).not.toBe(bits(first));
  });

  it('predicts the same bits after a round trip through its artifact', () => {
    const model = family.fit(train, undefined, small, { seed: 2 });
    const loaded = family.fromArtifact(model.toArtifact());
    expect(loaded.family).toBe(family.name);
    expect(bits(loaded.predict(test.X))).toBe(bits(model.predict(test.X)));
    expect(info(loaded)).toEqual(info(model));
  });

  it('stops adding trees at the deadline but keeps at least one', () => {
    const model = family.fit(train, undefined, { numTrees: 50 }, { seed: 1, deadlineMs: 0 });
    expect(info(model)).toMatchObject({ numTrees: 1, stoppedBy: 'deadline' });
    expect(r2(model.predict(test.X), test.y)).toBeGreaterThan(0.5);
  });

  it('reports progress after every tree, ending at 1', () => {
    const fractions: number[] = [];
    family.fit(
      train,
      undefined,
      { numTrees: 5 },
      { seed: 1, onProgress: (f) => fractions.push(f) },
    );
    expect(fractions).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('refuses an invalid option, naming it and its value', () => {
    const fit = (params: Record<string, unknown>) => () =>
      family.fit(train, undefined, params as Partial<ForestParams>, { seed: 1 });
    expect(fit({ numTrees: 0 })).toThrow(AutoMLError);
    expect(fit({ numTrees: 0 })).toThrow(/numTrees=0/);
    expect(fit({ maxFeatures: 1.5 })).toThrow(/maxFeatures=1\.5/);
    expect(fit({ numTree: 10 })).toThrow(/numTree=10/);
    expect(fit({ categoricalSplits: 'onehot' })).toThrow(/categoricalSplits="onehot"/);
    expect(fit({ minDataPerGroup: 0 })).toThrow(/minDataPerGroup=0/);
    try {
      fit({ minSamplesLeaf: 0 })();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_OPTION',
        details: { option: 'minSamplesLeaf', value: 0 },
      });
    }
    expect.assertions(7);
  });
});
