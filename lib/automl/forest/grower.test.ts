// Single forest trees: exact fits, leaf-size and depth limits, and trees as pure functions of
// their seed (what parallel fitting relies on).
import { binMatrix } from '../gbdt/binning';
import type { Tree } from '../gbdt/tree';
import { Random } from '../random';
import type { FeatureMatrix } from '../types';
import { randomForestFamily, type ForestModel } from './index';
import { resolveForestParams } from './params';
import { averageTrees, fitTree, growOptions, prepareForestData, treeSeeds } from './train';

/**
 * 3,000 rows (enough for the histogram path at the root): every (x0, x1) pair distinct, with few
 * enough distinct values per feature to get a bin each, and a label with no pattern in either.
 */
function data(seed: number) {
  const rng = new Random(seed);
  const n = 3000;
  const rows = rng.permutation(n);
  const X: FeatureMatrix = {
    numRows: n,
    features: ['a', 'b'].map((name) => ({
      name,
      source: name,
      categorical: false,
      numCategories: 0,
    })),
    columns: [
      Float64Array.from(rows, (r) => r % 250),
      Float64Array.from(rows, (r) => Math.floor(r / 250)),
    ],
  };
  const y = Float64Array.from({ length: n }, () => rng.normal());
  return { X, y };
}

function leavesOf(tree: Tree, X: FeatureMatrix, maxBins = 256) {
  const prepared = prepareForestData(X, new Float64Array(X.numRows), maxBins);
  const binned = binMatrix(X, prepared.mappers);
  return Array.from({ length: X.numRows }, (_, i) => tree.leafOf(binned, X.features.length, i));
}

function depthOf(tree: Tree, node = 0): number {
  if (tree.feature[node] < 0) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}

function grow(params: Record<string, unknown>, seed = 1) {
  const { X, y } = data(3);
  const resolved = resolveForestParams('rf', { bootstrap: false, ...params });
  const prepared = prepareForestData(X, y, resolved.maxBins);
  const options = growOptions('rf', resolved, prepared.numFeatures);
  const tree = fitTree(prepared, options, resolved.bootstrap, seed);
  return { X, y, tree, offset: prepared.labelOffset };
}

describe('forest tree growth', () => {
  it('fits every training label exactly when leaves may hold one row', () => {
    const { X, y, tree, offset } = grow({ minSamplesLeaf: 1 });
    const leaves = leavesOf(tree, X);
    leaves.forEach((leaf, i) => expect(tree.value[leaf] + offset).toBeCloseTo(y[i], 9));
  });

  it('keeps at least minSamplesLeaf rows in every leaf', () => {
    const { X, tree } = grow({ minSamplesLeaf: 7 });
    const counts = new Map<number, number>();
    for (const leaf of leavesOf(tree, X)) counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(7);
    expect(counts.size).toBeGreaterThan(100);
  });

  it('stops at maxDepth', () => {
    expect(depthOf(grow({ maxDepth: 3 }).tree)).toBe(3);
    expect(depthOf(grow({}).tree)).toBeGreaterThan(10);
  });

  it('grows the same tree from the same seed, and trees averaged in order equal the family fit', () => {
    const { X, y } = data(5);
    const params = resolveForestParams('rf', { numTrees: 4, maxFeatures: 0.5 });
    const prepared = prepareForestData(X, y, params.maxBins);
    const options = growOptions('rf', params, prepared.numFeatures);
    const seeds = treeSeeds(9, params.numTrees);
    // Out of order, as threads might finish, then combined in seed order.
    const trees = [3, 1, 0, 2].map((t) => ({
      t,
      tree: fitTree(prepared, options, true, seeds[t]),
    }));
    trees.sort((a, b) => a.t - b.t);
    const forest = averageTrees(
      trees.map(({ tree }) => tree),
      prepared.mappers,
      prepared.labelOffset,
    );
    const model = randomForestFamily.fit({ X, y }, undefined, params, { seed: 9 }) as ForestModel;
    expect(forest.value).toEqual(model.forest.value);
    expect(forest.leftBins).toEqual(model.forest.leftBins);
    expect(fitTree(prepared, options, true, seeds[0]).value).toEqual(trees[0].tree.value);
  });
});
