// The linear model family: ridge regression with its penalty chosen on validation data.

import { isArrayOf } from '../arrays';
import { AutoMLError } from '../errors';
import type { FeatureMatrix, ModelArtifact, ModelFamily, TrainedModel } from '../types';
import { fitLayout, type LinearLayout } from './design';
import { resolveLinearParams, type LinearParams } from './params';
import {
  choosePenalty,
  normalEquations,
  predictRidge,
  solveRidge,
  type RidgeSolution,
} from './ridge';

export { linearParamsSchema, type LinearParams } from './params';

const LAYOUT_ARRAYS = [
  'numericIndex',
  'means',
  'scales',
  'valueColumn',
  'indicatorColumn',
  'categoricalIndex',
  'blockStart',
  'blockLevels',
  'blockMissingColumn',
] as const;

/** A fitted ridge model: the design layout, the coefficients and the chosen penalty. */
export class LinearModel implements TrainedModel {
  readonly family = 'linear';

  constructor(
    readonly layout: LinearLayout,
    readonly solution: RidgeSolution,
    readonly lambda: number,
  ) {}

  predict(X: FeatureMatrix): Float64Array {
    return predictRidge(this.layout, this.solution, X);
  }

  toArtifact(): ModelArtifact {
    const arrays: ModelArtifact['arrays'] = { coef: this.solution.coef };
    for (const name of LAYOUT_ARRAYS) arrays[name] = this.layout[name];
    return {
      family: this.family,
      params: { lambda: this.lambda, intercept: this.solution.intercept, width: this.layout.width },
      arrays,
    };
  }
}

/** Ridge regression on standardised numerics and one-hot categoricals. */
export const linearFamily: ModelFamily<LinearParams> = {
  name: 'linear',

  fit(train, valid, params, context) {
    const settings = resolveLinearParams(params);
    const layout = fitLayout(train.X, settings.maxLevels);
    context.onProgress?.(0, 'linear: choosing the penalty');
    const { lambda } = choosePenalty(layout, train, valid, settings.lambdas, context.seed);
    const solution = solveRidge(normalEquations(layout, train.X, train.y), lambda);
    if (solution === null) {
      throw new Error(`the ridge system is singular even with penalty ${lambda}`);
    }
    context.onProgress?.(1, 'linear: done');
    return new LinearModel(layout, solution, lambda);
  },

  fromArtifact(artifact) {
    const { lambda, intercept, width } = artifact.params;
    if (typeof lambda !== 'number' || typeof intercept !== 'number' || typeof width !== 'number') {
      throw new AutoMLError(
        'INVALID_MODEL_FILE',
        'linear model: lambda, intercept or width missing',
      );
    }
    const array = (name: string) => {
      const values = artifact.arrays[name];
      const expected =
        name === 'means' || name === 'scales' || name === 'coef' ? Float64Array : Int32Array;
      if (!isArrayOf(values, expected)) {
        throw new AutoMLError(
          'INVALID_MODEL_FILE',
          `linear model: array '${name}' missing or of the wrong type`,
        );
      }
      return values;
    };
    const layout = { width } as LinearLayout;
    for (const name of LAYOUT_ARRAYS) {
      (layout as unknown as Record<string, unknown>)[name] = array(name);
    }
    const coef = array('coef') as Float64Array;
    if (coef.length !== width) {
      throw new AutoMLError('INVALID_MODEL_FILE', `linear model: 'coef' must be ${width} float64s`);
    }
    checkLayout(layout);
    return new LinearModel(layout, { coef, intercept }, lambda);
  },
};

/**
 * A layout read from a file must agree with itself: a shortened array or a column index beyond
 * the coefficients would otherwise read out of bounds and predict NaN or nonsense without an error.
 */
function checkLayout(layout: LinearLayout): void {
  const fail = (what: string) => {
    throw new AutoMLError('INVALID_MODEL_FILE', `linear model: ${what}`);
  };
  const numeric = layout.numericIndex.length;
  for (const name of ['means', 'scales', 'valueColumn', 'indicatorColumn'] as const) {
    if (layout[name].length !== numeric) fail(`'${name}' must have ${numeric} entries`);
  }
  const blocks = layout.categoricalIndex.length;
  for (const name of ['blockStart', 'blockLevels', 'blockMissingColumn'] as const) {
    if (layout[name].length !== blocks) fail(`'${name}' must have ${blocks} entries`);
  }
  const { width } = layout;
  const isColumn = (c: number) => Number.isInteger(c) && c >= -1 && c < width;
  for (const name of ['valueColumn', 'indicatorColumn', 'blockMissingColumn'] as const) {
    if (!layout[name].every(isColumn)) fail(`'${name}' names a column beyond ${width}`);
  }
  for (let b = 0; b < blocks; b++) {
    const start = layout.blockStart[b];
    if (start < 0 || layout.blockLevels[b] < 0 || start + layout.blockLevels[b] > width) {
      fail(`categorical block ${b} lies beyond ${width} columns`);
    }
  }
  for (const name of ['numericIndex', 'categoricalIndex'] as const) {
    if (!layout[name].every((f) => f >= 0)) fail(`'${name}' holds a negative feature index`);
  }
}
