import { Random } from '../random';
import { histogramLayout } from './histogram';
import { bestCategoricalSplit, bestNumericSplit, emptySplit, type SplitOptions } from './split';

const options: SplitOptions = {
  lambdaL2: 0,
  minSamplesLeaf: 1,
  minGain: 0,
  catSmooth: 0,
  catL2: 0,
  maxCatThreshold: 32,
  minDataPerGroup: 1,
  randomThresholds: false,
};

/** A one-feature histogram from (gradient sum, count) per bin; bin 0 holds missing rows. */
function histogram(bins: [number, number][]) {
  const layout = histogramLayout([bins.length]);
  const hist = Float64Array.from(bins.flat());
  const sums = {
    gradient: bins.reduce((s, [g]) => s + g, 0),
    count: bins.reduce((s, [, c]) => s + c, 0),
  };
  return { layout, hist, sums };
}

describe('bestNumericSplit', () => {
  it('cuts where the gradient changes sign', () => {
    const { layout, hist, sums } = histogram([
      [0, 0],
      [-5, 5],
      [-5, 5],
      [5, 5],
      [5, 5],
    ]);
    const best = emptySplit();
    bestNumericSplit(hist, layout, 0, sums, options, new Random(1), best);
    expect(best.thresholdBin).toBe(2);
    expect(best.gain).toBeCloseTo((10 * 10) / 10 + (10 * 10) / 10 - 0, 10);
  });

  it('sends missing rows to the side whose gradients they resemble', () => {
    // Missing rows have positive gradients like bins 3-4, so they should go right.
    const { layout, hist, sums } = histogram([
      [8, 4],
      [-5, 5],
      [-5, 5],
      [5, 5],
      [5, 5],
    ]);
    const best = emptySplit();
    bestNumericSplit(hist, layout, 0, sums, options, new Random(1), best);
    expect(best.thresholdBin).toBe(2);
    expect(best.defaultLeft).toBe(false);
    const mirrored = histogram([
      [-8, 4],
      [-5, 5],
      [-5, 5],
      [5, 5],
      [5, 5],
    ]);
    const other = emptySplit();
    bestNumericSplit(
      mirrored.hist,
      mirrored.layout,
      0,
      mirrored.sums,
      options,
      new Random(1),
      other,
    );
    expect(other.defaultLeft).toBe(true);
  });

  it('refuses splits that leave fewer than minSamplesLeaf rows on a side', () => {
    const { layout, hist, sums } = histogram([
      [0, 0],
      [-5, 2],
      [1, 10],
      [1, 10],
    ]);
    const best = emptySplit();
    bestNumericSplit(hist, layout, 0, sums, { ...options, minSamplesLeaf: 3 }, new Random(1), best);
    expect(best.thresholdBin).not.toBe(1);
  });
});

describe('bestCategoricalSplit', () => {
  it('groups categories by gradient statistics regardless of their bin order', () => {
    // Bins 2 and 4 pull one way, bins 3 and 5 the other.
    const { layout, hist, sums } = histogram([
      [0, 0],
      [0, 0],
      [-6, 3],
      [6, 3],
      [-6, 3],
      [6, 3],
    ]);
    const best = emptySplit();
    bestCategoricalSplit(hist, layout, 0, sums, options, best);
    expect(best.categorical).toBe(true);
    const left = new Set(best.leftBins);
    expect(left.has(2)).toBe(left.has(4));
    expect(left.has(3)).toBe(left.has(5));
    expect(left.has(2)).not.toBe(left.has(3));
  });

  it('leaves categories with fewer than minDataPerGroup rows out of the ordered set', () => {
    const { layout, hist, sums } = histogram([
      [0, 0],
      [0, 0],
      [-6, 3],
      [6, 3],
      [100, 1],
    ]);
    const best = emptySplit();
    bestCategoricalSplit(hist, layout, 0, sums, { ...options, minDataPerGroup: 2 }, best);
    expect(best.leftBins).not.toContain(4);
  });
});
