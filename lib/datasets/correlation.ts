// Correlation matrices of numeric columns: Pearson on values, Spearman on ranks.

/**
 * Ranks (1-based, ties averaged) of a column's values, NaN where a value is missing. Each value's
 * rank is found by one binary search in the column's sorted finite values, whose positions carry
 * their tie-averaged rank: no index sort is needed.
 */
export function ranks(column: ArrayLike<unknown>, sorted: Float64Array): Float64Array {
  const averageRank = tieAveragedRanks(sorted);
  const result = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    result[i] =
      typeof value === 'number' && Number.isFinite(value)
        ? averageRank[lowerBound(sorted, value)]
        : NaN;
  }
  return result;
}

/** For each position of sorted values, the average 1-based rank of its run of equal values. */
function tieAveragedRanks(sorted: Float64Array): Float64Array {
  const result = new Float64Array(sorted.length);
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[start]) end++;
    result.fill((start + end) / 2 + 1, start, end + 1);
    start = end + 1;
  }
  return result;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values of a numeric column as a Float64Array with NaN for missing. */
export function asFloat(column: ArrayLike<unknown>): Float64Array {
  const result = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    result[i] = typeof value === 'number' && Number.isFinite(value) ? value : NaN;
  }
  return result;
}

/** Pearson's r over the rows where both are present; null when either is constant there. */
export function pearson(a: Float64Array, b: Float64Array): number | null {
  let n = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    n++;
    sumA += a[i];
    sumB += b[i];
  }
  if (n < 2) return null;
  const meanA = sumA / n;
  const meanB = sumB / n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (varA === 0 || varB === 0) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(varA * varB)));
}

/**
 * The symmetric matrix of `pearson` over `columns`; `pause` is awaited after each row so a long
 * computation gives the event loop a turn (job heartbeats).
 */
export async function correlationMatrix(
  columns: Float64Array[],
  pause: () => Promise<void>,
): Promise<(number | null)[][]> {
  const k = columns.length;
  const matrix: (number | null)[][] = Array.from({ length: k }, () => new Array(k).fill(null));
  for (let i = 0; i < k; i++) {
    matrix[i][i] = 1;
    for (let j = i + 1; j < k; j++) matrix[i][j] = matrix[j][i] = pearson(columns[i], columns[j]);
    await pause();
  }
  return matrix;
}
