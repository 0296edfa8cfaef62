// Seeded holdout split and row gathering for feature matrices.

import { Random } from './random';
import type { FeatureMatrix, LabelledMatrix } from './types';

/** Splits `rows` into training and validation parts (each ascending), `fraction` to validation. */
export function holdoutSplit(rows: Uint32Array, fraction: number, random: Random) {
  const order = random.permutation(rows.length);
  const validCount = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)));
  const valid = new Uint32Array(validCount);
  const train = new Uint32Array(rows.length - validCount);
  for (let k = 0; k < validCount; k++) valid[k] = rows[order[k]];
  for (let k = validCount; k < rows.length; k++) train[k - validCount] = rows[order[k]];
  return { train: train.sort(), valid: valid.sort() };
}

/** The rows of `a` followed by those of `b` (same features). */
export function concatRows(a: LabelledMatrix, b: LabelledMatrix): LabelledMatrix {
  const columns = a.X.columns.map((column, j) => {
    const out = new Float64Array(a.X.numRows + b.X.numRows);
    out.set(column);
    out.set(b.X.columns[j], a.X.numRows);
    return out;
  });
  const y = new Float64Array(a.y.length + b.y.length);
  y.set(a.y);
  y.set(b.y, a.y.length);
  return { X: { numRows: y.length, features: a.X.features, columns }, y };
}

/** The sub-matrix of the given rows, with their labels. */
export function takeRows(X: FeatureMatrix, y: Float64Array, rows: Uint32Array): LabelledMatrix {
  const columns = X.columns.map((column) => {
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
    return out;
  });
  const labels = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) labels[k] = y[rows[k]];
  return { X: { numRows: rows.length, features: X.features, columns }, y: labels };
}
