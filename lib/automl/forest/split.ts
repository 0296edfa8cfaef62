// Split finding for forest trees: the best (random forest) or a random (extra trees) split of one
// feature in one node, from the node's per-bin sums over the bins that actually occur in it.
//
// A node's statistics for one feature sit in `acc` as (sum of weight * label, sum of weight) pairs
// per bin, from `base`; `bins[0..k)` lists the bins with weight, ascending. Working from that list
// instead of all 256 bins is what keeps the many small nodes of deep trees cheap.
import type { Random } from '../random';
import { numericBin, type BinMapper } from '../gbdt/binning';

/** What split finding needs besides the node's sums. */
export interface SplitContext {
  minSamplesLeaf: number;
  /** Categories lighter than this in a node are pooled: never split apart from each other. */
  minDataPerGroup: number;
  /** Extra trees: one random threshold (or category cut) per feature instead of the best one. */
  randomThresholds: boolean;
  rng: Random;
}

/** Totals of one node: sum of weight * label and sum of weight (rows, bootstrap copies counted). */
export interface NodeSums {
  sum: number;
  weight: number;
}

/**
 * The best split of a node found so far. `score` is sumL²/weightL + sumR²/weightR, which exceeds
 * the node's own sum²/weight by exactly the drop in squared error; -Infinity when none is valid.
 */
export interface ForestSplit {
  score: number;
  feature: number;
  categorical: boolean;
  /** Numeric: the last present bin going left... */
  lowBin: number;
  /** ...and the next present bin (going right), or -1 when only missing values go right. */
  highBin: number;
  /** Numeric: whether missing values (bin 0) go left. */
  defaultLeft: boolean;
  /** Categorical: the bins that go left; bins absent from the node go right. */
  leftBins: number[];
  left: NodeSums;
}

/** A split record with no valid split yet, filled in place by the split functions. */
export function emptySplit(): ForestSplit {
  return {
    score: -Infinity,
    feature: -1,
    categorical: false,
    lowBin: 0,
    highBin: -1,
    defaultLeft: false,
    leftBins: [],
    left: { sum: 0, weight: 0 },
  };
}

/**
 * The threshold bin of a numeric split between present bins `lowBin` and `highBin`: the bin
 * holding the midpoint of the gap, so unseen values in between are shared out by value, as
 * scikit-learn's midpoint thresholds do. With no `highBin`, every value bin goes left.
 */
export function thresholdBin(mapper: BinMapper, lowBin: number, highBin: number): number {
  if (highBin < 0) return mapper.numBins - 1;
  const bounds = mapper.upperBounds;
  const middle = bounds[lowBin] + (bounds[highBin - 1] - bounds[lowBin]) / 2;
  return Math.min(highBin - 1, Math.max(lowBin, numericBin(bounds, middle)));
}

/** Records a candidate numeric split in `best` when it scores higher and both sides are big enough. */
function consider(
  leftSum: number,
  leftWeight: number,
  node: NodeSums,
  ctx: SplitContext,
  best: ForestSplit,
): boolean {
  const rightWeight = node.weight - leftWeight;
  if (leftWeight < ctx.minSamplesLeaf || rightWeight < ctx.minSamplesLeaf) return false;
  const rightSum = node.sum - leftSum;
  const score = (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / rightWeight;
  if (!(score > best.score)) return false;
  best.score = score;
  best.left.sum = leftSum;
  best.left.weight = leftWeight;
  return true;
}

/** Completes a numeric candidate that `consider` accepted. */
function record(
  best: ForestSplit,
  f: number,
  lowBin: number,
  highBin: number,
  hasMissing: boolean,
  missingLeft: boolean,
  node: NodeSums,
): void {
  best.feature = f;
  best.categorical = false;
  best.lowBin = lowBin;
  best.highBin = highBin;
  // With no missing rows here, future missing values follow the heavier side.
  best.defaultLeft = hasMissing ? missingLeft : best.left.weight >= node.weight - best.left.weight;
}

/**
 * Updates `best` with numeric feature f. Missing values (bin 0) are tried on both sides; with
 * none in the node, future missing values follow the heavier side. Returns false when the feature
 * is constant here (fewer than two groups), which scikit-learn does not count as a drawn feature.
 */
export function numericSplit(
  acc: Float64Array,
  base: number,
  bins: Int32Array,
  k: number,
  f: number,
  mapper: BinMapper,
  node: NodeSums,
  ctx: SplitContext,
  best: ForestSplit,
): boolean {
  if (k < 2) return false;
  const hasMissing = bins[0] === 0;
  const first = hasMissing ? 1 : 0;
  const missingSum = hasMissing ? acc[base] : 0;
  const missingWeight = hasMissing ? acc[base + 1] : 0;
  // Extra trees: one threshold drawn uniformly over the node's value range (bin edges stand in
  // for values), then only its two missing-value directions are compared.
  let from = first;
  let to = k - 1;
  if (ctx.randomThresholds && k - first >= 2) {
    const lowest = bins[first];
    const highest = bins[k - 1];
    const lo = mapper.upperBounds[lowest];
    const hi = mapper.upperBounds[highest - 1];
    const drawn = numericBin(mapper.upperBounds, lo + ctx.rng.next() * (hi - lo));
    const t = Math.min(highest - 1, Math.max(lowest, drawn));
    let s = 0;
    let w = 0;
    for (let idx = first; idx < k && bins[idx] <= t; idx++) {
      s += acc[base + 2 * bins[idx]];
      w += acc[base + 2 * bins[idx] + 1];
    }
    if (consider(s, w, node, ctx, best)) record(best, f, t, t + 1, hasMissing, false, node);
    if (hasMissing && consider(s + missingSum, w + missingWeight, node, ctx, best)) {
      record(best, f, t, t + 1, true, true, node);
    }
    return true;
  }
  if (ctx.randomThresholds) from = to; // one value bin: only "missing vs. the rest" remains

  let s = 0;
  let w = 0;
  for (let idx = first; idx < from; idx++) {
    s += acc[base + 2 * bins[idx]];
    w += acc[base + 2 * bins[idx] + 1];
  }
  for (let idx = from; idx <= to; idx++) {
    const b = bins[idx];
    s += acc[base + 2 * b];
    w += acc[base + 2 * b + 1];
    const last = idx === k - 1;
    // After the last value bin only missing values remain on the right.
    if (last && !hasMissing) break;
    const high = last ? -1 : bins[idx + 1];
    if (consider(s, w, node, ctx, best)) record(best, f, b, high, hasMissing, false, node);
    if (hasMissing && !last && consider(s + missingSum, w + missingWeight, node, ctx, best)) {
      record(best, f, b, high, true, true, node);
    }
  }
  return true;
}

/**
 * Updates `best` with categorical feature f. The node's categories (missing included, as bin 0)
 * are ordered by mean label; for squared error the best binary partition is a prefix of that
 * order (Fisher, 1958), so k - 1 candidates replace 2^k subsets. Categories weighing less than
 * `minDataPerGroup` are ordered by their pooled mean and kept on one side together, so a rare
 * level's noise cannot earn a split of its own. Extra trees cut the order at a random allowed
 * place instead. Reorders `bins[0..k)`; `keys` is scratch of 256 numbers.
 */
export function categoricalSplit(
  acc: Float64Array,
  base: number,
  bins: Int32Array,
  k: number,
  f: number,
  keys: Float64Array,
  node: NodeSums,
  ctx: SplitContext,
  best: ForestSplit,
): boolean {
  if (k < 2) return false;
  sortByMean(acc, base, bins, k, keys, ctx.minDataPerGroup);
  const rare = (b: number) => acc[base + 2 * b + 1] < ctx.minDataPerGroup;
  // A cut between two pooled categories would split the pool.
  const allowed = (take: number) => !(rare(bins[take - 1]) && rare(bins[take]));
  let cuts = 0;
  for (let take = 1; take < k; take++) if (allowed(take)) cuts++;
  // Only pooled categories here: one group, as good as constant.
  if (cuts === 0) return false;
  let pick = -1;
  if (ctx.randomThresholds) {
    let nth = ctx.rng.int(cuts);
    for (let take = 1; take < k && pick < 0; take++) {
      if (allowed(take) && nth-- === 0) pick = take;
    }
  }
  let s = 0;
  let w = 0;
  let bestTake = 0;
  for (let take = 1; take < k; take++) {
    const b = bins[take - 1];
    s += acc[base + 2 * b];
    w += acc[base + 2 * b + 1];
    if (pick > 0 ? take !== pick : !allowed(take)) continue;
    if (consider(s, w, node, ctx, best)) bestTake = take;
  }
  // The left set is copied once per feature, not at every improvement: small nodes are many.
  if (bestTake > 0) {
    best.feature = f;
    best.categorical = true;
    best.leftBins = Array.from(bins.subarray(0, bestTake));
    best.defaultLeft = best.leftBins.includes(0);
  }
  return true;
}

/**
 * Insertion sort of bins by mean label, ties by bin: k is small, and stays stable. Bins lighter
 * than `minGroup` all take their pooled mean, so they sort next to each other.
 */
function sortByMean(
  acc: Float64Array,
  base: number,
  bins: Int32Array,
  k: number,
  keys: Float64Array,
  minGroup: number,
): void {
  let rareSum = 0;
  let rareWeight = 0;
  for (let idx = 0; idx < k; idx++) {
    const b = bins[idx];
    if (acc[base + 2 * b + 1] < minGroup) {
      rareSum += acc[base + 2 * b];
      rareWeight += acc[base + 2 * b + 1];
    }
  }
  for (let idx = 0; idx < k; idx++) {
    const b = bins[idx];
    const weight = acc[base + 2 * b + 1];
    keys[idx] = weight < minGroup ? rareSum / rareWeight : acc[base + 2 * b] / weight;
  }
  for (let i = 1; i < k; i++) {
    const b = bins[i];
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      bins[j + 1] = bins[j];
      keys[j + 1] = keys[j];
      j--;
    }
    bins[j + 1] = b;
    keys[j + 1] = key;
  }
}
