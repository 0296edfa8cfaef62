// Averaging neighbours' labels, and choosing k and the weighting by squared error on held-out rows.

import { Random } from '../random';
import { nearest, neighbourBuffer, type KdTree, type Neighbours } from './kdtree';
import type { Weighting } from './params';

// Distances below this count as exact matches: 1/distance would overflow, so they alone vote.
const EXACT_DIST2 = 1e-20;

/** The label estimate from the first `k` of `found` neighbours (fewer when fewer were found). */
export function neighbourMean(
  y: Float64Array,
  found: Neighbours,
  k: number,
  weighting: Weighting,
): number {
  const count = Math.min(k, found.count);
  if (count === 0) return NaN;
  if (weighting === 'distance' && found.dist2[0] > EXACT_DIST2) {
    let sum = 0;
    let weights = 0;
    for (let r = 0; r < count; r++) {
      const w = 1 / Math.sqrt(found.dist2[r]);
      sum += w * y[found.index[r]];
      weights += w;
    }
    return sum / weights;
  }
  // Uniform weights, or distance weights with exact matches: the matches (or all) vote equally.
  let used = 0;
  let sum = 0;
  for (let r = 0; r < count; r++) {
    if (weighting === 'distance' && found.dist2[r] > EXACT_DIST2) break;
    sum += y[found.index[r]];
    used++;
  }
  return sum / used;
}

/** Rows to score a candidate on: a design matrix and labels, plus whether they are training rows. */
export interface TuneRows {
  design: Float32Array;
  y: Float64Array;
  /** True when the rows are the tree's own points: each is then left out of its own query. */
  leaveOneOut: boolean;
}

/** The chosen candidate and the root mean squared error of every one scored. */
export interface TuneResult {
  k: number;
  weighting: Weighting;
  rmse: { k: number; weighting: Weighting; rmse: number }[];
  scoredRows: number;
}

/**
 * Scores every (k, weighting) pair on up to `maxRows` seeded rows of `rows` with one k-max query
 * per row, stopping early at `deadlineMs` once some rows are scored. Ties go to the earlier pair.
 */
export function chooseNeighbours(
  tree: KdTree,
  yTrain: Float64Array,
  rows: TuneRows,
  options: {
    kValues: number[];
    weights: Weighting[];
    maxRows: number;
    seed: number;
    deadlineMs?: number;
    onProgress?: (fraction: number) => void;
  },
): TuneResult {
  const kValues = [...new Set(options.kValues)].sort((a, b) => a - b);
  const weights = [...new Set(options.weights)];
  // A single candidate needs no scoring (a refit with the k chosen before).
  const maxRows = kValues.length * weights.length === 1 ? 0 : options.maxRows;
  const sample = sampleRows(rows.y.length, maxRows, options.seed);
  const found = neighbourBuffer(kValues[kValues.length - 1]);
  const query = new Float32Array(tree.dims);
  const errors = new Float64Array(kValues.length * weights.length);
  let scored = 0;
  for (; scored < sample.length; scored++) {
    if (scored % 256 === 0 && scored > 0) {
      if (options.deadlineMs !== undefined && Date.now() > options.deadlineMs) break;
      options.onProgress?.(scored / sample.length);
    }
    const i = sample[scored];
    query.set(rows.design.subarray(i * tree.dims, (i + 1) * tree.dims));
    nearest(tree, query, found, rows.leaveOneOut ? i : -1);
    kValues.forEach((k, a) => {
      weights.forEach((weighting, b) => {
        const error = neighbourMean(yTrain, found, k, weighting) - rows.y[i];
        errors[a * weights.length + b] += error * error;
      });
    });
  }
  return pickBest(kValues, weights, errors, scored);
}

function pickBest(
  kValues: number[],
  weights: Weighting[],
  errors: Float64Array,
  scored: number,
): TuneResult {
  const rmse = kValues.flatMap((k, a) =>
    weights.map((weighting, b) => ({
      k,
      weighting,
      rmse: scored > 0 ? Math.sqrt(errors[a * weights.length + b] / scored) : NaN,
    })),
  );
  let best = rmse[0];
  for (const candidate of rmse) if (candidate.rmse < best.rmse) best = candidate;
  return { k: best.k, weighting: best.weighting, rmse, scoredRows: scored };
}

// All rows in order when there are few; otherwise a seeded sample of `maxRows`.
function sampleRows(n: number, maxRows: number, seed: number): Uint32Array {
  if (n <= maxRows) return Uint32Array.from({ length: n }, (_, i) => i);
  if (maxRows === 0) return new Uint32Array(0);
  return new Random(seed).permutation(n).slice(0, maxRows);
}
