// Statistics of one numeric column: summary, quartiles, histogram and a smoothed density (KDE).

/** Number of points at which the density curve is drawn. */
const DENSITY_POINTS = 100;
/** Fine bins the density is computed from (binned KDE: cost independent of the row count). */
const DENSITY_GRID_BINS = 512;

export interface NumericSummary {
  count: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null below 2 values, where it is undefined. */
  std: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

export interface HistogramBin {
  start: number;
  end: number;
  count: number;
  /** count / (values × bin width): comparable with the density curve. */
  density: number;
}

export interface DensityPoint {
  x: number;
  density: number;
}

/** The finite values of a column, in row order (missing and non-finite cells left out). */
export function finiteValues(column: ArrayLike<unknown>): Float64Array {
  const values = new Float64Array(column.length);
  let count = 0;
  if (column instanceof Float64Array) {
    for (let i = 0; i < column.length; i++) {
      const value = column[i];
      if (value - value === 0) values[count++] = value;
    }
  } else {
    for (let i = 0; i < column.length; i++) {
      const value = column[i];
      if (typeof value === 'number' && value - value === 0) values[count++] = value;
    }
  }
  return values.subarray(0, count);
}

/** The finite values of a column, sorted ascending. */
export function sortedValues(column: ArrayLike<unknown>): Float64Array {
  return finiteValues(column).sort();
}

/**
 * Moves the k-th smallest of `a[lo..hi]` to `a[k]`, smaller or equal values before it and larger
 * or equal after (Hoare's selection, median-of-three pivot): O(n) on average, no full sort.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, which also guards the scans below.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * The q-quantiles (0–1) of `values`, interpolated linearly between ranks (as pandas). Reorders
 * `values`: selection instead of sorting, each quantile searched in the part left of the next.
 */
function quantiles(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  const result = new Array<number>(qs.length);
  // From the highest quantile down, so each selection works on a shrinking left part.
  let hi = n - 1;
  for (let index = qs.length - 1; index >= 0; index--) {
    const position = (n - 1) * qs[index];
    const below = Math.floor(position);
    select(values, below, 0, hi);
    let next = values[below];
    if (below + 1 < n) {
      // The next order statistic is the smallest value right of `below` (all ≥ values[below]).
      next = Infinity;
      for (let i = below + 1; i < n; i++) if (values[i] < next) next = values[i];
    }
    result[index] = values[below] + (next - values[below]) * (position - below);
    hi = below;
  }
  return result;
}

/** Count, mean, sample std, min, quartiles and max of finite values (reorders `values`). */
export function summarise(values: Float64Array): NumericSummary {
  const count = values.length;
  if (count === 0) {
    return { count, mean: null, std: null, min: null, q1: null, median: null, q3: null, max: null };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  const [q1, median, q3] = quantiles(values, [0.25, 0.5, 0.75]);
  return {
    count,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : null,
    min,
    q1,
    median,
    q3,
    max,
  };
}

/** Equal-width bins over [min, max]: about √n of them, between 5 and 40. Any order of values. */
export function histogram(values: Float64Array, summary: NumericSummary): HistogramBin[] {
  const count = values.length;
  const { min, max } = summary;
  if (count === 0 || min === null || max === null) return [];
  if (min === max) return [{ start: min, end: max, count, density: 1 }];
  const binCount = Math.max(5, Math.min(40, Math.ceil(Math.sqrt(count))));
  const width = (max - min) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < count; i++) {
    counts[Math.min(binCount - 1, Math.floor((values[i] - min) / width))]++;
  }
  return counts.map((binCount_, b) => ({
    start: min + b * width,
    end: min + (b + 1) * width,
    count: binCount_,
    density: binCount_ / (count * width),
  }));
}

/**
 * A Gaussian kernel density estimate with Silverman's bandwidth, normalised (area 1 over the whole
 * line), evaluated at evenly spaced points over the data's range [min, max] only, as seaborn's
 * `cut=0`: a curve running past the data would show negative prices or counts. Values are first
 * counted into fine bins, so the cost does not grow with the row count. Empty for fewer than 2
 * distinct values.
 */
export function density(values: Float64Array, summary: NumericSummary): DensityPoint[] {
  const { count, std, q1, q3, min, max } = summary;
  if (count < 2 || std === null || !std || min === null || max === null || min === max) return [];
  const iqr = (q3 ?? 0) - (q1 ?? 0);
  const spread = iqr > 0 ? Math.min(std, iqr / 1.34) : std;
  const bandwidth = 0.9 * spread * count ** -0.2;

  // Fine bins: their centres carry the counts the kernels are summed over.
  const gridWidth = (max - min) / DENSITY_GRID_BINS;
  const grid = new Float64Array(DENSITY_GRID_BINS);
  for (let i = 0; i < count; i++) {
    grid[Math.min(DENSITY_GRID_BINS - 1, Math.floor((values[i] - min) / gridWidth))]++;
  }

  const from = min;
  const step = (max - min) / (DENSITY_POINTS - 1);
  const norm = 1 / (count * bandwidth * Math.sqrt(2 * Math.PI));
  const points: DensityPoint[] = [];
  for (let p = 0; p < DENSITY_POINTS; p++) {
    const x = from + p * step;
    let sum = 0;
    for (let g = 0; g < DENSITY_GRID_BINS; g++) {
      if (grid[g] === 0) continue;
      const z = (x - (min + (g + 0.5) * gridWidth)) / bandwidth;
      sum += grid[g] * Math.exp(-0.5 * z * z);
    }
    points.push({ x, density: sum * norm });
  }
  return points;
}
