// Statistics by selection and correlations in one blocked pass agree with the direct definitions.
import { correlationMatrix, pearson } from './correlation';
import { density, finiteValues, histogram, summarise } from './stats';

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;

/** Quantile of sorted values, interpolated linearly (as pandas): the reference. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

describe('summarise', () => {
  test.each([1, 2, 3, 4, 5, 7, 10, 101, 1000, 20_001])('quartiles of %i values, with ties', (n) => {
    for (const ties of [false, true]) {
      const values = Array.from({ length: n }, () =>
        ties ? Math.floor(random() * 5) : (random() - 0.5) * 100,
      );
      const sorted = [...values].sort((a, b) => a - b);
      const summary = summarise(Float64Array.from(values));
      expect(summary.count).toBe(n);
      expect(summary.min).toBe(sorted[0]);
      expect(summary.max).toBe(sorted[n - 1]);
      expect(summary.q1).toBeCloseTo(quantile(sorted, 0.25), 10);
      expect(summary.median).toBeCloseTo(quantile(sorted, 0.5), 10);
      expect(summary.q3).toBeCloseTo(quantile(sorted, 0.75), 10);
      const mean = values.reduce((a, b) => a + b, 0) / n;
      expect(summary.mean).toBeCloseTo(mean, 10);
      if (n > 1) {
        const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
        expect(summary.std).toBeCloseTo(Math.sqrt(variance), 10);
      } else expect(summary.std).toBeNull();
    }
  });

  test('sorted and reversed input (the selection worst cases for naive pivots)', () => {
    const up = Float64Array.from({ length: 100_001 }, (_, i) => i);
    expect(summarise(up)).toMatchObject({ q1: 25_000, median: 50_000, q3: 75_000 });
    const down = Float64Array.from({ length: 100_001 }, (_, i) => 100_000 - i);
    expect(summarise(down)).toMatchObject({ q1: 25_000, median: 50_000, q3: 75_000 });
  });

  test('histogram and density do not depend on the order of values', () => {
    const values = Float64Array.from({ length: 5000 }, () => random() * 10);
    const sorted = values.slice().sort();
    const summary = summarise(values.slice());
    expect(histogram(values, summary)).toEqual(histogram(sorted, summary));
    expect(density(values, summary)).toEqual(density(sorted, summary));
    expect(histogram(values, summary).reduce((n, bin) => n + bin.count, 0)).toBe(5000);
  });

  test('the density curve stays within the data: no negative prices for prices from 326', () => {
    const prices = Float64Array.from({ length: 2000 }, () => 326 + 2000 * random() ** 3);
    const points = density(prices, summarise(prices.slice()));
    const { min, max } = summarise(prices.slice());
    expect(points[0].x).toBe(min);
    expect(points[points.length - 1].x).toBeCloseTo(max!, 9);
    expect(points.every((p) => p.x >= min! && p.x <= max! + 1e-9 && p.density > 0)).toBe(true);
  });

  test('finiteValues drops missing and non-finite cells', () => {
    expect(Array.from(finiteValues([1, null, NaN, Infinity, 2, undefined, 'x']))).toEqual([1, 2]);
    expect(Array.from(finiteValues(Float64Array.from([3, NaN, -Infinity, 4])))).toEqual([3, 4]);
  });
});

describe('correlationMatrix', () => {
  test('equals pairwise Pearson over the rows both columns have, across blocks', async () => {
    const rows = 10_000;
    const x = Float64Array.from({ length: rows }, () => random() * 1000 + 1e6);
    const y = x.map((v, i) => (i % 17 === 0 ? NaN : -2 * v + random() * 300));
    const z = Float64Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? NaN : random()));
    const constant = new Float64Array(rows).fill(0.1);
    const partlyConstant = x.map((v, i) => (i % 2 ? 7.3 : NaN));
    const columns = [x, y, z, constant, partlyConstant];
    const matrix = await correlationMatrix(columns, async () => undefined);
    for (let i = 0; i < columns.length; i++) {
      expect(matrix[i][i]).toBe(1);
      for (let j = 0; j < columns.length; j++) {
        if (i === j) continue;
        // Constant columns have no correlation; the direct formula's rounding leaves them a
        // tiny variance (it gives 8.5e-11 and even -1 here), which the matrix does not.
        if (i >= 3 || j >= 3) expect(matrix[i][j]).toBeNull();
        else expect(matrix[i][j]).toBeCloseTo(pearson(columns[i], columns[j])!, 9);
      }
    }
    expect(matrix[0][1]).toBeLessThan(-0.9);
  });

  test('null for fewer than two shared rows', async () => {
    const a = Float64Array.from([1, 2, NaN, NaN]);
    const b = Float64Array.from([NaN, NaN, 3, 4]);
    expect((await correlationMatrix([a, b], async () => undefined))[0][1]).toBeNull();
  });
});
