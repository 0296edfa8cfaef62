// The random forest ('rf') and extra trees ('xt') model families: fit, predict, and storage in the
// model file, sharing the boosted trees' binning, flat prediction and serialisation.
import { predictForest, type FlatForest } from '../gbdt/predict';
import { forestArrays, forestFromArtifact } from '../gbdt/serialize';
import type { FeatureMatrix, ModelArtifact, ModelFamily, TrainedModel } from '../types';
import { resolveForestParams, type ForestKind, type ForestParams } from './params';
import { trainForest, type ForestResult } from './train';

export {
  extraTreesParamsSchema,
  randomForestParamsSchema,
  resolveForestParams,
  type ForestKind,
  type ForestParams,
} from './params';
// The per-tree pieces, for fitting trees in worker threads.
export { fitTree, prepareForestData, treeSeeds, averageTrees, growOptions } from './train';

/** A fitted forest: the average of its trees, stored as one FlatForest. */
export class ForestModel implements TrainedModel {
  constructor(
    readonly family: ForestKind,
    readonly forest: FlatForest,
    readonly info: Record<string, unknown> = {},
  ) {}

  predict(X: FeatureMatrix): Float64Array {
    return predictForest(this.forest, X);
  }

  toArtifact(): ModelArtifact {
    return {
      family: this.family,
      params: { initScore: this.forest.initScore, ...this.info },
      arrays: forestArrays(this.forest),
    };
  }
}

function summary(result: ForestResult): Record<string, unknown> {
  return { numTrees: result.numTrees, stoppedBy: result.stoppedBy, timingsMs: result.timings };
}

function forestFamily(kind: ForestKind): ModelFamily<ForestParams> {
  return {
    name: kind,

    // Forests need no validation data: averaging, not early stopping, controls overfitting.
    fit(train, _valid, params, context) {
      const result = trainForest({
        X: train.X,
        y: train.y,
        kind,
        params: resolveForestParams(kind, params),
        seed: context.seed,
        deadlineMs: context.deadlineMs,
        onProgress: context.onProgress,
      });
      return new ForestModel(kind, result.forest, summary(result));
    },

    fromArtifact(artifact) {
      const { initScore: _, ...info } = artifact.params;
      return new ForestModel(kind, forestFromArtifact(artifact), info);
    },
  };
}

/**
 * Random forest regression (Breiman): deep trees on bootstrap samples, the best split of each
 * drawn feature, averaged. Defaults follow scikit-learn: 100 trees, all features, leaves of 1.
 */
export const randomForestFamily: ModelFamily<ForestParams> = forestFamily('rf');

/**
 * Extra trees regression (Geurts et al., 2006): deep trees on all rows, one random threshold per
 * drawn feature, averaged. Faster to grow than a random forest and often as accurate.
 */
export const extraTreesFamily: ModelFamily<ForestParams> = forestFamily('xt');
