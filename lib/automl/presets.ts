// Presets: named plans of which models to fit and how, in the manner users know from AutoGluon.
import { z } from 'zod';

export const PRESET_NAMES = [
  'medium_quality',
  'good_quality',
  'high_quality',
  'best_quality',
] as const;
export const PresetSchema = z.enum(PRESET_NAMES).describe('How much accuracy to buy with time.');
export type PresetName = z.infer<typeof PresetSchema>;

/** One model to fit at a stack level: a registered family with fixed settings. */
export interface PlannedModel {
  /** Unique within a predictor: shown on the leaderboard. */
  name: string;
  family: string;
  params: Record<string, unknown>;
}

/** What a preset fits. */
export interface PresetPlan {
  name: PresetName;
  description: string;
  /** 1 = a single holdout split; k >= 2 = k-fold bagging with out-of-fold scoring. */
  folds: number;
  /** Models on the features. */
  level1: PlannedModel[];
  /** Models on the features plus level 1's out-of-fold predictions; empty = no stacking. */
  level2: PlannedModel[];
  /**
   * Bagged presets: after scoring out of fold, refit each member the ensemble needs on all rows
   * and predict with that one model instead of the k fold models (k times faster prediction).
   * Holdout presets refit whenever the `refitFull` option is on.
   */
  refitFull: boolean;
}

// Boosted-tree variants differ enough to help an ensemble: larger trees at a lower rate, and trees
// with random thresholds (less variance, more bias), as AutoGluon's LightGBM variants do.
const gbdt: PlannedModel = { name: 'gbdt', family: 'gbdt', params: {} };
const gbdtLarge: PlannedModel = {
  name: 'gbdt_large',
  family: 'gbdt',
  params: { numLeaves: 128, learningRate: 0.03, minSamplesLeaf: 5, featureFraction: 0.8 },
};
const gbdtXt: PlannedModel = {
  name: 'gbdt_xt',
  family: 'gbdt',
  params: { randomThresholds: true, featureFraction: 0.8 },
};
const linear: PlannedModel = { name: 'linear', family: 'linear', params: {} };
const rf: PlannedModel = { name: 'rf', family: 'rf', params: {} };
const xt: PlannedModel = { name: 'xt', family: 'xt', params: {} };
const knnUniform: PlannedModel = {
  name: 'knn_uniform',
  family: 'knn',
  params: { weights: 'uniform' },
};
const knnDistance: PlannedModel = {
  name: 'knn_distance',
  family: 'knn',
  params: { weights: 'distance' },
};
const mlp: PlannedModel = { name: 'mlp', family: 'mlp', params: {} };

/** Every preset's plan. */
export const PRESETS: Record<PresetName, PresetPlan> = {
  medium_quality: {
    name: 'medium_quality',
    description: 'One holdout split and fast models: boosted trees, ridge, forests. Quick to fit.',
    folds: 1,
    level1: [linear, gbdt, rf, xt, knnDistance],
    level2: [],
    refitFull: true,
  },
  good_quality: {
    name: 'good_quality',
    description:
      '5-fold bagging of every family, scored out of fold; the models used are then refitted on all rows for fast prediction.',
    folds: 5,
    level1: [linear, gbdt, gbdtXt, rf, xt, knnUniform, knnDistance, mlp],
    level2: [],
    refitFull: true,
  },
  high_quality: {
    name: 'high_quality',
    description:
      '5-fold bagging plus one stacking level that also sees level 1 predictions; refitted on all rows like good_quality.',
    folds: 5,
    level1: [linear, gbdt, gbdtXt, rf, xt, knnUniform, knnDistance, mlp],
    level2: [gbdt, linear],
    refitFull: true,
  },
  best_quality: {
    name: 'best_quality',
    description:
      '8-fold bagging, more boosted-tree variants, and a stacking level; predicts with every fold model.',
    folds: 8,
    level1: [linear, gbdt, gbdtLarge, gbdtXt, rf, xt, knnUniform, knnDistance, mlp],
    level2: [gbdt, gbdtLarge, linear],
    refitFull: false,
  },
};
