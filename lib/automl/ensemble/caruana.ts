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
 */
export function selectEnsemble(
  predictions: Float64Array[],
  labels: Float64Array,
  rounds = 25,
  loss: EnsembleLoss = 'squared',
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
