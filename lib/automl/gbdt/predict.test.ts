import { Random } from '../random';
import { gbdtFamily, type GbdtModel } from './index';
import { binMatrix } from './binning';
import { predictForest, type FlatForest } from './predict';
import { matrix } from '@/tests/automl/matrix';

// One row at a time, testing each node's 256-bit bin set: the definition the fast walks follow.
function reference(forest: FlatForest, binned: Uint8Array, numFeatures: number, n: number) {
  const out = new Float64Array(n).fill(forest.initScore);
  for (const root of forest.roots) {
    for (let i = 0; i < n; i++) {
      let node = root;
      while (forest.feature[node] >= 0) {
        const b = binned[i * numFeatures + forest.feature[node]];
        const goesLeft = (forest.leftBins[node * 8 + (b >>> 5)] >>> (b & 31)) & 1;
        node = goesLeft ? forest.left[node] : forest.left[node] + 1;
      }
      out[i] += forest.value[node];
    }
  }
  return out;
}

describe('flat forest prediction', () => {
  it('equals a node-by-node walk on numeric, missing and categorical splits, any row count', () => {
    const rng = new Random(9);
    const n = 3001;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : rng.next() * 10));
    // Missing values of z behave like large ones, those of x like small ones: both directions.
    const z = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : rng.normal()));
    const code = Float64Array.from({ length: n }, () => rng.int(12));
    const effects = [3, -2, 0, 5, -4, 1, 2, -1, 4, -3, 0.5, -5];
    const y = Float64Array.from(
      { length: n },
      (_, i) =>
        (Number.isNaN(x[i]) ? 0 : x[i]) +
        (Number.isNaN(z[i]) ? 4 : z[i]) +
        effects[code[i]] +
        0.1 * rng.normal(),
    );
    const data = { X: matrix([x, z, code], [0, 0, 12]), y };
    const model = gbdtFamily.fit(data, data, { numRounds: 60 }, { seed: 2 }) as GbdtModel;
    const { forest } = model;
    // The forest holds every kind of node the walks tell apart.
    const bits = (node: number) =>
      Array.from(
        { length: 256 },
        (_, b) => (forest.leftBins[node * 8 + (b >>> 5)] >>> (b & 31)) & 1,
      );
    const kinds = new Set<string>();
    forest.feature.forEach((f, node) => {
      if (f < 0) return;
      const set = bits(node);
      const runs = set.filter((bit, b) => bit === 1 && set[b - 1] !== 1).length;
      kinds.add(
        runs > 1 || (set[0] === 0 && set[1] === 0)
          ? 'set'
          : set[0]
            ? 'missing-left'
            : 'missing-right',
      );
    });
    expect([...kinds].sort()).toEqual(['missing-left', 'missing-right', 'set']);
    for (const rows of [1, 3, 4, 1001, 3001]) {
      const X = matrix(
        [x.subarray(0, rows), z.subarray(0, rows), code.subarray(0, rows)],
        [0, 0, 12],
      );
      const expected = reference(forest, binMatrix(X, forest.mappers), 3, rows);
      expect(Array.from(predictForest(forest, X))).toEqual(Array.from(expected));
      // The walk over separate node arrays, for forests too large to pack, agrees too.
      expect(Array.from(predictForest(forest, X, { packed: false }))).toEqual(Array.from(expected));
    }
  });

  it('ignores bins set on a leaf, which a model file could hold, without changing the forest', () => {
    // One stump on feature 0: bins 1..2 go left (value 10), the rest right (value 20).
    const forest: FlatForest = {
      initScore: 0,
      mappers: [
        { categorical: false, numBins: 4, upperBounds: Float64Array.from([0, 1, 2, Infinity]) },
      ],
      roots: Int32Array.from([0]),
      feature: Int32Array.from([0, -1, -1]),
      value: Float64Array.from([0, 10, 20]),
      left: Int32Array.from([1, 0, 0]),
      leftBins: new Uint32Array(3 * 8),
    };
    forest.leftBins[0] = 0b110;
    forest.leftBins[1 * 8] = 0xffffffff; // bits on both leaves
    forest.leftBins[2 * 8] = 0xffffffff;
    const X = matrix([Float64Array.from([0.5, 1.5, 2.5, 7])]);
    expect(Array.from(predictForest(forest, X))).toEqual([10, 10, 20, 20]);
    expect(Array.from(predictForest(forest, X, { packed: false }))).toEqual([10, 10, 20, 20]);
    expect(forest.leftBins[8]).toBe(0xffffffff);
    expect(forest.feature[1]).toBe(-1);
  });
});
