// The boosting loop: squared-error gradient boosting over histogram trees, with row and feature
// subsampling, early stopping on a validation set, and a wall-clock deadline.
import { Random } from '../random';
import type { FeatureMatrix, ProgressCallback } from '../types';
import { binMatrix, fitBinMappers, type BinMapper } from './binning';
import { GrowScratch, growTree, type GrowData } from './grower';
import { histogramLayout } from './histogram';
import type { GbdtParams } from './params';
import { flattenTrees, type FlatForest } from './predict';
import type { Tree } from './tree';

/** Milliseconds spent in each phase of one fit. */
export interface GbdtTimings {
  binningMs: number;
  growMs: number;
  updateMs: number;
}

export interface BoosterResult {
  forest: FlatForest;
  mappers: BinMapper[];
  /** Rounds kept (the best validation round when early stopping ran). */
  numTrees: number;
  /** Validation RMSE after each round; empty without validation data. */
  validationCurve: number[];
  stoppedBy: 'rounds' | 'early-stopping' | 'deadline';
  timings: GbdtTimings;
}

export interface BoosterInput {
  X: FeatureMatrix;
  y: Float64Array;
  valid?: { X: FeatureMatrix; y: Float64Array };
  params: GbdtParams;
  seed: number;
  deadlineMs?: number;
  onProgress?: ProgressCallback;
}

/** Fits a boosted-tree regressor with squared-error loss. */
export function trainBooster(input: BoosterInput): BoosterResult {
  const { X, y, valid, params } = input;
  const rng = new Random(input.seed);
  const timings: GbdtTimings = { binningMs: 0, growMs: 0, updateMs: 0 };

  let t0 = performance.now();
  const mappers = fitBinMappers(X, params.maxBins);
  const binned = binMatrix(X, mappers);
  const validBinned = valid ? binMatrix(valid.X, mappers) : undefined;
  const layout = histogramLayout(mappers.map((m) => m.numBins));
  timings.binningMs = performance.now() - t0;

  const n = X.numRows;
  const initScore = mean(y);
  const predictions = new Float64Array(n).fill(initScore);
  const validPredictions = valid ? new Float64Array(valid.X.numRows).fill(initScore) : undefined;
  const gradients = new Float64Array(n);
  const useAllRows = params.baggingFraction >= 1;
  const data: GrowData = { binned, mappers, layout, gradients, allRowsInOrder: useAllRows };
  const scratch = new GrowScratch(n, layout);
  const allRows = new Uint32Array(n).map((_, i) => i);
  const rows = new Uint32Array(n);

  const trees: Tree[] = [];
  const curve: number[] = [];
  let bestRound = 0;
  let bestScore = Infinity;
  let stoppedBy: BoosterResult['stoppedBy'] = 'rounds';

  for (let round = 0; round < params.numRounds; round++) {
    if (input.deadlineMs !== undefined && Date.now() >= input.deadlineMs && round > 0) {
      stoppedBy = 'deadline';
      break;
    }
    for (let i = 0; i < n; i++) gradients[i] = predictions[i] - y[i];
    const numRows = useAllRows ? n : sampleRows(rng, n, params.baggingFraction, rows);
    if (useAllRows) rows.set(allRows);
    const features = sampleFeatures(rng, X.features.length, params.featureFraction);

    t0 = performance.now();
    const bagRows = rows.subarray(0, numRows);
    const { tree, leafRanges } = growTree(data, bagRows, features, params, scratch, rng);
    for (let node = 0; node < tree.numNodes; node++) tree.value[node] *= params.learningRate;
    trees.push(tree);
    timings.growMs += performance.now() - t0;

    t0 = performance.now();
    if (useAllRows) {
      for (const { node, start, end } of leafRanges) {
        const v = tree.value[node];
        for (let k = start; k < end; k++) predictions[bagRows[k]] += v;
      }
    } else {
      addTree(tree, binned, mappers.length, predictions);
    }
    if (valid && validBinned && validPredictions) {
      addTree(tree, validBinned, mappers.length, validPredictions);
      const score = rmse(validPredictions, valid.y);
      curve.push(score);
      if (score < bestScore) {
        bestScore = score;
        bestRound = round + 1;
      } else if (
        params.earlyStoppingRounds > 0 &&
        round + 1 - bestRound >= params.earlyStoppingRounds
      ) {
        stoppedBy = 'early-stopping';
        timings.updateMs += performance.now() - t0;
        break;
      }
    }
    timings.updateMs += performance.now() - t0;
    if (input.onProgress && round % 10 === 0) {
      input.onProgress(round / params.numRounds, `boosting round ${round + 1}`);
    }
  }

  const kept = valid ? Math.max(1, bestRound) : trees.length;
  const forest = flattenTrees(trees.slice(0, kept), initScore, mappers);
  return { forest, mappers, numTrees: kept, validationCurve: curve, stoppedBy, timings };
}

function addTree(
  tree: Tree,
  binned: Uint8Array,
  numFeatures: number,
  predictions: Float64Array,
): void {
  for (let i = 0; i < predictions.length; i++) {
    predictions[i] += tree.value[tree.leafOf(binned, numFeatures, i)];
  }
}

/** Draws round(fraction * n) distinct rows into `out` (sorted, for cache-friendly access). */
function sampleRows(rng: Random, n: number, fraction: number, out: Uint32Array): number {
  const target = Math.max(1, Math.round(fraction * n));
  let taken = 0;
  // Selection sampling keeps rows in order and needs no extra memory.
  for (let i = 0; i < n && taken < target; i++) {
    if (rng.next() * (n - i) < target - taken) out[taken++] = i;
  }
  return taken;
}

function sampleFeatures(rng: Random, numFeatures: number, fraction: number): Int32Array {
  const all = Int32Array.from({ length: numFeatures }, (_, j) => j);
  if (fraction >= 1) return all;
  const count = Math.max(1, Math.round(fraction * numFeatures));
  rng.shuffle(all);
  return all.subarray(0, count).sort();
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : 0;
}

export function rmse(predictions: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = predictions[i] - y[i];
    sum += d * d;
  }
  return Math.sqrt(sum / y.length);
}
