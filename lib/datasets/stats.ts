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

/** The finite values of a column, sorted ascending. */
export function sortedValues(column: ArrayLike<unknown>): Float64Array {
  const values = new Float64Array(column.length);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (typeof value === 'number' && Number.isFinite(value)) values[count++] = value;
  }
  return values.subarray(0, count).sort();
}

/** The q-quantile (0–1) of sorted values, interpolated linearly between ranks (as pandas). */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function summarise(sorted: Float64Array): NumericSummary {
  const count = sorted.length;
  if (count === 0) {
    return { count, mean: null, std: null, min: null, q1: null, median: null, q3: null, max: null };
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i];
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (sorted[i] - mean) ** 2;
  return {
    count,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : null,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[count - 1],
  };
}

/** Equal-width bins over [min, max]: about √n of them, between 5 and 40. */
export function histogram(sorted: Float64Array): HistogramBin[] {
  const count = sorted.length;
  if (count === 0) return [];
  const min = sorted[0];
  const max = sorted[count - 1];
  if (min === max) return [{ start: min, end: max, count, density: 1 }];
  const binCount = Math.max(5, Math.min(40, Math.ceil(Math.sqrt(count))));
  const width = (max - min) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < count; i++) {
    counts[Math.min(binCount - 1, Math.floor((sorted[i] - min) / width))]++;
  }
  return counts.map((binCount_, b) => ({
    start: min + b * width,
    end: min + (b + 1) * width,
    count: binCount_,
    density: binCount_ / (count * width),
  }));
}

/**
 * A Gaussian kernel density estimate with Silverman's bandwidth, normalised (area 1), evaluated at
 * evenly spaced points over [min − 2h, max + 2h]. Values are first counted into fine bins, so the
 * cost does not grow with the row count. Empty for fewer than 2 distinct values.
 */
export function density(sorted: Float64Array, summary: NumericSummary): DensityPoint[] {
  const { count, std, q1, q3, min, max } = summary;
  if (count < 2 || std === null || !std || min === null || max === null || min === max) return [];
  const iqr = (q3 ?? 0) - (q1 ?? 0);
  const spread = iqr > 0 ? Math.min(std, iqr / 1.34) : std;
  const bandwidth = 0.9 * spread * count ** -0.2;

  // Fine bins: their centres carry the counts the kernels are summed over.
  const gridWidth = (max - min) / DENSITY_GRID_BINS;
  const grid = new Float64Array(DENSITY_GRID_BINS);
  for (let i = 0; i < count; i++) {
    grid[Math.min(DENSITY_GRID_BINS - 1, Math.floor((sorted[i] - min) / gridWidth))]++;
  }

  const from = min - 2 * bandwidth;
  const step = (max - min + 4 * bandwidth) / (DENSITY_POINTS - 1);
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
