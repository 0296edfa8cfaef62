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
    return new LinearModel(layout, { coef, intercept }, lambda);
  },
};
