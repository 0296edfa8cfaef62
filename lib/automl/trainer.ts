// Trainers fit one model spec and give its predictions on the scoring rows the ensemble learns from.
// The holdout trainer is here; k-fold bagging (scoring rows = out-of-fold rows) implements the same
// interface, and a stacking level is a trainer whose matrix carries the previous level's predictions.

import { findFamily } from './families';
import { concatRows } from './holdout';
import { AutoMLError } from './errors';
import type { FeatureMatrix, FitContext, LabelledMatrix, TrainedModel } from './types';

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
  readonly kind: 'holdout';
  /** Models per member (1 for a holdout, k for k-fold bagging). */
  readonly foldCount: number;
  /** Labels of the scoring rows, aligned with every MemberFit's `scoringPredictions`. */
  readonly scoringLabels: Float64Array;
  fit(spec: ModelSpec, context: FitContext): Promise<MemberFit>;
  /**
   * Fits `spec` again on every labelled row (training and scoring rows) with settings frozen from
   * the first fit, so the final model learns from all the data. Scores stay those of `fit`.
   */
  refit(spec: ModelSpec, context: FitContext): Promise<TrainedModel>;
}

/** Fits on the training part; scores and ensembles on the held-out validation part. */
export class HoldoutTrainer implements Trainer {
  readonly kind = 'holdout';
  readonly foldCount = 1;

  constructor(
    private readonly train: LabelledMatrix,
    private readonly valid: LabelledMatrix,
  ) {}

  get scoringLabels(): Float64Array {
    return this.valid.y;
  }

  // Asynchronous so that a trainer may fit in worker threads; this one fits in the calling thread.
  async fit(spec: ModelSpec, context: FitContext): Promise<MemberFit> {
    const entry = familyOf(spec);
    const fitStart = performance.now();
    const model = entry.family.fit(this.train, this.valid, spec.params, context);
    const predictStart = performance.now();
    const scoringPredictions = model.predict(this.valid.X);
    const end = performance.now();
    return {
      member: {
        name: spec.name,
        family: spec.family,
        stackLevel: spec.stackLevel,
        models: [model],
      },
      scoringPredictions,
      fitSec: (predictStart - fitStart) / 1000,
      predictSec: (end - predictStart) / 1000,
    };
  }

  async refit(spec: ModelSpec, context: FitContext): Promise<TrainedModel> {
    // Built when needed and dropped after, so the full copy is not held during the first fits.
    const all = concatRows(this.train, this.valid);
    return familyOf(spec).family.fit(all, undefined, spec.params, context);
  }
}

function familyOf(spec: ModelSpec) {
  const entry = findFamily(spec.family);
  if (entry === undefined) {
    throw new AutoMLError('INVALID_OPTION', `unknown model family '${spec.family}'`);
  }
  return entry;
}
