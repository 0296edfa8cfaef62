// Split search in one node: scores the features drawn for it, from its histogram (large nodes) or
// from sums of its own rows (small ones), and keeps the best split.
import type { BinMapper } from '../gbdt/binning';
import * as histogram from './histogram';
import type { GrowOptions, GrowScratch, TreeSample } from './scratch';
import * as split from './split';
import type { ForestSplit, NodeSums, SplitContext } from './split';

// Local bindings for functions called per node and feature: compiled to CommonJS (tsx, jest), each
// use of a named import is a getter call, which showed as several percent of a forest's fit time.
const { clearBins, HIST_STRIDE, orderTouched, presentBins, sumAllFeatures, sumFeature } = histogram;
const { categoricalSplit, emptySplit, numericSplit } = split;

/** The rows `rows[start..end)` of a node, their totals, and its histogram when it is large. */
export interface NodeToSplit {
  start: number;
  end: number;
  sums: NodeSums;
  hist: Float64Array | null;
}

/**
 * Evaluates drawn features until `featuresPerSplit` non-constant ones have been seen (features
 * constant in this node do not count, as in scikit-learn), keeping the best split.
 */
export function findSplit(
  sample: TreeSample,
  mappers: BinMapper[],
  pending: NodeToSplit,
  options: GrowOptions,
  ctx: SplitContext,
  scratch: GrowScratch,
): ForestSplit {
  const best = emptySplit();
  const order = scratch.featureOrder;
  const numFeatures = order.length;
  const drawing = options.featuresPerSplit < numFeatures;
  if (!drawing && pending.hist === null) {
    allFeaturesSplit(sample, mappers, pending, ctx, scratch, best);
    return best;
  }
  let seen = 0;
  for (let j = 0; j < numFeatures && seen < options.featuresPerSplit; j++) {
    if (drawing) {
      // Partial Fisher–Yates: order[0..j] are distinct uniform draws.
      const r = j + ctx.rng.int(numFeatures - j);
      const swap = order[j];
      order[j] = order[r];
      order[r] = swap;
    }
    if (evaluateFeature(sample, mappers, order[j], pending, ctx, scratch, best)) seen++;
  }
  return best;
}

/** A small node with every feature a candidate: one pass sums them all, then each is scored. */
function allFeaturesSplit(
  sample: TreeSample,
  mappers: BinMapper[],
  pending: NodeToSplit,
  ctx: SplitContext,
  scratch: GrowScratch,
  best: ForestSplit,
): void {
  const { accAll, touched, touchedCounts, bins } = scratch;
  sumAllFeatures(accAll, touched, touchedCounts, sample, pending.start, pending.end);
  for (let f = 0; f < mappers.length; f++) {
    const mapper = mappers[f];
    const k = orderTouched(accAll, touched, touchedCounts, f, mapper.numBins, bins);
    const base = f * HIST_STRIDE;
    if (mapper.categorical) {
      categoricalSplit(accAll, base, bins, k, f, scratch.keys, pending.sums, ctx, best);
    } else {
      numericSplit(accAll, base, bins, k, f, mapper, pending.sums, ctx, best);
    }
    clearBins(accAll, base, bins, k);
  }
}

function evaluateFeature(
  sample: TreeSample,
  mappers: BinMapper[],
  f: number,
  pending: NodeToSplit,
  ctx: SplitContext,
  scratch: GrowScratch,
  best: ForestSplit,
): boolean {
  const mapper = mappers[f];
  const { bins } = scratch;
  const fromHist = pending.hist !== null;
  const acc = pending.hist ?? scratch.acc;
  const base = fromHist ? f * HIST_STRIDE : 0;
  const k = fromHist
    ? presentBins(acc, base, mapper.numBins, bins)
    : sumFeature(acc, bins, sample, f, mapper.numBins, pending.start, pending.end);
  const nonConstant = mapper.categorical
    ? categoricalSplit(acc, base, bins, k, f, scratch.keys, pending.sums, ctx, best)
    : numericSplit(acc, base, bins, k, f, mapper, pending.sums, ctx, best);
  if (!fromHist) clearBins(acc, 0, bins, k);
  return nonConstant;
}
