// Split finding: the best threshold (numeric) or category set (categorical) of one feature in one
// leaf, from the leaf's histogram, including the learned direction for missing values.
import type { Random } from '../random';
import type { HistogramLayout } from './histogram';

/** Options split finding needs (a subset of GbdtParams). */
export interface SplitOptions {
  lambdaL2: number;
  minSamplesLeaf: number;
  minGain: number;
  catSmooth: number;
  catL2: number;
  maxCatThreshold: number;
  minDataPerGroup: number;
  randomThresholds: boolean;
}

/** The best split of a leaf found so far; `gain` is -Infinity when none is valid. */
export interface SplitInfo {
  gain: number;
  feature: number;
  /** Numeric: bins 1..thresholdBin go left. */
  thresholdBin: number;
  /** Numeric: whether missing values (bin 0) go left. */
  defaultLeft: boolean;
  categorical: boolean;
  /** Categorical: the bins that go left (bin 0 = missing, bin 1 = other/unseen). */
  leftBins: number[];
  leftGradient: number;
  leftCount: number;
}

export function emptySplit(): SplitInfo {
  return {
    gain: -Infinity,
    feature: -1,
    thresholdBin: 0,
    defaultLeft: false,
    categorical: false,
    leftBins: [],
    leftGradient: 0,
    leftCount: 0,
  };
}

/** Sums of one leaf. With squared error the hessian sum equals `count`. */
export interface LeafSums {
  gradient: number;
  count: number;
}

/** Loss reduction of a leaf holding these sums, up to constants: G² / (H + lambda). */
function objective(gradient: number, hessian: number, lambda: number): number {
  return (gradient * gradient) / (hessian + lambda);
}

/** Updates `best` when feature f of this leaf has a better numeric split. */
export function bestNumericSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  f: number,
  sums: LeafSums,
  options: SplitOptions,
  rng: Random,
  best: SplitInfo,
): void {
  const base = 2 * layout.offsets[f];
  const numBins = layout.numBins[f];
  if (numBins < 3) return;
  const missingG = hist[base];
  const missingC = hist[base + 1];
  const lambda = options.lambdaL2;
  const parentScore = objective(sums.gradient, sums.count, lambda);
  const minCount = options.minSamplesLeaf;
  // With no missing rows here, future missing values go to the side holding more rows.
  const passes = missingC > 0 ? 2 : 1;
  const onlyBin = options.randomThresholds ? 1 + rng.int(numBins - 2) : -1;

  let g = 0;
  let c = 0;
  for (let t = 1; t < numBins - 1; t++) {
    const k = base + 2 * t;
    g += hist[k];
    c += hist[k + 1];
    if (onlyBin > 0 ? t !== onlyBin : hist[k + 1] === 0) continue;
    for (let pass = 0; pass < passes; pass++) {
      const missingLeft = pass === 1;
      const lg = missingLeft ? g + missingG : g;
      const lc = missingLeft ? c + missingC : c;
      const rc = sums.count - lc;
      if (lc < minCount || rc < minCount) continue;
      const gain =
        objective(lg, lc, lambda) + objective(sums.gradient - lg, rc, lambda) - parentScore;
      if (gain > best.gain && gain > options.minGain) {
        best.gain = gain;
        best.feature = f;
        best.thresholdBin = t;
        best.defaultLeft = passes === 2 ? missingLeft : lc >= rc;
        best.categorical = false;
        best.leftGradient = lg;
        best.leftCount = lc;
      }
    }
  }
}

/**
 * Updates `best` when feature f has a better categorical split. Categories with enough rows are
 * ordered by gradient / (count + catSmooth) and every prefix of that order, from either end, is a
 * candidate left set: near-optimal for squared error without trying all 2^k subsets. Categories
 * with too few rows, and levels unseen in this leaf, go right.
 */
export function bestCategoricalSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  f: number,
  sums: LeafSums,
  options: SplitOptions,
  best: SplitInfo,
): void {
  const base = 2 * layout.offsets[f];
  const numBins = layout.numBins[f];
  const used: number[] = [];
  for (let b = 0; b < numBins; b++) {
    if (hist[base + 2 * b + 1] >= options.minDataPerGroup) used.push(b);
  }
  if (used.length < 2) return;
  const score = (b: number) => hist[base + 2 * b] / (hist[base + 2 * b + 1] + options.catSmooth);
  used.sort((a, b) => score(a) - score(b) || a - b);

  const lambda = options.lambdaL2 + options.catL2;
  const parentScore = objective(sums.gradient, sums.count, lambda);
  const maxTake = Math.min(options.maxCatThreshold, used.length - 1);
  for (let direction = 0; direction < 2; direction++) {
    let g = 0;
    let c = 0;
    for (let take = 1; take <= maxTake; take++) {
      const b = direction === 0 ? used[take - 1] : used[used.length - take];
      g += hist[base + 2 * b];
      c += hist[base + 2 * b + 1];
      const rc = sums.count - c;
      if (c < options.minSamplesLeaf || rc < options.minSamplesLeaf) continue;
      const gain = objective(g, c, lambda) + objective(sums.gradient - g, rc, lambda) - parentScore;
      if (gain > best.gain && gain > options.minGain) {
        best.gain = gain;
        best.feature = f;
        best.categorical = true;
        best.leftBins = direction === 0 ? used.slice(0, take) : used.slice(used.length - take);
        best.defaultLeft = best.leftBins.includes(0);
        best.leftGradient = g;
        best.leftCount = c;
      }
    }
  }
}
