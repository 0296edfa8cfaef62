// Per-feature binning: maps raw feature values to small integer bins before any tree is grown.
//
// Bin 0 always holds missing values. Numeric features use bins 1..k with quantile-style upper
// edges; categorical features use bin 1 for "other" (code 0 and codes beyond the bin budget) and
// bin c+1 for code c.
import type { FeatureMatrix } from '../types';

/** How one feature's values become bins. */
export interface BinMapper {
  categorical: boolean;
  /** Total bins including the missing bin (so at least 2). */
  numBins: number;
  /**
   * Numeric features: `upperBounds[b]` is the largest value that falls in bin b (b >= 1);
   * index 0 is unused. The last bound is +Infinity. Empty for categorical features.
   */
  upperBounds: Float64Array;
}

/** Rows used to find bin edges; more adds time without changing the edges much. */
const BIN_SAMPLE_ROWS = 200_000;

/** Finds the bin mapper of every feature of X. */
export function fitBinMappers(X: FeatureMatrix, maxBins: number): BinMapper[] {
  return X.features.map((feature, j) =>
    feature.categorical
      ? {
          categorical: true,
          numBins: Math.min(maxBins, feature.numCategories + 1),
          upperBounds: new Float64Array(0),
        }
      : numericMapper(X.columns[j], maxBins - 1),
  );
}

function numericMapper(values: Float64Array, maxValueBins: number): BinMapper {
  const sorted = sortedFiniteSample(values);
  const bounds = findUpperBounds(sorted, maxValueBins);
  const upperBounds = new Float64Array(bounds.length + 1);
  upperBounds.set(bounds, 1);
  return { categorical: false, numBins: upperBounds.length, upperBounds };
}

function sortedFiniteSample(values: Float64Array): Float64Array {
  const n = values.length;
  const step = n > BIN_SAMPLE_ROWS ? n / BIN_SAMPLE_ROWS : 1;
  const out = new Float64Array(Math.min(n, BIN_SAMPLE_ROWS));
  let size = 0;
  // A fixed stride (not a random sample) keeps the edges independent of the seed.
  for (let k = 0; k < out.length; k++) {
    const v = values[Math.floor(k * step)];
    if (v === v) out[size++] = v;
  }
  return out.subarray(0, size).sort();
}

/**
 * Greedy equal-count bins over distinct values: each bin closes once it holds about n / maxBins
 * rows, so a value repeated many times gets a bin to itself. Edges sit halfway between the last
 * value of a bin and the first of the next; the last edge is +Infinity.
 */
export function findUpperBounds(sorted: Float64Array, maxBins: number): number[] {
  const n = sorted.length;
  if (n === 0) return [Infinity];
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]);
      counts.push(1);
    } else {
      counts[counts.length - 1]++;
    }
  }
  const bounds: number[] = [];
  if (distinct.length <= maxBins) {
    for (let d = 0; d + 1 < distinct.length; d++)
      bounds.push(midpoint(distinct[d], distinct[d + 1]));
    bounds.push(Infinity);
    return bounds;
  }
  let remaining = n;
  let binsLeft = maxBins;
  let inBin = 0;
  for (let d = 0; d + 1 < distinct.length && binsLeft > 1; d++) {
    inBin += counts[d];
    remaining -= counts[d];
    const target = (inBin + remaining) / binsLeft;
    // Close the bin when it is full, or when the next value alone would overfill it.
    if (inBin >= target || inBin + counts[d + 1] > 1.5 * target) {
      bounds.push(midpoint(distinct[d], distinct[d + 1]));
      binsLeft--;
      inBin = 0;
    }
  }
  bounds.push(Infinity);
  return bounds;
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Guard against rounding that would put the edge on b, which must fall in the next bin.
  return m < b ? m : a;
}

/** The bin of one numeric value: the first bin whose upper bound is at least the value. */
export function numericBin(upperBounds: Float64Array, value: number): number {
  // `value !== value` tests for NaN without a global lookup, which is slow inside Jest's vm context.
  if (value !== value) return 0;
  let lo = 1;
  let hi = upperBounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= upperBounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The bin of one categorical code. */
export function categoricalBin(numBins: number, code: number): number {
  if (code !== code) return 0;
  const bin = code + 1;
  return bin >= 2 && bin < numBins && (code | 0) === code ? bin : 1;
}

/**
 * Bins every feature of X into one row-major Uint8Array: the bin of feature j of row i is at
 * `i * numFeatures + j`. Row-major keeps a row's bins on one cache line while a histogram or a
 * tree walk visits several features of the same row.
 */
export function binMatrix(X: FeatureMatrix, mappers: BinMapper[]): Uint8Array {
  const numFeatures = mappers.length;
  const out = new Uint8Array(X.numRows * numFeatures);
  mappers.forEach((mapper, j) => {
    const values = X.columns[j];
    if (mapper.categorical) {
      for (let i = 0; i < values.length; i++) {
        out[i * numFeatures + j] = categoricalBin(mapper.numBins, values[i]);
      }
    } else {
      const bounds = mapper.upperBounds;
      for (let i = 0; i < values.length; i++) {
        out[i * numFeatures + j] = numericBin(bounds, values[i]);
      }
    }
  });
  return out;
}
