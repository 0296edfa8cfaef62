// Converts a FlatForest to and from the arrays of a model file, checking every index on the way in
// so a damaged or hostile file cannot make prediction loop or read out of bounds.
import { isArrayOf } from '../arrays';
import { AutoMLError } from '../errors';
import type { ModelArtifact, StoredArray } from '../types';
import type { BinMapper } from './binning';
import type { FlatForest } from './predict';
import { WORDS_PER_NODE } from './tree';

/** The arrays that store a forest, bin mappers included. */
export function forestArrays(forest: FlatForest): Record<string, StoredArray> {
  const { mappers } = forest;
  const boundOffsets = new Int32Array(mappers.length + 1);
  mappers.forEach((m, j) => (boundOffsets[j + 1] = boundOffsets[j] + m.upperBounds.length));
  const bounds = new Float64Array(boundOffsets[mappers.length]);
  mappers.forEach((m, j) => bounds.set(m.upperBounds, boundOffsets[j]));
  return {
    roots: forest.roots,
    feature: forest.feature,
    value: forest.value,
    left: forest.left,
    leftBins: forest.leftBins,
    binCategorical: Uint8Array.from(mappers, (m) => (m.categorical ? 1 : 0)),
    binCounts: Int32Array.from(mappers, (m) => m.numBins),
    boundOffsets,
    bounds,
  };
}

function invalid(detail: string): never {
  throw new AutoMLError('INVALID_MODEL_FILE', `The tree model in this file is damaged: ${detail}.`);
}

function array<T>(artifact: ModelArtifact, name: string, type: { name: string; prototype: T }): T {
  const value = artifact.arrays[name];
  if (!isArrayOf(value, type)) invalid(`array '${name}' is missing or of the wrong type`);
  return value;
}

/** Rebuilds a forest from stored arrays, refusing any inconsistency. */
export function forestFromArtifact(artifact: ModelArtifact): FlatForest {
  const initScore = artifact.params.initScore;
  if (typeof initScore !== 'number' || !Number.isFinite(initScore)) invalid('initScore');
  const binCategorical = array(artifact, 'binCategorical', Uint8Array);
  const binCounts = array(artifact, 'binCounts', Int32Array);
  const boundOffsets = array(artifact, 'boundOffsets', Int32Array);
  const bounds = array(artifact, 'bounds', Float64Array);
  const numFeatures = binCounts.length;
  if (binCategorical.length !== numFeatures || boundOffsets.length !== numFeatures + 1) {
    invalid('bin mapper sizes disagree');
  }
  const mappers: BinMapper[] = Array.from({ length: numFeatures }, (_, j) => {
    const from = boundOffsets[j];
    const to = boundOffsets[j + 1];
    if (!(from >= 0 && from <= to && to <= bounds.length)) invalid(`bin bounds of feature ${j}`);
    if (!(binCounts[j] >= 2 && binCounts[j] <= 256)) invalid(`bin count of feature ${j}`);
    return {
      categorical: binCategorical[j] === 1,
      numBins: binCounts[j],
      upperBounds: bounds.slice(from, to),
    };
  });

  const forest: FlatForest = {
    initScore,
    mappers,
    roots: array(artifact, 'roots', Int32Array),
    feature: array(artifact, 'feature', Int32Array),
    value: array(artifact, 'value', Float64Array),
    left: array(artifact, 'left', Int32Array),
    leftBins: array(artifact, 'leftBins', Uint32Array),
  };
  checkNodes(forest, numFeatures);
  return forest;
}

function checkNodes(forest: FlatForest, numFeatures: number): void {
  const numNodes = forest.feature.length;
  const { roots, feature, left } = forest;
  if (forest.value.length !== numNodes || left.length !== numNodes) {
    invalid('node arrays have different lengths');
  }
  if (forest.leftBins.length !== numNodes * WORDS_PER_NODE) invalid('bin sets have the wrong size');
  for (const root of roots)
    if (!(root >= 0 && root < numNodes)) invalid('a tree root is out of range');
  for (let n = 0; n < numNodes; n++) {
    const f = feature[n];
    if (f === -1) continue;
    // Children always come after their parent, which also rules out cycles.
    if (!(f >= 0 && f < numFeatures)) invalid(`node ${n} tests an unknown feature`);
    if (!(left[n] > n && left[n] + 1 < numNodes)) {
      invalid(`node ${n} has children out of range`);
    }
  }
}
