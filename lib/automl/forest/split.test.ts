// Split finding on hand-made node sums: best and random numeric thresholds, missing-value
// directions, and categories ordered by mean label.
import type { BinMapper } from '../gbdt/binning';
import { Random } from '../random';
import {
  categoricalSplit,
  emptySplit,
  numericSplit,
  thresholdBin,
  type NodeSums,
  type SplitContext,
} from './split';

/** Node sums from (bin, label, weight) triples, as the grower lays them out. */
function node(entries: [number, number, number][]) {
  const acc = new Float64Array(512);
  for (const [bin, label, weight] of entries) {
    acc[2 * bin] += label * weight;
    acc[2 * bin + 1] += weight;
  }
  const present = [...new Set(entries.map(([bin]) => bin))].sort((a, b) => a - b);
  const sums: NodeSums = { sum: 0, weight: 0 };
  for (const [, label, weight] of entries) {
    sums.sum += label * weight;
    sums.weight += weight;
  }
  return { acc, bins: Int32Array.from(present), k: present.length, sums };
}

/** Ten value bins with upper bounds 10, 20, ..., 90, +Infinity. */
const mapper: BinMapper = {
  categorical: false,
  numBins: 11,
  upperBounds: Float64Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, Infinity]),
};

function context(randomThresholds = false, minSamplesLeaf = 1, minDataPerGroup = 1): SplitContext {
  return { minSamplesLeaf, minDataPerGroup, randomThresholds, rng: new Random(1) };
}

describe('numericSplit', () => {
  it('cuts between the two levels, at the middle of the gap between present bins', () => {
    const { acc, bins, k, sums } = node([
      [2, 0, 3],
      [3, 0, 1],
      [8, 5, 2],
      [9, 5, 2],
    ]);
    const best = emptySplit();
    expect(numericSplit(acc, 0, bins, k, 0, mapper, sums, context(), best)).toBe(true);
    expect(best).toMatchObject({ feature: 0, lowBin: 3, highBin: 8, left: { sum: 0, weight: 4 } });
    // The groups end at 30 and start above 70: values up to the middle, 50 (bin 5), go left.
    expect(thresholdBin(mapper, best.lowBin, best.highBin)).toBe(5);
  });

  it('sends missing values to the side whose labels they resemble', () => {
    const { acc, bins, k, sums } = node([
      [0, 5, 2],
      [1, 0, 3],
      [4, 5, 3],
    ]);
    const best = emptySplit();
    numericSplit(acc, 0, bins, k, 0, mapper, sums, context(), best);
    expect(best).toMatchObject({ lowBin: 1, highBin: 4, defaultLeft: false });
  });

  it('can split missing values from all the rest', () => {
    const { acc, bins, k, sums } = node([
      [0, 9, 2],
      [5, 1, 4],
    ]);
    const best = emptySplit();
    numericSplit(acc, 0, bins, k, 0, mapper, sums, context(), best);
    expect(best).toMatchObject({ highBin: -1, defaultLeft: false, left: { weight: 4 } });
    expect(thresholdBin(mapper, best.lowBin, best.highBin)).toBe(10);
  });

  it('reports a feature with one value as constant, and respects minSamplesLeaf', () => {
    const one = node([[4, 1, 5]]);
    expect(
      numericSplit(one.acc, 0, one.bins, one.k, 0, mapper, one.sums, context(), emptySplit()),
    ).toBe(false);
    const two = node([
      [1, 0, 1],
      [2, 5, 4],
    ]);
    const best = emptySplit();
    numericSplit(two.acc, 0, two.bins, two.k, 0, mapper, two.sums, context(false, 2), best);
    expect(best.score).toBe(-Infinity);
  });

  it('draws extra-trees thresholds inside the node and spread over its value range', () => {
    const { acc, bins, k, sums } = node([
      [2, 0, 1],
      [3, 1, 1],
      [9, 2, 1],
    ]);
    const ctx = context(true);
    const seen = new Set<number>();
    for (let draw = 0; draw < 200; draw++) {
      const best = emptySplit();
      numericSplit(acc, 0, bins, k, 0, mapper, sums, ctx, best);
      seen.add(best.lowBin);
    }
    // Bin edges 20..80: bin 2 (up to 20) is never the threshold bin unless drawn at exactly 20.
    expect([...seen].every((t) => t >= 2 && t <= 8)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});

describe('categoricalSplit', () => {
  it('groups categories by mean label, whatever their codes', () => {
    const { acc, bins, k, sums } = node([
      [2, 10, 5],
      [3, 0, 5],
      [4, 10, 5],
      [5, 0, 5],
    ]);
    const best = emptySplit();
    expect(categoricalSplit(acc, 0, bins, k, 1, new Float64Array(256), sums, context(), best)).toBe(
      true,
    );
    expect(best.categorical).toBe(true);
    expect(best.leftBins.sort()).toEqual([3, 5]);
    expect(best.left).toEqual({ sum: 0, weight: 10 });
  });

  it('keeps categories lighter than minDataPerGroup together, ordered by their pooled mean', () => {
    // Alone, the single-row level at 150 is cut off from the rest; pooled with the other
    // single-row level (mean 60), the two stay together, beyond the heavy levels at 0 and 20.
    const { acc, bins, k, sums } = node([
      [2, 0, 6],
      [3, -30, 1],
      [4, 150, 1],
      [5, 20, 6],
    ]);
    const free = emptySplit();
    categoricalSplit(acc, 0, bins.slice(), k, 1, new Float64Array(256), sums, context(), free);
    expect(free.leftBins.sort()).toEqual([2, 3, 5]);
    const pooled = emptySplit();
    categoricalSplit(acc, 0, bins, k, 1, new Float64Array(256), sums, context(false, 1, 5), pooled);
    expect(pooled.leftBins.sort()).toEqual([2, 5]);
    expect(pooled.left).toEqual({ sum: 120, weight: 12 });
  });

  it('never cuts the pool of light categories at random either', () => {
    const { acc, bins, k, sums } = node([
      [1, 0, 1],
      [2, 1, 1],
      [3, 2, 1],
      [4, 100, 9],
    ]);
    const ctx = context(true, 1, 5);
    for (let draw = 0; draw < 50; draw++) {
      const best = emptySplit();
      expect(
        categoricalSplit(acc, 0, bins.slice(), k, 1, new Float64Array(256), sums, ctx, best),
      ).toBe(true);
      expect(best.leftBins.sort()).toEqual([1, 2, 3]);
    }
  });

  it('treats a node whose categories are all light as constant in that feature', () => {
    const { acc, bins, k, sums } = node([
      [1, 0, 2],
      [2, 10, 2],
      [3, 20, 2],
    ]);
    for (const random of [false, true]) {
      const best = emptySplit();
      const scratch = new Float64Array(256);
      expect(
        categoricalSplit(acc, 0, bins.slice(), k, 1, scratch, sums, context(random, 1, 5), best),
      ).toBe(false);
      expect(best.feature).toBe(-1);
    }
  });
});
