// Per-bin sums of a node's rows, the input of split finding, built in one of two ways.
//
// Large nodes get a full histogram of every feature (HIST_STRIDE numbers per feature, laid out as
// (sum of weight * label, sum of weight) pairs), kept so that a child's histogram can be the
// parent's minus its sibling's. Small nodes, the great majority in deep trees, instead sum their
// few rows into scratch sums (all features in one pass, or one drawn feature at a time) and
// remember which bins they touched, so neither clearing nor scanning costs 256 steps per feature.

/** Numbers per feature in a histogram: 256 bins, two sums each. */
export const HIST_STRIDE = 512;

/** What a node's sums are built from; `weight` and `weightedLabel` are indexed by row. */
export interface NodeRows {
  binned: Uint8Array;
  numFeatures: number;
  rows: Uint32Array;
  weight: Float64Array;
  weightedLabel: Float64Array;
}

/** Fills `hist` (numFeatures * HIST_STRIDE) with the sums of rows[start..end) over all features. */
export function buildHistogram(hist: Float64Array, data: NodeRows, start: number, end: number) {
  const { binned, numFeatures, rows, weight, weightedLabel } = data;
  hist.fill(0);
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const rowBase = row * numFeatures;
    const s = weightedLabel[row];
    const w = weight[row];
    for (let f = 0, k = 0; f < numFeatures; f++, k += HIST_STRIDE) {
      const slot = k + 2 * binned[rowBase + f];
      hist[slot] += s;
      hist[slot + 1] += w;
    }
  }
}

/** The subtraction trick: turns the parent's histogram into the larger child's, in place. */
export function subtractHistogram(parent: Float64Array, smaller: Float64Array): void {
  for (let k = 0; k < parent.length; k++) parent[k] -= smaller[k];
}

/**
 * Lists into `bins` the bins of feature f (from `base`) holding weight, ascending; returns how
 * many. Weights are whole numbers, so a bin emptied by subtraction is exactly zero.
 */
export function presentBins(
  hist: Float64Array,
  base: number,
  numBins: number,
  bins: Int32Array,
): number {
  let k = 0;
  for (let b = 0; b < numBins; b++) if (hist[base + 2 * b + 1] > 0) bins[k++] = b;
  return k;
}

/** Above this many touched bins, a scan of all bins is cheaper than sorting the touched ones. */
const SORT_LIMIT = 48;

/**
 * Sums rows[start..end) of feature f into `acc` (HIST_STRIDE numbers, all zero on entry) and
 * lists the touched bins in `bins`, ascending; returns how many. Call `clearBins` afterwards.
 */
export function sumFeature(
  acc: Float64Array,
  bins: Int32Array,
  data: NodeRows,
  f: number,
  numBins: number,
  start: number,
  end: number,
): number {
  const { binned, numFeatures, rows, weight, weightedLabel } = data;
  let k = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const slot = 2 * binned[row * numFeatures + f];
    if (acc[slot + 1] === 0) bins[k++] = slot >>> 1;
    acc[slot] += weightedLabel[row];
    acc[slot + 1] += weight[row];
  }
  if (k > SORT_LIMIT) return presentBins(acc, 0, numBins, bins);
  sortSmall(bins, k);
  return k;
}

/** Zeroes the bins listed in `bins[0..k)` from `base`, leaving `acc` ready for the next use. */
export function clearBins(acc: Float64Array, base: number, bins: Int32Array, k: number): void {
  for (let idx = 0; idx < k; idx++) {
    const slot = base + 2 * bins[idx];
    acc[slot] = 0;
    acc[slot + 1] = 0;
  }
}

function sortSmall(values: Int32Array, k: number): void {
  for (let i = 1; i < k; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}

/**
 * Like `sumFeature` for every feature at once, in one pass over the rows: each row's bins share a
 * cache line, so this reads the node's data once instead of once per feature. `acc` holds
 * numFeatures * HIST_STRIDE zeros on entry; feature f's touched bins go to `bins[f * 256 ..)`,
 * unordered, and their count to `counts[f]`.
 */
export function sumAllFeatures(
  acc: Float64Array,
  bins: Int32Array,
  counts: Int32Array,
  data: NodeRows,
  start: number,
  end: number,
): void {
  const { binned, numFeatures, rows, weight, weightedLabel } = data;
  counts.fill(0);
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const rowBase = row * numFeatures;
    const s = weightedLabel[row];
    const w = weight[row];
    for (let f = 0; f < numFeatures; f++) {
      const bin = binned[rowBase + f];
      const slot = f * HIST_STRIDE + 2 * bin;
      if (acc[slot + 1] === 0) bins[(f << 8) + counts[f]++] = bin;
      acc[slot] += s;
      acc[slot + 1] += w;
    }
  }
}

/**
 * Orders feature f's touched bins (from `sumAllFeatures`) into `out`; returns how many. Sorting a
 * few is cheaper than scanning all bins, and vice versa.
 */
export function orderTouched(
  acc: Float64Array,
  bins: Int32Array,
  counts: Int32Array,
  f: number,
  numBins: number,
  out: Int32Array,
): number {
  const k = counts[f];
  if (k > SORT_LIMIT) return presentBins(acc, f * HIST_STRIDE, numBins, out);
  for (let idx = 0; idx < k; idx++) out[idx] = bins[(f << 8) + idx];
  sortSmall(out, k);
  return k;
}
