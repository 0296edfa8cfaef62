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

/**
 * Values of a numeric column as a Float64Array with NaN for missing. A Float64Array holding only
 * finite values and NaN (as lib/csv reads with `missingNumbers: 'nan'`) is returned as it is.
 */
export function asFloat(column: ArrayLike<unknown>): Float64Array {
  if (column instanceof Float64Array && column.every((v) => (v === v ? v - v === 0 : true))) {
    return column;
  }
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

/** Rows per block of `correlationMatrix`: the block of every column stays in the CPU cache. */
const BLOCK_ROWS = 4096;
/** Blocks between two turns of the event loop. */
const BLOCKS_PER_PAUSE = 16;

/**
 * The symmetric matrix of `pearson` over `columns`, each pair over the rows where both are
 * present. One pass over the rows in blocks: every pair's sums (count, Σa, Σb, Σa², Σb², Σab)
 * are gathered block by block, so each column is read from memory once, not once per pair. The
 * values are shifted by their column's mean first, which keeps the sums of squares accurate.
 * `pause` is awaited every few blocks so a long computation gives the event loop a turn (job
 * heartbeats).
 */
export async function correlationMatrix(
  columns: Float64Array[],
  pause: () => Promise<void>,
): Promise<(number | null)[][]> {
  const k = columns.length;
  const rows = k ? columns[0].length : 0;
  const shift = columns.map(meanOf);
  const pairs = (k * (k - 1)) / 2;
  // Per pair: n, Σa, Σb, Σa², Σb², Σab.
  const sums = new Float64Array(pairs * 6);
  const da = new Float64Array(BLOCK_ROWS);
  let block = 0;
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    let pair = 0;
    for (let i = 0; i < k; i++) {
      const a = columns[i];
      const ma = shift[i];
      for (let r = start; r < end; r++) da[r - start] = a[r] - ma;
      for (let j = i + 1; j < k; j++, pair++) {
        const b = columns[j];
        const mb = shift[j];
        let n = 0;
        let sa = 0;
        let sb = 0;
        let saa = 0;
        let sbb = 0;
        let sab = 0;
        for (let r = start; r < end; r++) {
          const x = da[r - start];
          const y = b[r] - mb;
          // NaN (a missing cell) is the only value not equal to itself.
          if (x !== x || y !== y) continue;
          n++;
          sa += x;
          sb += y;
          saa += x * x;
          sbb += y * y;
          sab += x * y;
        }
        const o = pair * 6;
        sums[o] += n;
        sums[o + 1] += sa;
        sums[o + 2] += sb;
        sums[o + 3] += saa;
        sums[o + 4] += sbb;
        sums[o + 5] += sab;
      }
    }
    if (++block % BLOCKS_PER_PAUSE === 0) await pause();
  }

  const matrix: (number | null)[][] = Array.from({ length: k }, () => new Array(k).fill(null));
  let pair = 0;
  for (let i = 0; i < k; i++) {
    matrix[i][i] = 1;
    for (let j = i + 1; j < k; j++, pair++) {
      matrix[i][j] = matrix[j][i] = coefficient(sums, pair * 6);
    }
  }
  await pause();
  return matrix;
}

/** Pearson's r from a pair's sums; null below two rows or when either column is constant. */
function coefficient(sums: Float64Array, o: number): number | null {
  const n = sums[o];
  if (n < 2) return null;
  const varA = sums[o + 3] - (sums[o + 1] * sums[o + 1]) / n;
  const varB = sums[o + 4] - (sums[o + 2] * sums[o + 2]) / n;
  const cov = sums[o + 5] - (sums[o + 1] * sums[o + 2]) / n;
  // Rounding can leave a constant column a tiny positive variance: compare with its scale.
  if (!(varA > 1e-12 * sums[o + 3]) || !(varB > 1e-12 * sums[o + 4])) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(varA * varB)));
}

/** Mean of the values that are not NaN (0 when there are none). */
function meanOf(column: Float64Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === value) {
      n++;
      sum += value;
    }
  }
  return n ? sum / n : 0;
}
