// Prediction of a matrix by a predictor's members: the ensemble, and chosen members on the side.
// One function for the calling thread and for prediction threads, so both give the same bits.

import { blend } from './ensemble';
import { StackedPredictions } from './stack';
import type { Member } from './trainer';
import type { FeatureMatrix } from './types';

/** The ensemble's predictions of every row of X, and those of each member named in `also`. */
export function predictRows(
  members: Member[],
  weights: ArrayLike<number>,
  X: FeatureMatrix,
  also: readonly string[] = [],
  stack = new StackedPredictions(members, X),
): { ensemble: Float64Array; members: Map<string, Float64Array> } {
  const empty = new Float64Array(0);
  const predictions = members.map((member, m) => (weights[m] > 0 ? stack.get(member.name) : empty));
  const ensemble = blend(predictions, weights, X.numRows);
  return { ensemble, members: new Map(also.map((name) => [name, stack.get(name)])) };
}

/** Rows [start, end) of X, as views (no copy). */
export function sliceMatrix(X: FeatureMatrix, start: number, end: number): FeatureMatrix {
  return {
    numRows: end - start,
    features: X.features,
    columns: X.columns.map((column) => column.subarray(start, end)),
  };
}
