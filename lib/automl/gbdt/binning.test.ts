import { binMatrix, categoricalBin, findUpperBounds, fitBinMappers, numericBin } from './binning';
import type { FeatureMatrix } from '../types';

function matrix(columns: number[][], categorical: boolean[] = []): FeatureMatrix {
  return {
    numRows: columns[0].length,
    features: columns.map((_, j) => ({
      name: `f${j}`,
      source: `f${j}`,
      categorical: categorical[j] ?? false,
      numCategories: categorical[j]
        ? 1 + Math.max(...columns[j].filter((v) => !Number.isNaN(v)))
        : 0,
    })),
    columns: columns.map((c) => Float64Array.from(c)),
  };
}

describe('findUpperBounds', () => {
  it('gives each of a few distinct values its own bin, with edges halfway between them', () => {
    expect(findUpperBounds(Float64Array.from([1, 1, 2, 4, 4, 4]), 255)).toEqual([1.5, 3, Infinity]);
  });

  it('keeps at most maxBins bins holding roughly equal numbers of rows', () => {
    const values = Float64Array.from({ length: 10000 }, (_, i) => i).sort();
    const bounds = findUpperBounds(values, 16);
    expect(bounds.length).toBeLessThanOrEqual(16);
    const counts = new Array(bounds.length).fill(0);
    const upper = Float64Array.from([0, ...bounds]);
    for (const v of values) counts[numericBin(upper, v) - 1]++;
    expect(Math.max(...counts)).toBeLessThan(2 * (10000 / 16));
  });

  it('gives a value repeated by most rows a bin of its own', () => {
    const values = Float64Array.from([
      ...new Array(900).fill(0),
      ...Array.from({ length: 100 }, (_, i) => i + 1),
    ]);
    const bounds = findUpperBounds(values, 8);
    expect(bounds[0]).toBeGreaterThan(0);
    expect(bounds[0]).toBeLessThan(1);
  });
});

describe('bins', () => {
  it('puts missing values in bin 0 and every value at or below its bin edge', () => {
    const X = matrix([[3, NaN, 1, 2, 2, 5]]);
    const [mapper] = fitBinMappers(X, 256);
    const bins = binMatrix(X, [mapper]);
    expect(bins[1]).toBe(0);
    for (let i = 0; i < 6; i++) {
      if (i === 1) continue;
      const value = X.columns[0][i];
      expect(value).toBeLessThanOrEqual(mapper.upperBounds[bins[i]]);
      expect(value).toBeGreaterThan(bins[i] > 1 ? mapper.upperBounds[bins[i] - 1] : -Infinity);
    }
  });

  it('maps category codes to code + 1, and code 0, unseen codes and missing to their own bins', () => {
    expect(categoricalBin(5, 2)).toBe(3);
    expect(categoricalBin(5, 0)).toBe(1);
    expect(categoricalBin(5, 17)).toBe(1);
    expect(categoricalBin(5, NaN)).toBe(0);
  });

  it('stores bins row-major: feature j of row i at i * numFeatures + j', () => {
    const X = matrix(
      [
        [1, 2],
        [0, 1],
      ],
      [false, true],
    );
    const mappers = fitBinMappers(X, 256);
    expect(Array.from(binMatrix(X, mappers))).toEqual([1, 1, 2, 2]);
  });
});
