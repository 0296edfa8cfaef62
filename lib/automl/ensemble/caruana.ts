// Greedy forward ensemble selection with replacement (Caruana et al., 2004) over validation predictions.

/** What selection minimises: squared errors (RMSE, R²) or absolute errors (MAE). */
export type EnsembleLoss = 'squared' | 'absolute';

/** The outcome: one weight per candidate (summing to 1) and the validation loss after each step. */
export interface EnsembleSelection {
  weights: Float64Array;
  /** Candidate chosen at each step, in order. */
  picks: number[];
  /** Validation RMSE (or MAE, with the absolute loss) of the ensemble after each step. */
  history: number[];
}

/**
 * Adds, `rounds` times, the candidate whose inclusion lowers validation RMSE (or MAE) most (a candidate may
 * be added again, which raises its weight). Ties go to the earlier candidate, so the result is
 * deterministic. `predictions[m][i]` is candidate m's prediction of row i; `labels[i]` its label.
 * Candidates in `excluded` are never picked.
 */
export function selectEnsemble(
  predictions: Float64Array[],
  labels: Float64Array,
  rounds = 25,
  loss: EnsembleLoss = 'squared',
  excluded: ReadonlySet<number> = new Set(),
): EnsembleSelection {
  const n = labels.length;
  const sum = new Float64Array(n);
  const counts = new Float64Array(predictions.length);
  const picks: number[] = [];
  const history: number[] = [];
  for (let step = 1; step <= rounds; step++) {
    let best = -1;
    let bestRmse = Infinity;
    for (let m = 0; m < predictions.length; m++) {
      if (excluded.has(m)) continue;
      const rmse =
        loss === 'squared'
          ? rmseOfMean(sum, predictions[m], step, labels)
          : maeOfMean(sum, predictions[m], step, labels);
      if (rmse < bestRmse) {
        best = m;
        bestRmse = rmse;
      }
    }
    if (best < 0) break;
    const chosen = predictions[best];
    for (let i = 0; i < n; i++) sum[i] += chosen[i];
    counts[best]++;
    picks.push(best);
    history.push(bestRmse);
  }
  const weights = counts.map((count) => count / Math.max(1, picks.length));
  return { weights, picks, history };
}

/** What `pruneCostly` may give up, and for how much. */
export interface PruneLimits {
  /** Largest relative rise of the final validation loss accepted, for all removals together. */
  tolerance: number;
  /** A member is only worth removing when it costs at least this share of the prediction time. */
  costShare: number;
}

/**
 * Leaves out of the ensemble, one at a time, the weighted member that costs the most prediction
 * time, while it costs at least `costShare` of the weighted members' time and the selection
 * without it (rerun from scratch) loses at most `tolerance` of `selection`'s final loss. `cost[m]`
 * is member m's prediction time; `fixed` members (inputs of other members, predicted anyway) are
 * never left out. Returns the last accepted selection and the members left out.
 */
export function pruneCostly(
  predictions: Float64Array[],
  labels: Float64Array,
  selection: EnsembleSelection,
  options: {
    rounds: number;
    loss: EnsembleLoss;
    cost: ArrayLike<number>;
    fixed: ReadonlySet<number>;
    limits: PruneLimits;
  },
): { selection: EnsembleSelection; pruned: number[] } {
  const { cost, limits } = options;
  const target = selection.history[selection.history.length - 1] * (1 + limits.tolerance);
  const excluded = new Set<number>();
  let current = selection;
  for (;;) {
    let total = 0;
    let costliest = -1;
    let weighted = 0;
    current.weights.forEach((weight, m) => {
      if (weight === 0) return;
      weighted++;
      total += cost[m];
      if (!options.fixed.has(m) && (costliest < 0 || cost[m] > cost[costliest])) costliest = m;
    });
    if (weighted < 2 || costliest < 0 || cost[costliest] < limits.costShare * total) break;
    excluded.add(costliest);
    const without = selectEnsemble(predictions, labels, options.rounds, options.loss, excluded);
    if (!(without.history[without.history.length - 1] <= target)) {
      excluded.delete(costliest);
      break;
    }
    current = without;
  }
  return { selection: current, pruned: [...excluded] };
}

// RMSE of (sum + candidate) / step against labels, without allocating.
function rmseOfMean(
  sum: Float64Array,
  candidate: Float64Array,
  step: number,
  labels: Float64Array,
) {
  let squares = 0;
  for (let i = 0; i < labels.length; i++) {
    const e = (sum[i] + candidate[i]) / step - labels[i];
    squares += e * e;
  }
  return Math.sqrt(squares / labels.length);
}

/**
 * Weighted sum of member predictions (`numRows` each), skipping zero weights (whose entries may be
 * empty). The fixed order makes a saved and a
 * reloaded predictor agree bit for bit.
 */
export function blend(
  predictions: Float64Array[],
  weights: ArrayLike<number>,
  numRows: number,
): Float64Array {
  const out = new Float64Array(numRows);
  for (let m = 0; m < predictions.length; m++) {
    const w = weights[m];
    if (w === 0) continue;
    const p = predictions[m];
    for (let i = 0; i < out.length; i++) out[i] += w * p[i];
  }
  return out;
}

// MAE of (sum + candidate) / step against labels, without allocating.
function maeOfMean(sum: Float64Array, candidate: Float64Array, step: number, labels: Float64Array) {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const e = (sum[i] + candidate[i]) / step - labels[i];
    total += e < 0 ? -e : e;
  }
  return total / labels.length;
}
