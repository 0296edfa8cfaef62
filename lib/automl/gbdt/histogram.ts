// Gradient histograms: per feature and bin, the sum of gradients and the number of rows.
//
// The loss is squared error, whose hessian is 1 for every row, so a bin's hessian sum is its row
// count and one slot serves both. A loss with other hessians would need a third slot per bin.
// One histogram is a Float64Array of 2 * totalBins numbers laid out as (gradient, count) pairs,
// feature after feature; two slots instead of three cut histogram time by about a third.

/** Where each feature's bins start in a histogram, in bins. */
export interface HistogramLayout {
  offsets: Int32Array;
  numBins: Int32Array;
  totalBins: number;
}

export function histogramLayout(numBinsPerFeature: number[]): HistogramLayout {
  const offsets = new Int32Array(numBinsPerFeature.length);
  let total = 0;
  numBinsPerFeature.forEach((bins, j) => {
    offsets[j] = total;
    total += bins;
  });
  return { offsets, numBins: Int32Array.from(numBinsPerFeature), totalBins: total };
}

export function newHistogram(layout: HistogramLayout): Float64Array {
  return new Float64Array(2 * layout.totalBins);
}

/**
 * Fills `hist` for the rows `rows[start..end)` over the given features. `binned` is row-major
 * (`numFeatures` bins per row); `gradients` is indexed by row. Rows within a leaf stay in
 * ascending order (partitions are stable), so the gradient reads move forward through memory.
 */
export function buildHistogram(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
  binned: Uint8Array,
  rows: Uint32Array,
  start: number,
  end: number,
  gradients: Float64Array,
): void {
  const numFeatures = layout.offsets.length;
  const numActive = features.length;
  const bases = clearFeatures(hist, layout, features);
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const rowBase = row * numFeatures;
    const g = gradients[row];
    for (let a = 0; a < numActive; a++) {
      const k = bases[a] + 2 * binned[rowBase + features[a]];
      hist[k] += g;
      hist[k + 1] += 1;
    }
  }
}

/**
 * buildHistogram for every row in natural order (the root of a tree grown on all rows): no row
 * index to look up, and bins and gradients are read front to back.
 */
export function buildHistogramAllRows(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
  binned: Uint8Array,
  gradients: Float64Array,
): void {
  const numFeatures = layout.offsets.length;
  const numActive = features.length;
  const bases = clearFeatures(hist, layout, features);
  for (let row = 0, rowBase = 0; row < gradients.length; row++, rowBase += numFeatures) {
    const g = gradients[row];
    for (let a = 0; a < numActive; a++) {
      const k = bases[a] + 2 * binned[rowBase + features[a]];
      hist[k] += g;
      hist[k + 1] += 1;
    }
  }
}

/** Zeroes the active features' bins; returns where each one starts in `hist`. */
function clearFeatures(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
): Int32Array {
  const bases = new Int32Array(features.length);
  for (let a = 0; a < features.length; a++) {
    const f = features[a];
    bases[a] = 2 * layout.offsets[f];
    hist.fill(0, bases[a], bases[a] + 2 * layout.numBins[f]);
  }
  return bases;
}

/** The subtraction trick: turns the parent's histogram into the larger child's, in place. */
export function subtractHistogram(
  parent: Float64Array,
  smaller: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
): void {
  for (let a = 0; a < features.length; a++) {
    const f = features[a];
    const from = 2 * layout.offsets[f];
    const to = from + 2 * layout.numBins[f];
    for (let k = from; k < to; k++) parent[k] -= smaller[k];
  }
}
