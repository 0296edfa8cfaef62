// Feature matrices in shared memory, so worker threads read the training data without a copy each.
import type { FeatureMatrix, LabelledMatrix } from '../types';

function toShared(values: Float64Array): Float64Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const shared = new Float64Array(new SharedArrayBuffer(values.byteLength));
  shared.set(values);
  return shared;
}

/** The same matrix with every column in a SharedArrayBuffer (columns already shared are kept). */
export function shareMatrix(X: FeatureMatrix): FeatureMatrix {
  return { numRows: X.numRows, features: X.features, columns: X.columns.map(toShared) };
}

/** The same labelled matrix in shared memory. */
export function shareLabelled(data: LabelledMatrix): LabelledMatrix {
  return { X: shareMatrix(data.X), y: toShared(data.y) };
}
