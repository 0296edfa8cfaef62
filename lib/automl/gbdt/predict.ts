// Boosted trees in their shipped form: all trees flattened into typed arrays, and fast prediction.
import type { FeatureMatrix } from '../types';
import { binMatrix, type BinMapper } from './binning';
import { WORDS_PER_NODE, type Tree } from './tree';

/**
 * Every tree of a booster in flat arrays, with the bin mappers that turn raw values into the bins
 * the trees test. Node ids are global; tree t's root is `roots[t]`. A node with `feature = -1` is a
 * leaf whose output (learning rate applied) is `value`; an internal node sends a row to its left
 * child `left[node]` when the row's bin is in its 256-bit set `leftBins[node * 8 .. node * 8 + 8)`,
 * else to the right child, which is always `left[node] + 1`.
 */
export interface FlatForest {
  initScore: number;
  mappers: BinMapper[];
  roots: Int32Array;
  feature: Int32Array;
  value: Float64Array;
  left: Int32Array;
  leftBins: Uint32Array;
}

/** Flattens trees into one FlatForest. */
export function flattenTrees(trees: Tree[], initScore: number, mappers: BinMapper[]): FlatForest {
  const numNodes = trees.reduce((sum, tree) => sum + tree.numNodes, 0);
  const forest: FlatForest = {
    initScore,
    mappers,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(numNodes),
    value: new Float64Array(numNodes),
    left: new Int32Array(numNodes),
    leftBins: new Uint32Array(numNodes * WORDS_PER_NODE),
  };
  let base = 0;
  trees.forEach((tree, t) => {
    forest.roots[t] = base;
    const used = tree.numNodes;
    forest.feature.set(tree.feature.subarray(0, used), base);
    forest.value.set(tree.value.subarray(0, used), base);
    for (let n = 0; n < used; n++) forest.left[base + n] = tree.left[n] + base;
    forest.leftBins.set(tree.leftBins.subarray(0, used * WORDS_PER_NODE), base * WORDS_PER_NODE);
    base += used;
  });
  return forest;
}

/** Rows per block: a block's bins stay in cache while every tree walks over them. */
const BLOCK_ROWS = 2048;

/**
 * Predicts every row of X: bins the rows with the training mappers, then walks each tree over a
 * block of rows at a time. Trees are added in a fixed order, so results are reproducible to the bit.
 */
export function predictForest(forest: FlatForest, X: FeatureMatrix): Float64Array {
  const n = X.numRows;
  const numFeatures = forest.mappers.length;
  const out = new Float64Array(n).fill(forest.initScore);
  const { roots, feature, value, left, leftBins } = forest;
  // A local copy: an imported binding is read through a getter on every access once compiled
  // to CommonJS, which costs more than the rest of this loop.
  const words = WORDS_PER_NODE;
  for (let blockStart = 0; blockStart < n; blockStart += BLOCK_ROWS) {
    const blockEnd = Math.min(n, blockStart + BLOCK_ROWS);
    const binned = binMatrix(sliceRows(X, blockStart, blockEnd), forest.mappers);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t];
      for (let i = blockStart; i < blockEnd; i++) {
        const rowBase = (i - blockStart) * numFeatures;
        let node = root;
        let f = feature[node];
        while (f >= 0) {
          const bin = binned[rowBase + f];
          // Branch-free step: the left child when the bit is set, else the adjacent right child.
          node = left[node] + 1 - ((leftBins[node * words + (bin >>> 5)] >>> (bin & 31)) & 1);
          f = feature[node];
        }
        out[i] += value[node];
      }
    }
  }
  return out;
}

function sliceRows(X: FeatureMatrix, start: number, end: number): FeatureMatrix {
  return {
    numRows: end - start,
    features: X.features,
    columns: X.columns.map((column) => column.subarray(start, end)),
  };
}
