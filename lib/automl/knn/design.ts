// Dense design matrices on the ridge layout (standardised numerics, one-hot categoricals), for kNN and MLP.

import { isArrayOf } from '../arrays';
import { AutoMLError } from '../errors';
import { designRow, fitLayout, rowScratch, type LinearLayout } from '../linear/design';
import type { FeatureMatrix, StoredArray } from '../types';

export { fitLayout, type LinearLayout };

// The layout's arrays and their stored types, in the order the ridge family stores them.
const LAYOUT_ARRAYS = {
  numericIndex: Int32Array,
  means: Float64Array,
  scales: Float64Array,
  valueColumn: Int32Array,
  indicatorColumn: Int32Array,
  categoricalIndex: Int32Array,
  blockStart: Int32Array,
  blockLevels: Int32Array,
  blockMissingColumn: Int32Array,
} as const;

type LayoutArrayName = keyof typeof LAYOUT_ARRAYS;

/**
 * The design as a row-major Float32Array (numRows × layout.width). Missing numerics are
 * mean-imputed (0 after standardising) with their indicator set to 1. `columnScale`, when given,
 * multiplies each design column (length layout.width), e.g. to weigh one-hot columns in distances.
 */
export function denseDesign(
  layout: LinearLayout,
  X: FeatureMatrix,
  columnScale?: Float64Array,
): Float32Array {
  const width = layout.width;
  const out = new Float32Array(X.numRows * width);
  const { index, value } = rowScratch(layout);
  for (let i = 0; i < X.numRows; i++) {
    const nnz = designRow(layout, X, i, index, value);
    const row = i * width;
    for (let a = 0; a < nnz; a++) {
      const column = index[a];
      out[row + column] = columnScale ? value[a] * columnScale[column] : value[a];
    }
  }
  return out;
}

/** Whether each design column is part of a categorical one-hot block (1) or numeric (0). */
export function categoricalColumns(layout: LinearLayout): Uint8Array {
  const flags = new Uint8Array(layout.width);
  for (let k = 0; k < layout.categoricalIndex.length; k++) {
    for (let c = 0; c < layout.blockLevels[k]; c++) flags[layout.blockStart[k] + c] = 1;
    if (layout.blockMissingColumn[k] >= 0) flags[layout.blockMissingColumn[k]] = 1;
  }
  return flags;
}

/** The layout's typed arrays, named for a model artifact (prefixed `layout.`). */
export function layoutArrays(layout: LinearLayout): Record<string, StoredArray> {
  const arrays: Record<string, StoredArray> = {};
  for (const name of Object.keys(LAYOUT_ARRAYS) as LayoutArrayName[]) {
    arrays[`layout.${name}`] = layout[name];
  }
  return arrays;
}

/** Reads a layout back from artifact arrays; `family` names the model in error messages. */
export function layoutFromArrays(
  arrays: Record<string, StoredArray>,
  width: unknown,
  family: string,
): LinearLayout {
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 0) {
    throw new AutoMLError('INVALID_MODEL_FILE', `${family} model: design width missing`);
  }
  const layout = { width } as LinearLayout;
  for (const [name, type] of Object.entries(LAYOUT_ARRAYS)) {
    const values = arrays[`layout.${name}`];
    if (!isArrayOf(values, type)) {
      throw new AutoMLError(
        'INVALID_MODEL_FILE',
        `${family} model: array 'layout.${name}' missing or of the wrong type`,
      );
    }
    (layout as unknown as Record<string, unknown>)[name] = values;
  }
  return layout;
}

/** Reads one typed array of an expected type from an artifact, or names it in the error. */
export function storedArray<T extends StoredArray>(
  arrays: Record<string, StoredArray>,
  name: string,
  type: new (length: number) => T,
  family: string,
  length?: number,
): T {
  const values = arrays[name];
  if (!isArrayOf(values, type) || (length !== undefined && values.length !== length)) {
    const size = length === undefined ? '' : ` of length ${length}`;
    throw new AutoMLError(
      'INVALID_MODEL_FILE',
      `${family} model: array '${name}' missing, of the wrong type or not${size}`,
    );
  }
  return values as T;
}
