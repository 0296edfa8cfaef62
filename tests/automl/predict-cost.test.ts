// Prediction cost estimated from a model's structure: exact counts on small models, and the
// ordering that lets the ensemble leave out a costly member.
import { gbdtFamily } from '@/lib/automl/gbdt';
import { knnFamily } from '@/lib/automl/knn';
import { linearFamily } from '@/lib/automl/linear';
import { predictCostNs } from '@/lib/automl/predict-cost';
import { matrix } from './matrix';

const n = 400;
const x0 = Float64Array.from({ length: n }, (_, i) => (i * 37) % 101);
const x1 = Float64Array.from({ length: n }, (_, i) => (i * 53) % 89);
const y = Float64Array.from({ length: n }, (_, i) => x0[i] * 2 + x1[i]);
const train = { X: matrix([x0, x1]), y };

describe('predictCostNs', () => {
  it('counts the mean leaf depth of every tree: three stumps take three steps', () => {
    const stumps = gbdtFamily.fit(
      train,
      undefined,
      { numRounds: 3, numLeaves: 2, earlyStoppingRounds: 0 },
      { seed: 0 },
    );
    expect(stumps.toArtifact().params.numTrees).toBe(3);
    expect(predictCostNs(stumps)).toBe(5 * 3);
    const deeper = gbdtFamily.fit(
      train,
      undefined,
      { numRounds: 3, numLeaves: 8, minSamplesLeaf: 5, earlyStoppingRounds: 0 },
      { seed: 0 },
    );
    // Eight leaves take at least three steps on average (a balanced tree), more when lopsided.
    expect(predictCostNs(deeper)).toBeGreaterThanOrEqual(5 * 3 * 3);
  });

  it('grows with the training rows and width for kNN, and the coefficients for ridge', () => {
    const knn = knnFamily.fit(train, undefined, {}, { seed: 0 });
    expect(predictCostNs(knn)).toBe(2 * n * (knn.toArtifact().params.width as number));
    const ridge = linearFamily.fit(train, undefined, {}, { seed: 0 });
    expect(predictCostNs(ridge)).toBe(ridge.toArtifact().arrays.coef.length);
    expect(predictCostNs(knn)).toBeGreaterThan(100 * predictCostNs(ridge));
  });
});
