// The forest loop: bin once, then grow each tree from its own seed on its own sample, and average
// the trees in a FlatForest so prediction reuses the boosted trees' fast path.
import { binMatrix, fitBinMappers, type BinMapper } from '../gbdt/binning';
import { flattenTrees, type FlatForest } from '../gbdt/predict';
import type { Tree } from '../gbdt/tree';
import { Random } from '../random';
import type { FeatureMatrix, ProgressCallback } from '../types';
import { growTree } from './grower';
import { GrowScratch, type GrowOptions, type TreeSample } from './scratch';
import type { ForestKind, ForestParams } from './params';

/** Everything every tree of a forest shares; read-only once built, so threads may share it. */
export interface ForestData {
  /** Row-major bins, `numFeatures` per row. */
  binned: Uint8Array;
  numFeatures: number;
  numRows: number;
  mappers: BinMapper[];
  /** Labels minus `labelOffset`, which keeps split scores free of cancellation. */
  centredLabels: Float64Array;
  labelOffset: number;
}

/** Milliseconds spent in each phase of one fit. */
export interface ForestTimings {
  binningMs: number;
  growMs: number;
  flattenMs: number;
}

/** A fitted forest, how many trees it kept and why it stopped. */
export interface ForestResult {
  forest: FlatForest;
  numTrees: number;
  stoppedBy: 'trees' | 'deadline';
  timings: ForestTimings;
}

/** What `trainForest` needs: data, validated options, seed, and the fit context's deadline. */
export interface ForestInput {
  X: FeatureMatrix;
  y: Float64Array;
  kind: ForestKind;
  params: ForestParams;
  seed: number;
  deadlineMs?: number;
  onProgress?: ProgressCallback;
}

/** Bins X and centres y: the one-off work before any tree. */
export function prepareForestData(X: FeatureMatrix, y: Float64Array, maxBins: number): ForestData {
  const mappers = fitBinMappers(X, maxBins);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i];
  const labelOffset = y.length > 0 ? sum / y.length : 0;
  return {
    binned: binMatrix(X, mappers),
    numFeatures: mappers.length,
    numRows: X.numRows,
    mappers,
    centredLabels: Float64Array.from(y, (v) => v - labelOffset),
    labelOffset,
  };
}

/** How the trees of a forest of this kind grow under these options. */
export function growOptions(kind: ForestKind, params: ForestParams, numFeatures: number) {
  const options: GrowOptions = {
    minSamplesLeaf: params.minSamplesLeaf,
    minDataPerGroup: params.minDataPerGroup,
    maxDepth: params.maxDepth,
    featuresPerSplit: Math.max(1, Math.round(params.maxFeatures * numFeatures)),
    randomThresholds: kind === 'xt',
    categoricalAsCodes: params.categoricalSplits === 'codes',
  };
  return options;
}

/**
 * The seed of each tree, drawn in order from the forest's seed: tree t is the same whether the
 * forest has 10 trees or 1,000, and whichever thread grows it.
 */
export function treeSeeds(seed: number, count: number): Uint32Array {
  const rng = new Random(seed);
  return Uint32Array.from({ length: count }, () => rng.nextUint32());
}

/**
 * Fits one tree: a pure function of (data, options, bootstrap, seed), so trees can be grown in
 * any thread and combined in a fixed order. Leaf values are relative to `data.labelOffset`.
 * `scratch` only saves allocation.
 */
export function fitTree(
  data: ForestData,
  options: GrowOptions,
  bootstrap: boolean,
  seed: number,
  scratch = new GrowScratch(data.numRows, data.numFeatures, options.minSamplesLeaf),
): Tree {
  const rng = new Random(seed);
  const sample = drawSample(data, bootstrap, rng, scratch);
  const splitMappers = options.categoricalAsCodes ? data.mappers.map(codeMapper) : data.mappers;
  return growTree(sample, splitMappers, options, rng, scratch);
}

/**
 * How split finding sees a categorical feature split on its codes: a numeric feature whose bin b
 * ends at value b. Its splits are still stored as sets of bins, so prediction is unchanged.
 */
function codeMapper(mapper: BinMapper): BinMapper {
  if (!mapper.categorical) return mapper;
  const upperBounds = Float64Array.from({ length: mapper.numBins }, (_, b) => b);
  upperBounds[mapper.numBins - 1] = Infinity;
  return { categorical: false, numBins: mapper.numBins, upperBounds };
}

/**
 * A bootstrap sample as distinct rows weighted by how often each was drawn (about 63% of rows,
 * so a third less work than copying them), or every row with weight 1. Fills the scratch's
 * sample buffers: fresh ones per tree would make the collector run for their external memory.
 */
function drawSample(
  data: ForestData,
  bootstrap: boolean,
  rng: Random,
  scratch: GrowScratch,
): TreeSample {
  const n = data.numRows;
  const { rows, weight, weightedLabel } = scratch;
  if (bootstrap) {
    weight.fill(0);
    for (let i = 0; i < n; i++) weight[rng.int(n)] += 1;
  } else {
    weight.fill(1);
  }
  let numRows = 0;
  for (let i = 0; i < n; i++) {
    weightedLabel[i] = data.centredLabels[i] * weight[i];
    if (weight[i] > 0) rows[numRows++] = i;
  }
  return {
    binned: data.binned,
    numFeatures: data.numFeatures,
    rows,
    numRows,
    weight,
    weightedLabel,
  };
}

/**
 * Averages trees into one FlatForest: initial score `initScore` (the data's `labelOffset`), leaf
 * values divided by the number of trees, trees added in the order given, so the prediction is the
 * same bits whoever grew them.
 */
export function averageTrees(trees: Tree[], mappers: BinMapper[], initScore: number): FlatForest {
  const forest = flattenTrees(trees, initScore, mappers);
  const scale = 1 / trees.length;
  const { feature, value } = forest;
  for (let node = 0; node < value.length; node++) {
    value[node] = feature[node] < 0 ? value[node] * scale : 0;
  }
  return forest;
}

/** Fits a random forest or extra trees regressor with squared-error splits. */
export function trainForest(input: ForestInput): ForestResult {
  const { params } = input;
  const timings: ForestTimings = { binningMs: 0, growMs: 0, flattenMs: 0 };
  let t0 = performance.now();
  const data = prepareForestData(input.X, input.y, params.maxBins);
  timings.binningMs = performance.now() - t0;

  t0 = performance.now();
  const options = growOptions(input.kind, params, data.numFeatures);
  const seeds = treeSeeds(input.seed, params.numTrees);
  const scratch = new GrowScratch(data.numRows, data.numFeatures, options.minSamplesLeaf);
  const trees: Tree[] = [];
  let stoppedBy: ForestResult['stoppedBy'] = 'trees';
  for (let t = 0; t < params.numTrees; t++) {
    if (t > 0 && input.deadlineMs !== undefined && Date.now() >= input.deadlineMs) {
      stoppedBy = 'deadline';
      break;
    }
    trees.push(fitTree(data, options, params.bootstrap, seeds[t], scratch));
    input.onProgress?.((t + 1) / params.numTrees, `tree ${t + 1} of ${params.numTrees}`);
  }
  timings.growMs = performance.now() - t0;

  t0 = performance.now();
  const forest = averageTrees(trees, data.mappers, data.labelOffset);
  timings.flattenMs = performance.now() - t0;
  return { forest, numTrees: trees.length, stoppedBy, timings };
}
