// The k-nearest-neighbours family: a k-d tree over standardised training rows, k chosen on validation.

import { AutoMLError } from '../errors';
import type { FeatureMatrix, ModelArtifact, ModelFamily, TrainedModel } from '../types';
import {
  categoricalColumns,
  denseDesign,
  fitLayout,
  layoutArrays,
  layoutFromArrays,
  storedArray,
  type LinearLayout,
} from './design';
import { buildKdTree, nearest, neighbourBuffer, queryOrder, type KdTree } from './kdtree';
import { resolveKnnParams, type KnnParams, type Weighting } from './params';
import { chooseNeighbours, neighbourMean, type TuneResult } from './tune';

export { knnParamsSchema, resolveKnnParams, type KnnParams } from './params';

/** What a fitted kNN model needs besides its training rows. */
export interface KnnSettings {
  k: number;
  weighting: Weighting;
  leafSize: number;
}

/**
 * A fitted kNN regressor. Holds the training design (numRows × width Float32Array, row-major, with
 * one-hot columns already scaled for the distance) and labels; the k-d tree is rebuilt on load.
 */
export class KnnModel implements TrainedModel {
  readonly family = 'knn';
  private readonly tree: KdTree;

  constructor(
    readonly layout: LinearLayout,
    readonly columnScale: Float64Array,
    readonly design: Float32Array,
    readonly y: Float64Array,
    readonly settings: KnnSettings,
    readonly info: Record<string, unknown> = {},
  ) {
    this.tree = buildKdTree(design, y.length, layout.width, settings.leafSize);
  }

  predict(X: FeatureMatrix): Float64Array {
    const dims = this.layout.width;
    const queries = denseDesign(this.layout, X, this.columnScale);
    const found = neighbourBuffer(this.settings.k);
    const out = new Float64Array(X.numRows);
    for (const i of queryOrder(this.tree, queries, X.numRows)) {
      nearest(this.tree, queries.subarray(i * dims, (i + 1) * dims), found);
      out[i] = neighbourMean(this.y, found, this.settings.k, this.settings.weighting);
    }
    return out;
  }

  /** Each training row's estimate from its k nearest other rows (itself left out by index). */
  predictLeaveOneOut(): Float64Array {
    const dims = this.layout.width;
    const found = neighbourBuffer(this.settings.k);
    const out = new Float64Array(this.y.length);
    for (let i = 0; i < this.y.length; i++) {
      nearest(this.tree, this.design.subarray(i * dims, (i + 1) * dims), found, i);
      out[i] = neighbourMean(this.y, found, this.settings.k, this.settings.weighting);
    }
    return out;
  }

  toArtifact(): ModelArtifact {
    return {
      family: this.family,
      params: { ...this.info, ...this.settings, width: this.layout.width },
      arrays: {
        ...layoutArrays(this.layout),
        columnScale: this.columnScale,
        design: this.design,
        y: this.y,
      },
    };
  }
}

// One-hot values of s give a mismatch a squared distance of 2·s², so s = √(weight / 2).
function distanceScale(layout: LinearLayout, categoricalWeight: number): Float64Array {
  const flags = categoricalColumns(layout);
  const oneHot = Math.sqrt(categoricalWeight / 2);
  return Float64Array.from(flags, (flag) => (flag ? oneHot : 1));
}

// JSON-safe: the RMSE is left out when nothing was scored (a single candidate).
function describe(tuned: TuneResult, source: string): Record<string, unknown> {
  const chosen = tuned.rmse.find((c) => c.k === tuned.k && c.weighting === tuned.weighting);
  return {
    tunedOn: tuned.scoredRows > 0 ? source : 'none',
    tuneRows: tuned.scoredRows,
    validationRmse: tuned.scoredRows > 0 ? chosen?.rmse : undefined,
  };
}

/**
 * k-nearest-neighbours regression on standardised, mean-imputed numerics (plus missing
 * indicators) and one-hot categoricals. k and the weighting are chosen on the validation rows, or
 * by leave-one-out on training rows when there are none.
 */
export const knnFamily: ModelFamily<KnnParams> = {
  name: 'knn',

  fit(train, valid, params, context) {
    const settings = resolveKnnParams(params);
    context.onProgress?.(0, 'knn: building the search tree');
    const layout = fitLayout(train.X, settings.maxLevels);
    const columnScale = distanceScale(layout, settings.categoricalWeight);
    const design = denseDesign(layout, train.X, columnScale);
    const y = Float64Array.from(train.y);
    const tree = buildKdTree(design, y.length, layout.width, settings.leafSize);
    const tuneRows = valid
      ? { design: denseDesign(layout, valid.X, columnScale), y: valid.y, leaveOneOut: false }
      : { design, y, leaveOneOut: true };
    const tuned = chooseNeighbours(tree, y, tuneRows, {
      kValues: settings.kValues,
      weights: settings.weights,
      maxRows: settings.maxTuneRows,
      seed: context.seed,
      deadlineMs: context.deadlineMs,
      onProgress: (fraction) => context.onProgress?.(0.1 + 0.9 * fraction, 'knn: choosing k'),
    });
    context.onProgress?.(1, 'knn: done');
    const chosen = { k: tuned.k, weighting: tuned.weighting, leafSize: settings.leafSize };
    const source = valid ? 'validation' : 'leave-one-out';
    return new KnnModel(layout, columnScale, design, y, chosen, describe(tuned, source));
  },

  fromArtifact(artifact) {
    const { k, weighting, leafSize, width, ...info } = artifact.params;
    if (!Number.isInteger(k) || !Number.isInteger(leafSize)) {
      throw new AutoMLError('INVALID_MODEL_FILE', 'knn model: k or leafSize missing');
    }
    if (weighting !== 'uniform' && weighting !== 'distance') {
      throw new AutoMLError('INVALID_MODEL_FILE', `knn model: unknown weighting ${weighting}`);
    }
    const layout = layoutFromArrays(artifact.arrays, width, 'knn');
    const a = artifact.arrays;
    const y = storedArray(a, 'y', Float64Array, 'knn');
    const design = storedArray(a, 'design', Float32Array, 'knn', y.length * layout.width);
    const columnScale = storedArray(a, 'columnScale', Float64Array, 'knn', layout.width);
    const settings: KnnSettings = { k: k as number, weighting, leafSize: leafSize as number };
    return new KnnModel(layout, columnScale, design, y, settings, info);
  },
};
