// The boosted-trees model family: fit, predict, and storage in the model file.
import { parseParams } from '../params';
import type { FeatureMatrix, ModelArtifact, ModelFamily, TrainedModel } from '../types';
import { trainBooster, type BoosterResult } from './booster';
import { gbdtParamsSchema, type GbdtParams } from './params';
import { predictForest, type FlatForest } from './predict';
import { forestArrays, forestFromArtifact } from './serialize';

export type { GbdtParams } from './params';

/** A fitted booster. */
export class GbdtModel implements TrainedModel {
  readonly family = 'gbdt';

  constructor(
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

/** Validates options; an invalid one stops the fit with a message naming it and its limit. */
export function resolveGbdtParams(input: Partial<GbdtParams>): GbdtParams {
  return parseParams('gbdt', gbdtParamsSchema, input);
}

function summary(result: BoosterResult): Record<string, unknown> {
  return {
    numTrees: result.numTrees,
    stoppedBy: result.stoppedBy,
    bestValidationRmse: result.validationCurve.length
      ? Math.min(...result.validationCurve)
      : undefined,
    timingsMs: result.timings,
  };
}

export const gbdtFamily: ModelFamily<GbdtParams> = {
  name: 'gbdt',

  fit(train, valid, params, context) {
    const resolved = resolveGbdtParams(params);
    const result = trainBooster({
      X: train.X,
      y: train.y,
      valid,
      params: resolved,
      seed: context.seed,
      deadlineMs: context.deadlineMs,
      onProgress: context.onProgress,
    });
    return new GbdtModel(result.forest, summary(result));
  },

  fromArtifact(artifact) {
    const { initScore: _, ...info } = artifact.params;
    return new GbdtModel(forestFromArtifact(artifact), info);
  },
};
