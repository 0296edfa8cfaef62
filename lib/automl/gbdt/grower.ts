// Leaf-wise tree growth: repeatedly split the leaf whose best split reduces the loss most, building
// only the smaller child's histogram and deriving the larger one by subtraction.
import type { Random } from '../random';
import type { BinMapper } from './binning';
import {
  buildHistogram,
  buildHistogramAllRows,
  newHistogram,
  subtractHistogram,
  type HistogramLayout,
} from './histogram';
import {
  bestCategoricalSplit,
  bestNumericSplit,
  emptySplit,
  type LeafSums,
  type SplitInfo,
  type SplitOptions,
} from './split';
import { Tree } from './tree';

export interface GrowOptions extends SplitOptions {
  numLeaves: number;
  maxDepth: number;
}

/** Data shared by every tree of one boosting run. */
export interface GrowData {
  /** Row-major bins, `numFeatures` per row. */
  binned: Uint8Array;
  mappers: BinMapper[];
  layout: HistogramLayout;
  /** Indexed by row; squared error, so every hessian is 1. */
  gradients: Float64Array;
  /** The tree grows on every row, and `rows` lists them in order (no row subsampling). */
  allRowsInOrder: boolean;
}

/** A leaf of the tree being grown and the rows `rows[start..end)` that reach it. */
interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  sums: LeafSums;
  /** null once no further split of this leaf is possible (the tree is full). */
  hist: Float64Array | null;
  best: SplitInfo;
}

/** Buffers reused across trees to avoid allocation in the boosting loop. */
export class GrowScratch {
  readonly partitionBuffer: Uint32Array;
  private readonly pool: Float64Array[] = [];

  constructor(
    numRows: number,
    private readonly layout: HistogramLayout,
  ) {
    this.partitionBuffer = new Uint32Array(numRows);
  }

  takeHistogram(): Float64Array {
    return this.pool.pop() ?? newHistogram(this.layout);
  }

  giveBack(hist: Float64Array): void {
    this.pool.push(hist);
  }
}

/** A grown tree and, for each of its leaves, the range of `rows` that reached it. */
export interface GrowResult {
  tree: Tree;
  leafRanges: { node: number; start: number; end: number }[];
}

/**
 * Grows one tree on `rows` (permuted in place so each leaf's rows are contiguous).
 * Leaf values are the Newton step -G / (count + lambda), not yet shrunk by the learning rate.
 */
export function growTree(
  data: GrowData,
  rows: Uint32Array,
  features: Int32Array,
  options: GrowOptions,
  scratch: GrowScratch,
  rng: Random,
): GrowResult {
  const tree = new Tree(options.numLeaves);
  const root = makeRoot(data, rows, features, scratch);
  findBest(data, root, features, options, rng);
  const leaves: Leaf[] = [root];

  while (leaves.length < options.numLeaves) {
    let pick = -1;
    for (let l = 0; l < leaves.length; l++) {
      if (leaves[l].best.gain > 0 && (pick < 0 || leaves[l].best.gain > leaves[pick].best.gain)) {
        pick = l;
      }
    }
    if (pick < 0) break;
    // The split that fills the tree needs no child histograms: nothing will split them.
    const full = leaves.length + 1 === options.numLeaves;
    const [left, right] = splitLeaf(data, tree, leaves[pick], rows, features, scratch, !full);
    leaves[pick] = left;
    if (full) {
      leaves.push(right);
      break;
    }
    leaves.push(right);
    const canSplit = (leaf: Leaf) =>
      (options.maxDepth === 0 || leaf.depth < options.maxDepth) &&
      leaf.sums.count >= 2 * options.minSamplesLeaf;
    for (const child of [left, right]) {
      if (canSplit(child)) findBest(data, child, features, options, rng);
    }
  }

  for (const leaf of leaves) {
    tree.value[leaf.node] = -leaf.sums.gradient / (leaf.sums.count + options.lambdaL2);
    if (leaf.hist) scratch.giveBack(leaf.hist);
  }
  return {
    tree,
    leafRanges: leaves.map(({ node, start, end }) => ({ node, start, end })),
  };
}

function makeRoot(
  data: GrowData,
  rows: Uint32Array,
  features: Int32Array,
  scratch: GrowScratch,
): Leaf {
  let gradient = 0;
  for (let i = 0; i < rows.length; i++) gradient += data.gradients[rows[i]];
  const root = newLeaf(0, 0, rows.length, 0, { gradient, count: rows.length });
  if (data.allRowsInOrder) {
    root.hist = scratch.takeHistogram();
    buildHistogramAllRows(root.hist, data.layout, features, data.binned, data.gradients);
  } else {
    root.hist = histogramOf(data, rows, root, features, scratch);
  }
  return root;
}

function newLeaf(node: number, start: number, end: number, depth: number, sums: LeafSums): Leaf {
  return { node, start, end, depth, sums, hist: null, best: emptySplit() };
}

function histogramOf(
  data: GrowData,
  rows: Uint32Array,
  leaf: Leaf,
  features: Int32Array,
  scratch: GrowScratch,
): Float64Array {
  const hist = scratch.takeHistogram();
  buildHistogram(
    hist,
    data.layout,
    features,
    data.binned,
    rows,
    leaf.start,
    leaf.end,
    data.gradients,
  );
  return hist;
}

function findBest(
  data: GrowData,
  leaf: Leaf,
  features: Int32Array,
  options: SplitOptions,
  rng: Random,
): void {
  for (let a = 0; a < features.length; a++) {
    const f = features[a];
    if (data.mappers[f].categorical) {
      bestCategoricalSplit(leaf.hist!, data.layout, f, leaf.sums, options, leaf.best);
    } else {
      bestNumericSplit(leaf.hist!, data.layout, f, leaf.sums, options, rng, leaf.best);
    }
  }
}

function splitLeaf(
  data: GrowData,
  tree: Tree,
  leaf: Leaf,
  rows: Uint32Array,
  features: Int32Array,
  scratch: GrowScratch,
  needHistograms: boolean,
): [Leaf, Leaf] {
  const best = leaf.best;
  const f = best.feature;
  const [leftNode, rightNode] = best.categorical
    ? tree.splitCategorical(leaf.node, f, best.leftBins)
    : tree.splitNumeric(leaf.node, f, best.thresholdBin, best.defaultLeft);

  const mid = partition(tree, leaf.node, data, f, rows, leaf.start, leaf.end, scratch);
  const depth = leaf.depth + 1;
  const left = newLeaf(leftNode, leaf.start, mid, depth, {
    gradient: best.leftGradient,
    count: best.leftCount,
  });
  const right = newLeaf(rightNode, mid, leaf.end, depth, {
    gradient: leaf.sums.gradient - best.leftGradient,
    count: leaf.sums.count - best.leftCount,
  });
  const parentHist = leaf.hist!;
  if (!needHistograms) {
    scratch.giveBack(parentHist);
    return [left, right];
  }
  // Build the smaller child from its rows; the parent's histogram becomes the larger child's.
  const [small, large] = mid - leaf.start <= leaf.end - mid ? [left, right] : [right, left];
  small.hist = histogramOf(data, rows, small, features, scratch);
  subtractHistogram(parentHist, small.hist, data.layout, features);
  large.hist = parentHist;
  return [left, right];
}

/** Stable partition of rows[start..end) by the node's rule; returns the first right position. */
function partition(
  tree: Tree,
  node: number,
  data: GrowData,
  f: number,
  rows: Uint32Array,
  start: number,
  end: number,
  scratch: GrowScratch,
): number {
  const buffer = scratch.partitionBuffer;
  const binned = data.binned;
  const numFeatures = data.mappers.length;
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    if (tree.goesLeft(node, binned[row * numFeatures + f])) rows[l++] = row;
    else buffer[r++] = row;
  }
  rows.set(buffer.subarray(0, r), l);
  return l;
}
