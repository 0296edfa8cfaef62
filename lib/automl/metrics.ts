// Regression metrics over typed arrays: RMSE, MSE, MAE, R², MAPE, median and max error, explained variance.

/** Every metric the engine reports. NaN where a metric is undefined (e.g. R² of a constant label). */
export interface RegressionMetrics {
  rmse: number;
  mse: number;
  mae: number;
  r2: number;
  /** Mean absolute percentage error in percent, over rows whose label is not zero. */
  mape: number;
  /** Rows left out of MAPE because their label is zero. */
  mapeExcludedZeroLabels: number;
  medianAbsoluteError: number;
  maxError: number;
  explainedVariance: number;
  /** Rows scored. */
  count: number;
}

/** Metrics a fit can score and rank its models by. */
export const EVAL_METRICS = ['rmse', 'mae', 'r2'] as const;
export type EvalMetric = (typeof EVAL_METRICS)[number];

/** True for metrics where a higher value is better (R²). */
export function higherIsBetter(metric: EvalMetric): boolean {
  return metric === 'r2';
}

/** `metric` of `predictions` against `labels`; NaN for R² of a constant label. */
export function metricScore(
  metric: EvalMetric,
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
): number {
  if (metric === 'rmse') return rmse(labels, predictions);
  if (metric === 'mae') return mae(labels, predictions);
  let labelSum = 0;
  for (let i = 0; i < labels.length; i++) labelSum += labels[i];
  const labelVariance = variance(labels, labelSum / labels.length);
  return labelVariance > 0 ? 1 - mse(labels, predictions) / labelVariance : NaN;
}

/** Mean absolute error. */
export function mae(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += Math.abs(predictions[i] - labels[i]);
  return sum / labels.length;
}

/** Root mean squared error of `predictions` against `labels` (same length). */
export function rmse(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  return Math.sqrt(mse(labels, predictions));
}

/** Mean squared error. */
export function mse(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const e = predictions[i] - labels[i];
    sum += e * e;
  }
  return sum / labels.length;
}

/** All metrics at once; `labels` and `predictions` must have equal, non-zero length. */
export function regressionMetrics(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
): RegressionMetrics {
  const n = labels.length;
  if (predictions.length !== n) {
    throw new Error(`${predictions.length} predictions for ${n} labels`);
  }
  const errors = new Float64Array(n);
  let labelSum = 0;
  let errorSum = 0;
  let absSum = 0;
  let maxError = 0;
  let pctSum = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const e = labels[i] - predictions[i];
    errors[i] = e;
    labelSum += labels[i];
    errorSum += e;
    absSum += Math.abs(e);
    if (Math.abs(e) > maxError) maxError = Math.abs(e);
    if (labels[i] === 0) zeros++;
    else pctSum += Math.abs(e / labels[i]);
  }
  const mseValue = mse(labels, predictions);
  const labelVariance = variance(labels, labelSum / n);
  const errorVariance = variance(errors, errorSum / n);
  return {
    rmse: Math.sqrt(mseValue),
    mse: mseValue,
    mae: absSum / n,
    r2: labelVariance > 0 ? 1 - mseValue / labelVariance : NaN,
    mape: n > zeros ? (100 * pctSum) / (n - zeros) : NaN,
    mapeExcludedZeroLabels: zeros,
    medianAbsoluteError: median(errors.map(Math.abs)),
    maxError,
    explainedVariance: labelVariance > 0 ? 1 - errorVariance / labelVariance : NaN,
    count: n,
  };
}

function variance(values: ArrayLike<number>, mean: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - mean) ** 2;
  return sum / values.length;
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
