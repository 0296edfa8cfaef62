// Ridge regression: normal equations accumulated row by row over a sparse design, solved by Cholesky.

import { Random } from '../random';
import type { FeatureMatrix, LabelledMatrix } from '../types';
import { solveRidgeSystem } from './cholesky';
import { designRow, rowScratch, type LinearLayout } from './design';

/** Sufficient statistics of a design: XᵀX, column sums, Xᵀy and the label's mean and spread. */
export interface NormalEquations {
  gram: Float64Array;
  sums: Float64Array;
  xty: Float64Array;
  yMean: number;
  yStd: number;
  n: number;
}

/** Accumulates the normal equations over the rows of X (or only `rows`). */
export function normalEquations(
  layout: LinearLayout,
  X: FeatureMatrix,
  y: Float64Array,
  rows?: Uint32Array,
): NormalEquations {
  const p = layout.width;
  const n = rows ? rows.length : X.numRows;
  const gram = new Float64Array(p * p);
  const sums = new Float64Array(p);
  const xty = new Float64Array(p);
  const { index, value } = rowScratch(layout);
  let ySum = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const nnz = designRow(layout, X, i, index, value);
    ySum += y[i];
    for (let a = 0; a < nnz; a++) {
      const row = index[a] * p;
      sums[index[a]] += value[a];
      xty[index[a]] += value[a] * y[i];
      for (let b = 0; b < nnz; b++) gram[row + index[b]] += value[a] * value[b];
    }
  }
  const yMean = ySum / n;
  let squares = 0;
  for (let r = 0; r < n; r++) squares += (y[rows ? rows[r] : r] - yMean) ** 2;
  const yStd = Math.sqrt(squares / n) || 1;
  return { gram, sums, xty, yMean, yStd, n };
}

/** Coefficients in label units for one penalty, plus the intercept; null if the solve failed. */
export interface RidgeSolution {
  coef: Float64Array;
  intercept: number;
}

/**
 * Solves the centred, scaled problem (XcᵀXc/n + λI) β = Xcᵀ(y − ȳ)/(n·sd(y)), so that `lambda`
 * means the same thing whatever the number of rows or the label's units.
 */
export function solveRidge(eq: NormalEquations, lambda: number): RidgeSolution | null {
  const p = eq.sums.length;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const meanA = eq.sums[a] / eq.n;
    b[a] = (eq.xty[a] / eq.n - meanA * eq.yMean) / eq.yStd;
    for (let c = 0; c < p; c++) {
      A[a * p + c] = eq.gram[a * p + c] / eq.n - meanA * (eq.sums[c] / eq.n);
    }
  }
  const beta = solveRidgeSystem(A, b, lambda);
  if (beta === null) return null;
  let intercept = eq.yMean;
  const coef = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    coef[a] = beta[a] * eq.yStd;
    intercept -= coef[a] * (eq.sums[a] / eq.n);
  }
  return { coef, intercept };
}

/** Predictions of a solution for every row of X. */
export function predictRidge(
  layout: LinearLayout,
  solution: RidgeSolution,
  X: FeatureMatrix,
): Float64Array {
  const out = new Float64Array(X.numRows);
  const { index, value } = rowScratch(layout);
  for (let i = 0; i < X.numRows; i++) {
    const nnz = designRow(layout, X, i, index, value);
    let sum = solution.intercept;
    for (let a = 0; a < nnz; a++) sum += value[a] * solution.coef[index[a]];
    out[i] = sum;
  }
  return out;
}

/**
 * Picks the penalty with the lowest validation error. Without a validation set, a seeded fifth of
 * the training rows plays that part; the final model is then solved on all training rows.
 */
export function choosePenalty(
  layout: LinearLayout,
  train: LabelledMatrix,
  valid: LabelledMatrix | undefined,
  lambdas: number[],
  seed: number,
): { lambda: number; validRmse: number[] } {
  const split = valid ? undefined : innerSplit(train.X.numRows, seed);
  const eq = normalEquations(layout, train.X, train.y, split?.fit);
  const scoreX = valid ? valid.X : train.X;
  const scoreY = valid ? valid.y : train.y;
  const validRmse = lambdas.map((lambda) => {
    const solution = solveRidge(eq, lambda);
    if (solution === null) return Infinity;
    const predictions = predictRidge(layout, solution, scoreX);
    let sum = 0;
    const rows = split?.score;
    const n = rows ? rows.length : scoreY.length;
    for (let r = 0; r < n; r++) {
      const i = rows ? rows[r] : r;
      sum += (predictions[i] - scoreY[i]) ** 2;
    }
    return Math.sqrt(sum / n);
  });
  let best = 0;
  for (let k = 1; k < lambdas.length; k++) if (validRmse[k] < validRmse[best]) best = k;
  return { lambda: lambdas[best], validRmse };
}

function innerSplit(n: number, seed: number) {
  const order = new Random(seed).permutation(n);
  const scoreCount = Math.max(1, Math.floor(n * 0.2));
  return { score: order.slice(0, scoreCount), fit: order.slice(scoreCount) };
}
