// Test helpers for the learners: feature matrices from columns, and R² of predictions.
import type { FeatureMatrix } from '@/lib/automl/types';

/** A matrix with features f0, f1, …; `numCategories[j] > 0` makes column j categorical. */
export function matrix(columns: Float64Array[], numCategories: number[] = []): FeatureMatrix {
  return {
    numRows: columns[0].length,
    features: columns.map((_, j) => ({
      name: `f${j}`,
      source: `f${j}`,
      categorical: (numCategories[j] ?? 0) > 0,
      numCategories: numCategories[j] ?? 0,
    })),
    columns,
  };
}

/** The coefficient of determination of `predictions` against `y`. */
export function r2(predictions: Float64Array, y: Float64Array): number {
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  y.forEach((v, i) => {
    ssRes += (v - predictions[i]) ** 2;
    ssTot += (v - mean) ** 2;
  });
  return 1 - ssRes / ssTot;
}
