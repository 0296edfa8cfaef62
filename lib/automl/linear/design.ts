// The ridge design: standardised numerics with missing indicators, and capped one-hot categoricals.

import type { FeatureMatrix } from '../types';

/**
 * How matrix columns map to design columns. Per numeric input: a standardised value column (when
 * it varies) and a missing indicator (when training had missing values). Per categorical input: a
 * block of one-hot columns for codes below `blockLevels` (higher codes share code 0's column, the
 * rare/unseen one), plus a last column for missing values when training had any.
 */
export interface LinearLayout {
  numericIndex: Int32Array;
  means: Float64Array;
  scales: Float64Array;
  /** Design column of the value, or -1 when the column is constant where present. */
  valueColumn: Int32Array;
  /** Design column of the missing indicator, or -1. */
  indicatorColumn: Int32Array;
  categoricalIndex: Int32Array;
  blockStart: Int32Array;
  blockLevels: Int32Array;
  /** Design column for a missing level, or -1. */
  blockMissingColumn: Int32Array;
  width: number;
}

/** Learns the layout from the training matrix; `maxLevels` caps one-hot columns per categorical. */
export function fitLayout(X: FeatureMatrix, maxLevels: number): LinearLayout {
  const numeric: number[] = [];
  const categorical: number[] = [];
  X.features.forEach((feature, j) => (feature.categorical ? categorical : numeric).push(j));
  let width = 0;
  const means = new Float64Array(numeric.length);
  const scales = new Float64Array(numeric.length);
  const valueColumn = new Int32Array(numeric.length).fill(-1);
  const indicatorColumn = new Int32Array(numeric.length).fill(-1);
  numeric.forEach((j, k) => {
    const { mean, std, missing } = columnStats(X.columns[j]);
    means[k] = mean;
    scales[k] = std > 0 ? std : 1;
    if (std > 0) valueColumn[k] = width++;
    if (missing > 0 && missing < X.numRows) indicatorColumn[k] = width++;
  });
  const blockStart = new Int32Array(categorical.length);
  const blockLevels = new Int32Array(categorical.length);
  const blockMissingColumn = new Int32Array(categorical.length).fill(-1);
  categorical.forEach((j, k) => {
    blockStart[k] = width;
    blockLevels[k] = Math.max(1, Math.min(X.features[j].numCategories, maxLevels));
    width += blockLevels[k];
    if (columnStats(X.columns[j]).missing > 0) blockMissingColumn[k] = width++;
  });
  return {
    numericIndex: Int32Array.from(numeric),
    means,
    scales,
    valueColumn,
    indicatorColumn,
    categoricalIndex: Int32Array.from(categorical),
    blockStart,
    blockLevels,
    blockMissingColumn,
    width,
  };
}

function columnStats(values: Float64Array) {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) {
      sum += values[i];
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) squares += (values[i] - mean) ** 2;
  }
  return { mean, std: count > 0 ? Math.sqrt(squares / count) : 0, missing: values.length - count };
}

/**
 * Writes row `i`'s non-zero design entries into `index`/`value` (each at least the number of
 * inputs long) and returns how many there are. Missing numerics are mean-imputed, i.e. 0 after
 * standardising; the indicator carries the missingness.
 */
export function designRow(
  layout: LinearLayout,
  X: FeatureMatrix,
  i: number,
  index: Int32Array,
  value: Float64Array,
): number {
  let nnz = 0;
  for (let k = 0; k < layout.numericIndex.length; k++) {
    const x = X.columns[layout.numericIndex[k]][i];
    const present = x === x;
    if (present && layout.valueColumn[k] >= 0) {
      index[nnz] = layout.valueColumn[k];
      value[nnz++] = (x - layout.means[k]) / layout.scales[k];
    }
    if (!present && layout.indicatorColumn[k] >= 0) {
      index[nnz] = layout.indicatorColumn[k];
      value[nnz++] = 1;
    }
  }
  for (let k = 0; k < layout.categoricalIndex.length; k++) {
    const code = X.columns[layout.categoricalIndex[k]][i];
    if (code !== code) {
      if (layout.blockMissingColumn[k] < 0) continue;
      index[nnz] = layout.blockMissingColumn[k];
    } else {
      index[nnz] = layout.blockStart[k] + (code < layout.blockLevels[k] ? code : 0);
    }
    value[nnz++] = 1;
  }
  return nnz;
}

/** Scratch buffers sized for one design row. */
export function rowScratch(layout: LinearLayout) {
  const size = 2 * layout.numericIndex.length + layout.categoricalIndex.length + 1;
  return { index: new Int32Array(size), value: new Float64Array(size) };
}
