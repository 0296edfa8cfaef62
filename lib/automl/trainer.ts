// Members, model specs and the Trainer contract: fit one spec and give its predictions on the
// scoring rows the ensemble learns from. BaggedTrainer (bagging.ts) implements it for a holdout
// split and for k-fold bagging; a stacking level is a trainer whose matrix carries lower levels'
// out-of-fold predictions.

import type { FeatureMatrix, FitContext, TrainedModel } from './types';

/** One model of a predictor: a family fitted once (holdout) or once per fold (bagging). */
export interface Member {
  name: string;
  family: string;
  /** 1 for models on the features; 2 and up for models that also see lower levels' predictions. */
  stackLevel: number;
  /** The fitted models; predictions average them. */
  models: TrainedModel[];
  /**
   * Lower-level members whose predictions this member sees as extra numeric columns, appended to
   * the features in this order (see stack.ts). Absent or empty on level 1.
   */
  inputs?: string[];
}

/** Predictions of a member for every row of X: the mean of its models, in a fixed order. */
export function predictMember(member: Member, X: FeatureMatrix): Float64Array {
  if (member.models.length === 1) return member.models[0].predict(X);
  const out = new Float64Array(X.numRows);
  for (const model of member.models) {
    const predictions = model.predict(X);
    for (let i = 0; i < out.length; i++) out[i] += predictions[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= member.models.length;
  return out;
}

/** What to fit: a family, its settings and the member's name. */
export interface ModelSpec {
  name: string;
  family: string;
  params: Record<string, unknown>;
  stackLevel: number;
  /** Lower members whose out-of-fold predictions this member sees (stack level 2 and up). */
  inputs?: string[];
}

/** A learner's context plus the time plan's share for each fold fit. */
export interface TrainerContext extends FitContext {
  /** Milliseconds each fold fit may take from the moment it starts (queued fits start late). */
  budgetMs?: number;
  /** Refuse to start a fold once `deadlineMs` has passed (see NOT_STARTED_MESSAGE). */
  skipAfterDeadline?: boolean;
}

/** A fitted member, its predictions on the trainer's scoring rows and how long it took. */
export interface MemberFit {
  member: Member;
  scoringPredictions: Float64Array;
  fitSec: number;
  predictSec: number;
}

/** Fits specs on the training data and predicts the scoring rows (validation or out-of-fold). */
export interface Trainer {
  readonly kind: 'holdout' | 'bagged';
  /** Models per member (1 for a holdout, k for k-fold bagging). */
  readonly foldCount: number;
  /** Labels of the scoring rows, aligned with every MemberFit's `scoringPredictions`. */
  readonly scoringLabels: Float64Array;
  fit(spec: ModelSpec, context: TrainerContext): Promise<MemberFit>;
  /**
   * Fits `spec` again on every labelled row (training and scoring rows) with settings frozen from
   * the first fit, so the final model learns from all the data. Scores stay those of `fit`.
   */
  refit(spec: ModelSpec, context: TrainerContext): Promise<TrainedModel>;
}
