import { selectEnsemble, blend, pruneCostly } from '@/lib/automl/ensemble';
import { buildEnsemble } from '@/lib/automl/fit-report';
import type { ModelsOutcome } from '@/lib/automl/fit-models';
import { FitOptionsSchema } from '@/lib/automl/options';
import { linearFamily } from '@/lib/automl/linear';
import { regressionMetrics } from '@/lib/automl/metrics';
import { Random } from '@/lib/automl/random';
import type { FeatureMatrix, LabelledMatrix } from '@/lib/automl/types';

function matrix(columns: Float64Array[], categories: number[] = []): FeatureMatrix {
  return {
    numRows: columns[0].length,
    features: columns.map((_, j) => ({
      name: `x${j}`,
      source: `x${j}`,
      categorical: (categories[j] ?? 0) > 0,
      numCategories: categories[j] ?? 0,
    })),
    columns,
  };
}

function linearData(n: number, seed: number): LabelledMatrix {
  const random = new Random(seed);
  const a = Float64Array.from({ length: n }, () => random.normal() * 10 + 5);
  const b = Float64Array.from({ length: n }, () => random.next() * 100);
  const level = Float64Array.from({ length: n }, () => 1 + random.int(3));
  const offsets = [0, 0, 7, -4];
  const y = a.map((_, i) => 3 + 2 * a[i] - 0.5 * b[i] + offsets[level[i]]);
  return { X: matrix([a, b, level], [0, 0, 4]), y };
}

describe('ridge regression', () => {
  it('recovers the coefficients of an exact linear function', () => {
    const model = linearFamily.fit(linearData(400, 1), linearData(100, 2), {}, { seed: 0 });
    const { arrays, params } = model.toArtifact();
    const coef = (k: number) => arrays.coef[arrays.valueColumn[k]] / arrays.scales[k];
    expect(params.lambda).toBe(1e-6);
    expect(coef(0)).toBeCloseTo(2, 4);
    expect(coef(1)).toBeCloseTo(-0.5, 4);
    // One-hot levels: differences between level coefficients are the offsets.
    const start = arrays.blockStart[0];
    expect(arrays.coef[start + 2] - arrays.coef[start + 1]).toBeCloseTo(7, 3);
    expect(arrays.coef[start + 3] - arrays.coef[start + 1]).toBeCloseTo(-4, 3);
    const test = linearData(50, 3);
    const predictions = model.predict(test.X);
    predictions.forEach((p, i) => expect(p).toBeCloseTo(test.y[i], 3));
  });

  it('loads its own artifact, and refuses one whose arrays disagree', () => {
    const model = linearFamily.fit(linearData(400, 1), linearData(100, 2), {}, { seed: 0 });
    const artifact = model.toArtifact();
    const test = linearData(20, 3);
    expect(linearFamily.fromArtifact(artifact).predict(test.X)).toEqual(model.predict(test.X));

    const withArrays = (changes: Record<string, Float64Array | Int32Array>) => ({
      ...artifact,
      arrays: { ...artifact.arrays, ...changes },
    });
    const { arrays } = artifact;
    expect(() => linearFamily.fromArtifact(withArrays({ means: new Float64Array(0) }))).toThrow(
      "linear model: 'means' must have 2 entries",
    );
    const farColumn = Int32Array.from(arrays.valueColumn as Int32Array, () => 999);
    expect(() => linearFamily.fromArtifact(withArrays({ valueColumn: farColumn }))).toThrow(
      "'valueColumn' names a column beyond",
    );
    const farBlock = Int32Array.from(arrays.blockStart as Int32Array, () => 999);
    expect(() => linearFamily.fromArtifact(withArrays({ blockStart: farBlock }))).toThrow(
      'categorical block 0 lies beyond',
    );
  });

  it('uses a missing indicator and mean imputation, and picks a larger penalty for noise', () => {
    const random = new Random(5);
    const n = 300;
    const signal = Float64Array.from({ length: n }, () => random.next());
    const flag = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1 : NaN));
    const noise = Array.from({ length: 30 }, () =>
      Float64Array.from({ length: n }, () => random.normal()),
    );
    const y = signal.map((s, i) => 10 * s + (i % 2 ? 15 : 0) + random.normal() * 3);
    const data = { X: matrix([signal, flag, ...noise]), y };
    const train = {
      X: { ...data.X, numRows: 200, columns: data.X.columns.map((c) => c.slice(0, 200)) },
      y: y.slice(0, 200),
    };
    const valid = {
      X: { ...data.X, numRows: 100, columns: data.X.columns.map((c) => c.slice(200)) },
      y: y.slice(200),
    };
    const model = linearFamily.fit(train, valid, {}, { seed: 0 });
    const { arrays, params } = model.toArtifact();
    expect(arrays.valueColumn[1]).toBe(-1);
    expect(arrays.indicatorColumn[1]).toBeGreaterThanOrEqual(0);
    expect(arrays.coef[arrays.indicatorColumn[1]]).toBeLessThan(-10);
    expect(params.lambda as number).toBeGreaterThan(1e-3);
  });

  it('chooses the same penalty whatever the label units, standardised or not', () => {
    const random = new Random(8);
    const make = (n: number) => {
      const x = Float64Array.from({ length: n }, () => random.normal());
      const y = x.map((v) => v + random.normal());
      return { X: matrix([x]), y };
    };
    const train = make(100);
    const valid = make(50);
    const scaled = (d: LabelledMatrix, k: number) => ({ X: d.X, y: d.y.map((v) => v * k + 7) });
    const fits = [1, 1e6, 1e-3].map((k) =>
      linearFamily.fit(scaled(train, k), scaled(valid, k), {}, { seed: 0 }),
    );
    const lambdas = fits.map((m) => m.toArtifact().params.lambda);
    expect(new Set(lambdas).size).toBe(1);
    const p = fits.map((m) => m.predict(valid.X));
    p[0].forEach((v, i) => expect(p[1][i]).toBeCloseTo((v - 7) * 1e6 + 7, 0));
  });

  it('refuses out-of-range options, naming them', () => {
    expect(() =>
      linearFamily.fit(linearData(50, 1), undefined, { maxLevels: 0 }, { seed: 0 }),
    ).toThrow(/^linear option maxLevels=0: /);
    expect(() =>
      linearFamily.fit(linearData(50, 1), undefined, { lambdas: [-1] }, { seed: 0 }),
    ).toThrow(/^linear option lambdas.0=\[-1\]: /);
  });

  it('round-trips through its artifact with identical predictions', () => {
    const model = linearFamily.fit(linearData(200, 1), undefined, {}, { seed: 3 });
    const copy = linearFamily.fromArtifact(model.toArtifact());
    const X = linearData(20, 9).X;
    expect(copy.predict(X)).toEqual(model.predict(X));
  });
});

describe('greedy ensemble selection', () => {
  it('finds the blend of two complementary models and ignores a bad one', () => {
    const labels = Float64Array.from([1, 2, 3, 4]);
    const low = labels.map((y) => y - 1);
    const high = labels.map((y) => y + 1);
    const bad = Float64Array.from([10, -10, 10, -10]);
    // Step 1: low and high tie, the earlier wins; step 2: high cancels low's error exactly.
    const { weights, picks, history } = selectEnsemble([bad, low, high], labels, 2);
    expect(picks).toEqual([1, 2]);
    expect(history).toEqual([1, 0]);
    expect(Array.from(weights)).toEqual([0, 0.5, 0.5]);
    expect(Array.from(blend([bad, low, high], weights, 4))).toEqual([1, 2, 3, 4]);
  });

  it('weights a single best model fully and records the score after each step', () => {
    const labels = Float64Array.from([0, 0]);
    const { weights, history } = selectEnsemble(
      [Float64Array.from([1, 1]), Float64Array.from([3, 3])],
      labels,
      3,
    );
    expect(Array.from(weights)).toEqual([1, 0]);
    expect(history).toEqual([1, 1, 1]);
  });

  it('minimises absolute errors when asked, which can pick another model than squared errors', () => {
    const labels = Float64Array.from([0, 0, 0, 0, 10]);
    // Exact on four rows, far off on one: MAE 2, RMSE 4.47. Off by 2 everywhere but less on the
    // outlier: MAE 3.2, RMSE 4.
    const exactMostly = Float64Array.from([0, 0, 0, 0, 0]);
    const offEverywhere = Float64Array.from([2, 2, 2, 2, 2]);
    const candidates = [exactMostly, offEverywhere];
    expect(selectEnsemble(candidates, labels, 1).picks).toEqual([1]);
    const absolute = selectEnsemble(candidates, labels, 1, 'absolute');
    expect(absolute.picks).toEqual([0]);
    expect(absolute.history).toEqual([2]);
  });
});

describe('leaving costly members out of the ensemble', () => {
  const n = 200;
  const labels = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const a = labels.map((y, i) => y + 0.3 * Math.cos(3 * i));
  const b = labels.map((y, i) => y - 0.3 * Math.cos(3 * i) + 0.1 * Math.sin(5 * i));
  const c = labels.map((y, i) => y + 0.2 * Math.sin(7 * i));
  const candidates = [a, b, c];
  const first = selectEnsemble(candidates, labels, 25);
  const without = selectEnsemble(candidates, labels, 25, 'squared', new Set([2]));
  const loss = (s: typeof first) => s.history[s.history.length - 1];
  const prune = (cost: number[], tolerance: number, fixed: number[] = []) =>
    pruneCostly(candidates, labels, first, {
      rounds: 25,
      loss: 'squared',
      cost,
      fixed: new Set(fixed),
      limits: { tolerance, costShare: 0.5 },
    });

  it('starts from a selection that uses the third member, and is worse without it', () => {
    expect(first.weights[2]).toBeGreaterThan(0);
    expect(without.weights[2]).toBe(0);
    expect(loss(without)).toBeGreaterThan(loss(first));
  });

  it('leaves out the member taking most of the time when the loss stays within the tolerance', () => {
    const tolerance = loss(without) / loss(first) - 1 + 1e-9;
    const { selection, pruned } = prune([1, 1, 100], tolerance);
    expect(pruned).toEqual([2]);
    expect(Array.from(selection.weights)).toEqual(Array.from(without.weights));
  });

  it('keeps it when the loss would rise more than the tolerance', () => {
    const tolerance = loss(without) / loss(first) - 1 - 1e-9;
    const { selection, pruned } = prune([1, 1, 100], tolerance);
    expect(pruned).toEqual([]);
    expect(selection).toBe(first);
  });

  it('keeps members that cost less than half the time, and members others stack on', () => {
    expect(prune([1, 1, 1.5], 1).pruned).toEqual([]);
    expect(prune([1, 1, 100], 1, [2]).pruned).toEqual([]);
  });

  it('never leaves out the only member', () => {
    const alone = selectEnsemble([c], labels, 25);
    const { pruned } = pruneCostly([c], labels, alone, {
      rounds: 25,
      loss: 'squared',
      cost: [100],
      fixed: new Set(),
      limits: { tolerance: 1, costShare: 0.5 },
    });
    expect(pruned).toEqual([]);
  });
});

describe('regression metrics', () => {
  it('match hand-computed values', () => {
    const labels = [0, 2, 4, 10];
    const predictions = [1, 2, 2, 13];
    // errors (label − prediction): −1, 0, 2, −3
    const m = regressionMetrics(labels, predictions);
    expect(m.mse).toBeCloseTo((1 + 0 + 4 + 9) / 4, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(m.mae).toBeCloseTo(6 / 4, 12);
    // mean label 4, variance (16 + 4 + 0 + 36) / 4 = 14
    expect(m.r2).toBeCloseTo(1 - 3.5 / 14, 12);
    // MAPE over the three non-zero labels: (0/2 + 2/4 + 3/10) / 3
    expect(m.mape).toBeCloseTo((100 * (0 + 0.5 + 0.3)) / 3, 12);
    expect(m.mapeExcludedZeroLabels).toBe(1);
    expect(m.medianAbsoluteError).toBeCloseTo(1.5, 12);
    expect(m.maxError).toBe(3);
    // mean error −0.5, error variance (0.25 + 0.25 + 6.25 + 6.25) / 4 = 3.25
    expect(m.explainedVariance).toBeCloseTo(1 - 3.25 / 14, 12);
    expect(m.count).toBe(4);
  });

  it('report NaN rather than infinities for a constant label', () => {
    const m = regressionMetrics([2, 2], [1, 3]);
    expect(m.r2).toBeNaN();
    expect(m.rmse).toBe(1);
  });
});

describe('the fit report of a pruned ensemble', () => {
  const n = 200;
  const labels = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const predictions = [
    labels.map((y, i) => y + 0.3 * Math.cos(3 * i)),
    labels.map((y, i) => y - 0.3 * Math.cos(3 * i) + 0.1 * Math.sin(5 * i)),
    labels.map((y, i) => y + 0.2 * Math.sin(7 * i)),
  ];
  const names = ['fast_a', 'fast_b', 'slow_knn'];
  const costs: Record<string, number> = { fast_a: 1, fast_b: 1, slow_knn: 100 };
  const costOf = (member: { name: string }) => costs[member.name];
  const outcome = (inputs?: string[]): ModelsOutcome => ({
    fits: names.map((name, m) => ({
      member: {
        name,
        family: 'test',
        stackLevel: m === 0 && inputs ? 2 : 1,
        models: [],
        ...(m === 0 && inputs ? { inputs } : {}),
      },
      scoringPredictions: predictions[m],
      fitSec: 1,
      predictSec: 0,
    })),
    rows: names.map((name) => ({
      name,
      family: 'test',
      status: 'ok' as const,
      validationRmse: null,
      fitSec: 1,
      validationPredictSec: 0,
      stackLevel: 1,
      foldCount: 1,
      ensembleWeight: 0,
    })),
  });

  it('names the member left out for speed and what it cost', () => {
    const settings = FitOptionsSchema.parse({ label: 'y', pruneTolerance: 0.1 });
    const { weights, leaderboard } = buildEnsemble(outcome(), labels, settings, costOf);
    expect(weights[2]).toBe(0);
    const slow = leaderboard.find((row) => row.name === 'slow_knn')!;
    expect(slow.status).toBe('ok');
    expect(slow.reason).toMatch(
      /^left out of the ensemble for speed: it would take about 98% of the prediction time, and the ensemble scores [\d.]+% worse without it$/,
    );
  });

  it('keeps it with pruneTolerance 0, or when a weighted member stacks on it', () => {
    const strict = FitOptionsSchema.parse({ label: 'y', pruneTolerance: 0 });
    expect(buildEnsemble(outcome(), labels, strict, costOf).weights[2]).toBeGreaterThan(0);
    const settings = FitOptionsSchema.parse({ label: 'y', pruneTolerance: 0.1 });
    const stacked = buildEnsemble(outcome(['slow_knn']), labels, settings, costOf);
    expect(stacked.weights[0]).toBeGreaterThan(0);
    expect(stacked.weights[2]).toBeGreaterThan(0);
    expect(stacked.leaderboard.every((row) => row.reason === undefined)).toBe(true);
  });
});
