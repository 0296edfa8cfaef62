import { BaggedTrainer, kFolds } from './bagging';
import { FAMILIES } from './families';
import { knnFamily } from './knn';
import { takeRows } from './holdout';
import { Random } from './random';
import { InThreadRunner } from './runner';
import type { FeatureMatrix, LabelledMatrix, ModelFamily, TrainedModel } from './types';

// A learner that remembers the ids (feature 0) of the rows it trained on, and predicts 1 for a
// row it saw and 0 for one it did not: any leak of training rows into scoring shows up as a 1.
const seenBy: Set<number>[] = [];
const spyFamily: ModelFamily = {
  name: 'spy',
  fit(train) {
    const seen = new Set(Array.from(train.X.columns[0]));
    seenBy.push(seen);
    const model: TrainedModel = {
      family: 'spy',
      predict: (X: FeatureMatrix) =>
        Float64Array.from(X.columns[0], (id) => (seen.has(id) ? 1 : 0)),
      toArtifact: () => ({ family: 'spy', params: {}, arrays: {} }),
    };
    return model;
  },
  fromArtifact: () => {
    throw new Error('not stored');
  },
};

function data(n: number): LabelledMatrix {
  const ids = Float64Array.from({ length: n }, (_, i) => i);
  return {
    X: {
      numRows: n,
      features: [{ name: 'id', source: 'id', categorical: false, numCategories: 0 }],
      columns: [ids],
    },
    y: Float64Array.from({ length: n }, (_, i) => i % 7),
  };
}

describe('kFolds', () => {
  it('puts every row in exactly one held-out fold and trains each fold on the others', () => {
    const folds = kFolds(103, 5, new Random(1));
    const count = new Uint8Array(103);
    for (const fold of folds) {
      for (const row of fold.valid) count[row]++;
      expect(fold.train.length + fold.valid.length).toBe(103);
      const valid = new Set(fold.valid);
      expect(Array.from(fold.train).some((row) => valid.has(row))).toBe(false);
    }
    expect(Array.from(count).every((c) => c === 1)).toBe(true);
    expect(folds.map((f) => f.valid.length).sort()).toEqual([20, 20, 21, 21, 21]);
  });

  it('refuses fewer than two folds or more folds than rows, naming the value', () => {
    expect(() => kFolds(10, 1, new Random(1))).toThrow(
      /folds=1 must be a whole number from 2 to 10/,
    );
    expect(() => kFolds(3, 5, new Random(1))).toThrow(/folds=5/);
  });
});

describe('BaggedTrainer', () => {
  beforeAll(() => {
    FAMILIES.spy = { family: spyFamily, relativeCost: 1 };
  });
  afterAll(() => {
    delete FAMILIES.spy;
  });

  it('never scores a row with a model that saw it in training, and scores every row once', async () => {
    seenBy.length = 0;
    const trainer = new BaggedTrainer(
      data(250),
      kFolds(250, 5, new Random(3)),
      new InThreadRunner(),
    );
    const fit = await trainer.fit(
      { name: 'spy', family: 'spy', params: {}, stackLevel: 1 },
      { seed: 1 },
    );
    expect(trainer.foldCount).toBe(5);
    expect(fit.member.models).toHaveLength(5);
    expect(trainer.scoringLabels).toHaveLength(250);
    expect(Array.from(fit.scoringPredictions).every((p) => p === 0)).toBe(true);
    // Each fold model saw four fifths of the rows: the test above would catch a leak.
    expect(seenBy.map((seen) => seen.size)).toEqual([200, 200, 200, 200, 200]);
  });

  it('fits kNN once on every row and scores each row by the neighbours other than itself', async () => {
    const n = 80;
    const random = new Random(9);
    const a = Float64Array.from({ length: n }, () => random.next());
    const b = Float64Array.from({ length: n }, () => random.next());
    const labelled: LabelledMatrix = {
      X: {
        numRows: n,
        features: ['a', 'b'].map((name) => ({
          name,
          source: name,
          categorical: false,
          numCategories: 0,
        })),
        columns: [a, b],
      },
      // Each label is far from every other, so a row that voted for itself would stand out.
      y: Float64Array.from({ length: n }, (_, i) => 10 * a[i] + b[i] + 1000 * (i % 2)),
    };
    const trainer = new BaggedTrainer(labelled, kFolds(n, 5, new Random(2)), new InThreadRunner());
    const spec = {
      name: 'knn',
      family: 'knn',
      params: { kValues: [3], weights: ['uniform' as const] },
      stackLevel: 1,
    };
    const fit = await trainer.fit(spec, { seed: 1 });

    expect(fit.member.models).toHaveLength(1);
    // Row i's score is the prediction of a kNN that never held row i.
    for (const i of [0, 17, 79]) {
      const others = Uint32Array.from({ length: n - 1 }, (_, k) => (k < i ? k : k + 1));
      const without = knnFamily.fit(
        takeRows(labelled.X, labelled.y, others),
        undefined,
        spec.params,
        { seed: 1 },
      );
      const alone = takeRows(labelled.X, labelled.y, Uint32Array.of(i)).X;
      expect(fit.scoringPredictions[i]).toBeCloseTo(without.predict(alone)[0], 9);
    }
  });

  it('gives the level-2 trainer each input as a column of out-of-fold predictions', async () => {
    const trainer = new BaggedTrainer(data(50), kFolds(50, 5, new Random(4)), new InThreadRunner());
    const oof = Float64Array.from({ length: 50 }, (_, i) => 2 * i);
    const stacked = trainer.stacked(['m'], new Map([['m', oof]]));
    expect(stacked.data.X.features.map((f) => f.name)).toEqual(['id', 'pred:m']);
    expect(stacked.data.X.columns[1]).toEqual(oof);
    expect(stacked.foldCount).toBe(5);
  });
});
