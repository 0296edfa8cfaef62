import { permutationImportance } from './importance';
import { AutoMLError, columnTable, fit, loadPredictor, type TableLike } from './index';
import type { Member } from './trainer';
import type { FeatureMatrix, TrainedModel } from './types';
import { Random } from './random';

/** y = 3·useful + noise; `useless` is noise the label never sees. */
function table(n: number, seed: number): TableLike {
  const random = new Random(seed);
  const useful = Array.from({ length: n }, () => random.normal());
  const useless = Array.from({ length: n }, () => random.normal());
  const y = useful.map((v) => 3 * v + 0.1 * random.normal());
  return columnTable({ useful, useless, y });
}

describe('permutation feature importance', () => {
  const train = table(400, 1);
  const test = table(300, 2);

  it('finds the useful feature important and the useless one near zero, per model too', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear', 'gbdt'] });
    const result = predictor.featureImportance(test, { shuffles: 4, seed: 3 });
    const byName = Object.fromEntries(result.features.map((f) => [f.feature, f]));
    expect(result.features[0].feature).toBe('useful');
    // Shuffling a N(0, 3²) signal raises the RMSE from ~0.1 to ~3·√2.
    expect(byName.useful.mean).toBeGreaterThan(3);
    expect(Math.abs(byName.useless.mean!)).toBeLessThan(0.05);
    expect(byName.useful.shuffles).toBe(4);
    expect(byName.useful.std).toBeGreaterThan(0);
    expect(Object.keys(result.models).sort()).toEqual(['gbdt', 'linear']);
    const linearUseless = result.models.linear.find((f) => f.feature === 'useless')!;
    expect(Math.abs(linearUseless.mean!)).toBeLessThan(0.05);
    expect(result.timedOut).toBe(false);
  });

  it('stores the validation-row importance at fit time, and the model file keeps it', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear'] });
    const stored = predictor.featureImportance();
    expect(stored.rows).toBe(predictor.metadata.validationRows);
    expect(stored.features.map((f) => f.feature)).toEqual(['useful', 'useless']);
    const loaded = await loadPredictor(await predictor.save());
    expect(loaded.featureImportance()).toEqual(stored);
  });

  it('stops shuffling at the time limit, leaving unreached features without a value', async () => {
    const predictor = await fit(train, { label: 'y', models: ['linear'] });
    const result = predictor.featureImportance(test, { shuffles: 1000, timeLimitSec: 0.05 });
    expect(result.timedOut).toBe(true);
    expect(result.features.every((f) => f.shuffles < 1000)).toBe(true);
  });

  it('asks for data when none is stored (bagged fit) and names bad options', async () => {
    const bagged = await fit(train, { label: 'y', models: ['linear'], preset: 'good_quality' });
    expect(() => bagged.featureImportance()).toThrow(/pass labelled data/);
    expect(() => bagged.featureImportance(test, { shuffles: 0 })).toThrow(AutoMLError);
    expect(() => bagged.featureImportance(test, { shuffles: 0 })).toThrow(/shuffles=0/);
  });
});

describe('permutationImportance under a short time limit', () => {
  const n = 5000;
  const names = Array.from({ length: 8 }, (_, j) => `f${j}`);
  const X: FeatureMatrix = {
    numRows: n,
    features: names.map((name) => ({ name, source: name, categorical: false, numCategories: 0 })),
    columns: names.map((_, j) =>
      Float64Array.from({ length: n }, (_, i) => ((i * (j + 3)) % 97) / 97),
    ),
  };
  const y = Float64Array.from({ length: n }, (_, i) => X.columns[0][i] * 10);
  // Predicts column 0 × 10, taking `microsPerRow` of busy time per row (a slow member).
  const slowModel = (microsPerRow: number): TrainedModel => ({
    family: 'slow',
    predict: (matrix) => {
      const until = performance.now() + (matrix.numRows * microsPerRow) / 1000;
      while (performance.now() < until);
      return Float64Array.from(matrix.columns[0], (v) => v * 10);
    },
    toArtifact: () => ({ family: 'slow', params: {}, arrays: {} }),
  });
  const member = (name: string, microsPerRow: number): Member => ({
    name,
    family: 'slow',
    stackLevel: 1,
    models: [slowModel(microsPerRow)],
  });

  it('measures fewer rows rather than leave features unmeasured', () => {
    // A round of 8 features on 5,000 rows takes about 400 ms; the limit allows 200.
    const target = { members: [member('slow', 10)], weights: Float64Array.of(1) };
    const result = permutationImportance(target, X, y, names, { shuffles: 1, timeLimitSec: 0.2 });
    expect(result.rows).toBeLessThan(n);
    expect(result.rows).toBeGreaterThanOrEqual(500);
    expect(result.features.every((f) => f.shuffles === 1)).toBe(true);
    expect(result.features[0].feature).toBe('f0');
  });

  it('with usedMembersOnly, measures the weighted members only', () => {
    const target = {
      members: [member('used', 0), member('unused', 0)],
      weights: Float64Array.of(1, 0),
    };
    const result = permutationImportance(target, X, y, names, {
      shuffles: 1,
      usedMembersOnly: true,
    });
    expect(Object.keys(result.models)).toEqual(['used']);
  });
});
