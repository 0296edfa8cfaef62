// Which models a fit trains: the preset's plan, filtered by the `models` option, with seeds.
import { findFamily } from './families';
import type { FitSettings } from './options';
import { PRESETS, type PlannedModel } from './presets';
import type { Random } from './random';
import type { ModelSpec } from './trainer';

/** A spec with the seed of its fit. */
export type SeededSpec = ModelSpec & { seed: number };

/** The models of a fit by stack level, and how many folds each is fitted on (1 = holdout). */
export interface ModelPlan {
  folds: number;
  level1: SeededSpec[];
  /** Fitted on the features plus level 1's out-of-fold predictions; empty without stacking. */
  level2: SeededSpec[];
}

/** Suffix of level-2 member names, which would otherwise repeat level-1 names. */
export const LEVEL2_SUFFIX = '_L2';

/**
 * The preset's models whose family is in `models` (all when absent), plus a default-settings
 * model for each listed family the preset lacks, cheap families first so that a tight time limit
 * still leaves a finished model. Stacking needs bagging's out-of-fold rows, so a one-fold preset
 * has no level 2.
 */
export function planModels(settings: FitSettings, random: Random): ModelPlan {
  const preset = PRESETS[settings.preset];
  const wanted = settings.models ? new Set(settings.models) : undefined;
  const pick = (models: PlannedModel[]) =>
    models.filter((model) => wanted === undefined || wanted.has(model.family));
  const level1 = pick(preset.level1);
  for (const family of settings.models ?? []) {
    if (!level1.some((model) => model.family === family)) {
      level1.push({ name: family, family, params: {} });
    }
  }
  const cost = (model: PlannedModel) => findFamily(model.family)?.relativeCost ?? 1;
  level1.sort((a, b) => cost(a) - cost(b));
  const level2 = preset.folds > 1 ? pick(preset.level2).sort((a, b) => cost(a) - cost(b)) : [];
  const seeded = (model: PlannedModel, stackLevel: number): SeededSpec => ({
    name: stackLevel === 1 ? model.name : `${model.name}${LEVEL2_SUFFIX}`,
    family: model.family,
    params: model.params,
    stackLevel,
    seed: random.nextUint32(),
  });
  return {
    folds: preset.folds,
    level1: level1.map((model) => seeded(model, 1)),
    level2: level2.map((model) => seeded(model, 2)),
  };
}
