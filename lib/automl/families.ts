// The registry of model families the orchestration may fit, by name.

import { extraTreesFamily, randomForestFamily } from './forest';
import { gbdtFamily } from './gbdt';
import { knnFamily } from './knn';
import { linearFamily } from './linear';
import { mlpFamily } from './mlp';
import type { ModelFamily } from './types';

/** A registered family and what the planner needs to know about it. */
export interface FamilyEntry {
  // Params differ per family; the registry only passes them through.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  family: ModelFamily<any>;
  /**
   * Fit time relative to the ridge model at default settings, used by the time plan: a family with
   * cost 8 is expected to take eight times as long. Measured on diamonds (34,500 rows × 10
   * columns; ridge 0.6 s, boosted trees 3.6 s, forest 7 s, extra trees 18 s, kNN 3–18 s, MLP
   * 32 s on one thread). Cheap families are fitted first.
   */
  relativeCost: number;
  /**
   * Smallest share of its estimated time worth giving a fit when the time plan runs short
   * (default 0.8). Families that stop gracefully, keeping a useful model (a neural network's
   * best epoch so far), accept less; boosting cut short is much worse than its full fit.
   */
  minShare?: number;
  /**
   * Settings that reproduce a fitted model's tuned choices (penalty, number of trees) for a refit
   * on all labelled rows, read from its artifact params; absent = the family cannot be refitted.
   */
  refitParams?: (params: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Bagging fits the family once on all rows and scores each row with the model that leaves it
   * out (`predictLeaveOneOut`), instead of once per fold: as good an out-of-fold estimate, k times
   * less fitting, and one model to predict with (AutoGluon does the same for its kNN).
   */
  leaveOneOut?: boolean;
}

/** Every family, by the name used in `models` options, the CLI and model files. */
export const FAMILIES: Record<string, FamilyEntry> = {
  linear: {
    family: linearFamily,
    relativeCost: 1,
    refitParams: (params) => ({ lambdas: [numberParam(params, 'lambda')] }),
  },
  gbdt: {
    family: gbdtFamily,
    relativeCost: 6,
    // The rounds early stopping kept, with none held out this time.
    refitParams: (params) => ({
      numRounds: numberParam(params, 'numTrees'),
      earlyStoppingRounds: 0,
    }),
  },
  // kNN "fits" by storing rows and tuning k; its cost is mostly the tuning queries, which grow
  // faster than the rows (k-d tree queries in ten-odd dimensions approach a scan). With one
  // weighting, as the presets give it, 3 s on diamonds; tuning both weightings takes 18 s.
  knn: {
    family: knnFamily,
    relativeCost: 8,
    leaveOneOut: true,
    refitParams: (params) => ({
      kValues: [numberParam(params, 'k')],
      weights: [stringParam(params, 'weighting')],
    }),
  },
  // Extra trees skip the threshold search but train on every row (no bootstrap) and, with random
  // thresholds, grow deeper trees: on diamonds they take 2.5 times the random forest's time.
  xt: {
    family: extraTreesFamily,
    relativeCost: 30,
    refitParams: (params) => ({ numTrees: numberParam(params, 'numTrees') }),
  },
  rf: {
    family: randomForestFamily,
    relativeCost: 12,
    refitParams: (params) => ({ numTrees: numberParam(params, 'numTrees') }),
  },
  // The epochs early stopping kept, on all rows with nothing held out.
  mlp: {
    family: mlpFamily,
    relativeCost: 50,
    minShare: 0.3,
    refitParams: (params) => ({ maxEpochs: numberParam(params, 'bestEpoch'), validFraction: 0 }),
  },
};

/** Names of all registered families, the default for `fit`'s `models` option. */
export function familyNames(): string[] {
  return Object.keys(FAMILIES);
}

/** The entry for `name`; undefined when no such family is registered. */
export function findFamily(name: string): FamilyEntry | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILIES, name) ? FAMILIES[name] : undefined;
}

// A refit without the tuned value would silently fall back to defaults (say, 2,000 trees), so a
// missing one throws, and the caller keeps the holdout model.
function numberParam(params: Record<string, unknown>, name: string): number {
  const value = params[name];
  if (typeof value !== 'number') throw new Error(`fitted model has no numeric '${name}'`);
  return value;
}

function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new Error(`fitted model has no text '${name}'`);
  return value;
}
