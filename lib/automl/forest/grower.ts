// Depth-first growth of one deep regression tree for a forest, on binned data: each node takes the
// best (or, for extra trees, a random) split among features drawn for it, until leaves are pure,
// too small, or at the depth limit.
import type { BinMapper } from '../gbdt/binning';
import { Tree, WORDS_PER_NODE } from '../gbdt/tree';
import type { Random } from '../random';
import * as histogram from './histogram';
import { findSplit, type NodeToSplit } from './node-split';
import type { GrowOptions, GrowScratch, TreeSample } from './scratch';
import { thresholdBin, type ForestSplit, type NodeSums, type SplitContext } from './split';

// A local binding: compiled to CommonJS, each use of a named import is a getter call.
const { buildHistogram, subtractHistogram } = histogram;

/**
 * Nodes with at least this many rows keep a full histogram for the subtraction trick; smaller
 * ones sum their own rows per feature, which is cheaper than clearing and scanning 256 bins.
 */
const LARGE_NODE_ROWS = 512;

/** A split must cut squared error by more than this share of its score: rounding, not signal. */
const RELATIVE_MIN_GAIN = 1e-12;

/** A node waiting to be split: its tree node, depth, rows and sums. */
interface PendingNode extends NodeToSplit {
  node: number;
  depth: number;
}

/**
 * Grows one tree on `sample` (whose `rows` it reorders) and returns it compacted to its size.
 * Leaf values are weighted means of the sample's labels, which arrive centred on the forest's
 * initial score: small numbers, so averaging many trees rounds less.
 */
export function growTree(
  sample: TreeSample,
  mappers: BinMapper[],
  options: GrowOptions,
  rng: Random,
  scratch: GrowScratch,
): Tree {
  const tree = scratch.tree;
  const ctx: SplitContext = {
    minSamplesLeaf: options.minSamplesLeaf,
    minDataPerGroup: options.minDataPerGroup,
    randomThresholds: options.randomThresholds,
    rng,
  };
  // Every tree draws features from the same starting order, so it never depends on the last one.
  scratch.featureOrder.forEach((_, j, order) => (order[j] = j));
  const stack: PendingNode[] = [rootNode(sample, scratch)];

  while (stack.length > 0) {
    const pending = stack.pop() as PendingNode;
    const best = canSplit(pending, options)
      ? findSplit(sample, mappers, pending, options, ctx, scratch)
      : null;
    const gain = best ? best.score - parentScore(pending.sums) : 0;
    if (!best || !(gain > RELATIVE_MIN_GAIN * best.score)) {
      tree.value[pending.node] = pending.sums.sum / pending.sums.weight;
      scratch.giveBack(pending.hist);
      continue;
    }
    const [left, right] = splitNode(sample, mappers, tree, pending, best, scratch);
    // Right first onto the stack, so the left subtree is grown first: node order is depth-first.
    stack.push(right, left);
  }
  return compactTree(tree);
}

function rootNode(sample: TreeSample, scratch: GrowScratch): PendingNode {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < sample.numRows; i++) {
    sum += sample.weightedLabel[sample.rows[i]];
    weight += sample.weight[sample.rows[i]];
  }
  let hist: Float64Array | null = null;
  if (sample.numRows >= LARGE_NODE_ROWS) {
    hist = scratch.takeHistogram();
    buildHistogram(hist, sample, 0, sample.numRows);
  }
  return { node: 0, start: 0, end: sample.numRows, depth: 0, sums: { sum, weight }, hist };
}

function canSplit(pending: PendingNode, options: GrowOptions): boolean {
  return (
    pending.end - pending.start >= 2 &&
    pending.sums.weight >= 2 * options.minSamplesLeaf &&
    (options.maxDepth === 0 || pending.depth < options.maxDepth)
  );
}

function parentScore(sums: NodeSums): number {
  return (sums.sum * sums.sum) / sums.weight;
}

/** Applies `best` to the tree, partitions the node's rows and prepares both children. */
function splitNode(
  sample: TreeSample,
  mappers: BinMapper[],
  tree: Tree,
  pending: PendingNode,
  best: ForestSplit,
  scratch: GrowScratch,
): [PendingNode, PendingNode] {
  const f = best.feature;
  const [leftNode, rightNode] = best.categorical
    ? tree.splitCategorical(pending.node, f, best.leftBins)
    : tree.splitNumeric(
        pending.node,
        f,
        thresholdBin(mappers[f], best.lowBin, best.highBin),
        best.defaultLeft,
      );
  const mid = partition(sample, tree, pending, f, scratch.partitionBuffer);
  const depth = pending.depth + 1;
  const leftSums = { sum: best.left.sum, weight: best.left.weight };
  const rightSums = {
    sum: pending.sums.sum - best.left.sum,
    weight: pending.sums.weight - best.left.weight,
  };
  const left: PendingNode = {
    node: leftNode,
    start: pending.start,
    end: mid,
    depth,
    sums: leftSums,
    hist: null,
  };
  const right: PendingNode = {
    node: rightNode,
    start: mid,
    end: pending.end,
    depth,
    sums: rightSums,
    hist: null,
  };
  if (pending.hist) shareHistograms(sample, pending.hist, left, right, scratch);
  return [left, right];
}

/**
 * Gives large children their histograms: the smaller child's is built from its rows, the larger
 * one's is the parent's minus it. Small children get none.
 */
function shareHistograms(
  sample: TreeSample,
  parentHist: Float64Array,
  left: PendingNode,
  right: PendingNode,
  scratch: GrowScratch,
): void {
  const leftIsSmaller = left.end - left.start <= right.end - right.start;
  const smaller = leftIsSmaller ? left : right;
  const larger = leftIsSmaller ? right : left;
  if (larger.end - larger.start < LARGE_NODE_ROWS) {
    scratch.giveBack(parentHist);
    return;
  }
  const hist = scratch.takeHistogram();
  buildHistogram(hist, sample, smaller.start, smaller.end);
  subtractHistogram(parentHist, hist);
  larger.hist = parentHist;
  if (smaller.end - smaller.start >= LARGE_NODE_ROWS) smaller.hist = hist;
  else scratch.giveBack(hist);
}

/** Stable partition of the node's rows by its rule; returns the first right position. */
function partition(
  sample: TreeSample,
  tree: Tree,
  pending: PendingNode,
  f: number,
  buffer: Uint32Array,
): number {
  const { rows, binned, numFeatures } = sample;
  let l = pending.start;
  let r = 0;
  for (let i = pending.start; i < pending.end; i++) {
    const row = rows[i];
    if (tree.goesLeft(pending.node, binned[row * numFeatures + f])) rows[l++] = row;
    else buffer[r++] = row;
  }
  // A plain loop: set(subarray(...)) allocates a view per node, which deep trees pay for in GC.
  for (let k = 0; k < r; k++) rows[l + k] = buffer[k];
  return l;
}

/** Copies the grown nodes into a tree of exactly their size and resets the scratch tree. */
function compactTree(grown: Tree): Tree {
  const n = grown.numNodes;
  const out = new Tree((n + 1) / 2);
  out.numNodes = n;
  out.feature.set(grown.feature.subarray(0, n));
  out.value.set(grown.value.subarray(0, n));
  out.left.set(grown.left.subarray(0, n));
  out.right.set(grown.right.subarray(0, n));
  out.leftBins.set(grown.leftBins.subarray(0, n * WORDS_PER_NODE));
  grown.feature.fill(-1, 0, n);
  grown.value.fill(0, 0, n);
  grown.leftBins.fill(0, 0, n * WORDS_PER_NODE);
  grown.numNodes = 1;
  return out;
}
