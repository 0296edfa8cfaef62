import { residualHistogram } from './chart-data';
import { residualHistogramSpec } from './chart-specs';
import type { EvaluationResult } from './types';

/** Residuals equal to `values` (y = values, predictions = 0), every row scored. */
function histogramOf(values: number[]) {
  const rows = Uint32Array.from(values, (_, i) => i);
  return residualHistogram(Float64Array.from(values), rows, new Float64Array(values.length));
}

describe('residualHistogram', () => {
  it('spans the 1st–99th percentile so a few large residuals do not squeeze the rest', () => {
    // 990 residuals spread over −100…100, then 5 far below and 5 far above.
    const bulk = Array.from({ length: 990 }, (_, i) => -100 + (200 * i) / 989);
    const values = [...bulk, -5000, -4000, -3000, -2000, -1000, 7000, 6000, 5000, 4000, 3000];
    const { bins, below, above } = histogramOf(values);

    expect(bins).toHaveLength(40);
    expect(bins[0].start).toBeGreaterThanOrEqual(-100);
    expect(bins[39].end).toBeLessThanOrEqual(100);
    expect(below).toBeGreaterThanOrEqual(5);
    expect(above).toBeGreaterThanOrEqual(5);
    // Most bars hold rows: the bulk is no longer crowded into two or three bins.
    expect(bins.filter((bin) => bin.count > 0).length).toBeGreaterThan(35);
    const binned = bins.reduce((sum, bin) => sum + bin.count, 0);
    expect(binned + below + above).toBe(values.length);
  });

  it('keeps every row of a small sample in the bins', () => {
    const { bins, below, above } = histogramOf([-3, -1, 0, 2, 5]);
    expect(below + above).toBe(0);
    expect(bins[0].start).toBe(-3);
    expect(bins[bins.length - 1].end).toBeCloseTo(5);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(5);
  });

  it('puts equal residuals in one bin and returns no bins without rows', () => {
    expect(histogramOf([2, 2, 2])).toEqual({
      bins: [{ start: 2, end: 3, count: 3 }],
      below: 0,
      above: 0,
    });
    expect(histogramOf([])).toEqual({ bins: [], below: 0, above: 0 });
  });
});

describe('residualHistogramSpec', () => {
  const result = {
    residualHistogram: [
      { start: -4812.3, end: 0, count: 10 },
      { start: 0, end: 6950.2, count: 12 },
    ],
  } as EvaluationResult;
  const subtitle = (r: EvaluationResult) =>
    (residualHistogramSpec(r) as { title: { subtitle?: string } }).title.subtitle;

  it('names the rows beyond the bins in its subtitle', () => {
    expect(subtitle({ ...result, residualsOutside: { below: 1, above: 1204 } })).toBe(
      'Bins span the 1st–99th percentile; not shown: 1 row below -4,812 and 1,204 rows above 6,950',
    );
  });

  it('has no subtitle when every row is binned, or for results stored before the change', () => {
    expect(subtitle({ ...result, residualsOutside: { below: 0, above: 0 } })).toBeUndefined();
    expect(subtitle(result)).toBeUndefined();
  });
});
