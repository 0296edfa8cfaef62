// Permutation feature importance: how much the RMSE grows when one source column is shuffled.
import { blend } from './ensemble';
import { rmse } from './metrics';
import { Random } from './random';
import { StackedPredictions } from './stack';
import type { Member } from './trainer';
import type { FeatureMatrix } from './types';

/** Options of a permutation-importance measurement. */
export interface ImportanceOptions {
  /** Shuffles per feature (default 5); more give a smaller standard deviation. */
  shuffles?: number;
  /** Stop adding shuffles after this many seconds (default none); unreached features get null. */
  timeLimitSec?: number;
  /** Seed of the shuffles and of the row sample (default 0). */
  seed?: number;
  /**
   * Measure only the members the ensemble uses (weighted ones and what they stack on); the others
   * get no per-model entry. Cheaper when unused members are slow to predict (default false).
   */
  usedMembersOnly?: boolean;
}

/** RMSE increase when the source column `feature` is shuffled (label units; ≈ 0 = unused). */
export interface FeatureImportance {
  feature: string;
  /** Mean increase over the shuffles done; null when none was. */
  mean: number | null;
  /** Sample standard deviation of the increase (0 with one shuffle); null when none was done. */
  std: number | null;
  shuffles: number;
}

/** Importance for the whole predictor and for each member, on `rows` rows. */
export interface ImportanceResult {
  rows: number;
  baselineRmse: number;
  /** Whole predictor, most important first. */
  features: FeatureImportance[];
  /** Per member name, in the same feature order as `features`. */
  models: Record<string, FeatureImportance[]>;
  /** True when the time limit stopped the shuffles early. */
  timedOut: boolean;
}

/** What the measurement needs of a predictor. */
export interface ImportanceTarget {
  members: Member[];
  weights: Float64Array;
}

/**
 * Shuffles each source column's matrix columns (all with one permutation, so derived columns
 * such as date parts stay consistent with each other) and measures the RMSE increase of the
 * ensemble and of each member, `shuffles` times. Shuffle rounds go over every feature before the
 * next round starts, so a time limit leaves every feature with about the same number of shuffles.
 */
export function permutationImportance(
  target: ImportanceTarget,
  X: FeatureMatrix,
  y: Float64Array,
  sources: string[],
  options: ImportanceOptions = {},
): ImportanceResult {
  const shuffles = options.shuffles ?? 5;
  const started = Date.now();
  const deadline = options.timeLimitSec ? started + options.timeLimitSec * 1000 : Infinity;
  const random = new Random(options.seed ?? 0);
  if (options.usedMembersOnly) target = usedMembers(target);
  const names = target.members.map((member) => member.name);
  let baseline = scores(target, X, y);
  // One round (a shuffle of every feature) must fit in the time, or the features late in the
  // order would get nothing: fewer rows then (the rows are a random sample, so their first part
  // is one too), down to MIN_ROWS.
  const roundMs = (Date.now() - started) * sources.length;
  const leftMs = deadline - Date.now();
  if (roundMs > leftMs && X.numRows > MIN_ROWS) {
    const keep = Math.max(MIN_ROWS, Math.floor((X.numRows * leftMs) / (roundMs * ROUND_MARGIN)));
    if (keep < X.numRows) {
      X = firstRows(X, keep);
      y = y.subarray(0, keep);
      baseline = scores(target, X, y);
    }
  }
  // increases[m][f] = RMSE increases of member m (last: the ensemble) for feature f.
  const increases = [...names, ''].map(() => sources.map((): number[] => []));
  let timedOut = false;
  for (let s = 0; s < shuffles && !timedOut; s++) {
    for (const [f, source] of sources.entries()) {
      if (Date.now() >= deadline) {
        timedOut = true;
        break;
      }
      const shuffled = scores(target, shuffleSource(X, source, random), y);
      shuffled.forEach((score, m) => increases[m][f].push(score - baseline[m]));
    }
  }
  const summarise = (m: number) => sources.map((feature, f) => summary(feature, increases[m][f]));
  const models: Record<string, FeatureImportance[]> = {};
  names.forEach((name, m) => (models[name] = summarise(m)));
  const features = summarise(names.length).sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1));
  return { rows: X.numRows, baselineRmse: baseline[names.length], features, models, timedOut };
}

/** Fewest rows importance is measured on when the time is short. */
const MIN_ROWS = 500;
/** Spare time asked of the first round when rows are cut to fit it. */
const ROUND_MARGIN = 1.5;

function firstRows(X: FeatureMatrix, n: number): FeatureMatrix {
  return { ...X, numRows: n, columns: X.columns.map((column) => column.subarray(0, n)) };
}

// The weighted members and, recursively, the members they stack on, with their weights.
function usedMembers(target: ImportanceTarget): ImportanceTarget {
  const byName = new Map(target.members.map((member) => [member.name, member]));
  const used = new Set<string>();
  const visit = (name: string) => {
    if (used.has(name)) return;
    used.add(name);
    for (const input of byName.get(name)?.inputs ?? []) visit(input);
  };
  target.members.forEach((member, m) => {
    if (target.weights[m] > 0) visit(member.name);
  });
  const kept = target.members.flatMap((member, m) => (used.has(member.name) ? [m] : []));
  return {
    members: kept.map((m) => target.members[m]),
    weights: Float64Array.from(kept, (m) => target.weights[m]),
  };
}

// RMSE of every member, then of the weighted ensemble, on one matrix.
function scores(target: ImportanceTarget, X: FeatureMatrix, y: Float64Array): number[] {
  const stack = new StackedPredictions(target.members, X);
  const predictions = target.members.map((member) => stack.get(member.name));
  return [
    ...predictions.map((p) => rmse(y, p)),
    rmse(y, blend(predictions, target.weights, y.length)),
  ];
}

function shuffleSource(X: FeatureMatrix, source: string, random: Random): FeatureMatrix {
  const order = random.permutation(X.numRows);
  const columns = X.columns.map((column, j) =>
    X.features[j].source === source ? Float64Array.from(order, (i) => column[i]) : column,
  );
  return { ...X, columns };
}

function summary(feature: string, values: number[]): FeatureImportance {
  if (values.length === 0) return { feature, mean: null, std: null, shuffles: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
  return { feature, mean, std, shuffles: values.length };
}
