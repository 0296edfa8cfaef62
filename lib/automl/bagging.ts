// k-fold bagging: each member is fitted once per fold; out-of-fold predictions score it and feed
// the ensemble, and the member predicts the mean of its fold models. A holdout is the one-fold case.
import { AutoMLError } from './errors';
import { findFamily } from './families';
import { takeRows } from './holdout';
import { Random } from './random';
import type { FitRunner } from './runner';
import { withStackInputs } from './stack';
import type { MemberFit, ModelSpec, Trainer, TrainerContext } from './trainer';
import type { LabelledMatrix, TrainedModel } from './types';

/** Row indices (ascending) a fold model trains on and the rows it is validated on. */
export interface Fold {
  train: Uint32Array;
  valid: Uint32Array;
}

/** k seeded folds over rows 0..n-1: every row lies in exactly one fold's `valid`. */
export function kFolds(n: number, k: number, random: Random): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new AutoMLError('INVALID_OPTION', `folds=${k} must be a whole number from 2 to ${n}`);
  }
  const order = random.permutation(n);
  const foldOf = new Uint8Array(n);
  for (let p = 0; p < n; p++) foldOf[order[p]] = p % k;
  return Array.from({ length: k }, (_, f) => {
    const valid: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? valid : train).push(i);
    return { train: Uint32Array.from(train), valid: Uint32Array.from(valid) };
  });
}

/**
 * Fits each spec on every fold, all folds at once on the runner. Each fold model stops early on
 * its own held-out fold (as AutoGluon does) and predicts only that fold, so no row is ever scored
 * by a model that saw it. The scoring rows are the union of the held-out folds, ascending.
 */
export class BaggedTrainer implements Trainer {
  readonly kind: 'holdout' | 'bagged';
  readonly foldCount: number;
  readonly scoringRows: Uint32Array;
  readonly scoringLabels: Float64Array;
  // Position of each data row among the scoring rows (-1 when not scored).
  private readonly position: Int32Array;

  /** `data` holds every labelled row, prepared by the runner (shared memory for threads). */
  constructor(
    readonly data: LabelledMatrix,
    private readonly folds: Fold[],
    private readonly runner: FitRunner,
  ) {
    this.kind = folds.length === 1 ? 'holdout' : 'bagged';
    this.foldCount = folds.length;
    const scored = new Uint8Array(data.y.length);
    for (const fold of folds) for (const row of fold.valid) scored[row] = 1;
    this.scoringRows = Uint32Array.from(scored.keys()).filter((row) => scored[row] === 1);
    this.position = new Int32Array(data.y.length).fill(-1);
    this.scoringRows.forEach((row, p) => (this.position[row] = p));
    this.scoringLabels = Float64Array.from(this.scoringRows, (row) => data.y[row]);
  }

  async fit(spec: ModelSpec, context: TrainerContext): Promise<MemberFit> {
    const entry = findFamily(spec.family);
    if (entry === undefined) {
      throw new AutoMLError('INVALID_OPTION', `unknown model family '${spec.family}'`);
    }
    if (entry.leaveOneOut && this.kind === 'bagged' && this.scoresEveryRow()) {
      return this.fitLeavingOneOut(spec, context);
    }
    const seeds = foldSeeds(context.seed, this.folds.length);
    const progress = new Float64Array(this.folds.length);
    const results = await Promise.all(
      this.folds.map((fold, f) =>
        this.runner.run(
          {
            family: spec.family,
            params: spec.params,
            train: this.data,
            trainRows: fold.train,
            validRows: fold.valid,
            predictRows: fold.valid,
            seed: seeds[f],
            deadlineMs: context.deadlineMs,
            budgetMs: context.budgetMs,
            skipAfterDeadline: context.skipAfterDeadline,
          },
          (fraction, message) => {
            progress[f] = fraction;
            const label = this.folds.length > 1 ? `fold ${f + 1}/${this.folds.length}: ` : '';
            context.onProgress?.(mean(progress), `${spec.name} ${label}${message}`);
          },
        ),
      ),
    );
    const scoringPredictions = new Float64Array(this.scoringRows.length);
    results.forEach((result, f) => {
      const rows = this.folds[f].valid;
      for (let k = 0; k < rows.length; k++) {
        scoringPredictions[this.position[rows[k]]] = result.predictions![k];
      }
    });
    return {
      member: {
        name: spec.name,
        family: spec.family,
        stackLevel: spec.stackLevel,
        models: results.map((result) => result.model),
        ...(spec.inputs?.length ? { inputs: spec.inputs } : {}),
      },
      scoringPredictions,
      // Summed over folds: the compute the member cost, whatever ran at the same time.
      fitSec: results.reduce((sum, r) => sum + r.fitMs, 0) / 1000,
      predictSec: results.reduce((sum, r) => sum + r.predictMs, 0) / 1000,
    };
  }

  private scoresEveryRow(): boolean {
    return this.scoringRows.length === this.data.y.length;
  }

  /**
   * One model on every row, each row scored by that model with the row left out: still no row is
   * predicted from its own label, and the member predicts with one model instead of k.
   */
  private async fitLeavingOneOut(spec: ModelSpec, context: TrainerContext): Promise<MemberFit> {
    const result = await this.runner.run(
      {
        family: spec.family,
        params: spec.params,
        train: this.data,
        leaveOneOut: true,
        seed: context.seed,
        deadlineMs: context.deadlineMs,
        budgetMs: context.budgetMs,
        skipAfterDeadline: context.skipAfterDeadline,
      },
      (fraction, message) => context.onProgress?.(fraction, `${spec.name} ${message}`),
    );
    return {
      member: {
        name: spec.name,
        family: spec.family,
        stackLevel: spec.stackLevel,
        models: [result.model],
        ...(spec.inputs?.length ? { inputs: spec.inputs } : {}),
      },
      // Every row is scored and the scoring rows are all rows in order: positions are rows.
      scoringPredictions: result.predictions!,
      fitSec: result.fitMs / 1000,
      predictSec: result.predictMs / 1000,
    };
  }

  async refit(spec: ModelSpec, context: TrainerContext): Promise<TrainedModel> {
    const result = await this.runner.run({
      family: spec.family,
      params: spec.params,
      train: this.data,
      seed: context.seed,
      deadlineMs: context.deadlineMs,
    });
    return result.model;
  }

  /**
   * A trainer over some of the rows (positions in `data`), with new seeded folds over them: as
   * many as this trainer has, fewer when the rows are too few.
   */
  subset(rows: Uint32Array, random: Random): BaggedTrainer {
    if (this.kind === 'holdout') throw new Error('a subset trainer needs k-fold bagging');
    const data = takeRows(this.data.X, this.data.y, rows);
    const folds = kFolds(rows.length, Math.min(this.foldCount, rows.length), random);
    return new BaggedTrainer(this.runner.prepare(data), folds, this.runner);
  }

  /**
   * The trainer of the next stack level: the same folds on the features plus one column per input
   * holding its out-of-fold predictions. Needs every row scored (bagging), so that each level-2
   * fold model trains only on predictions made by models that did not see those rows.
   */
  stacked(inputs: string[], outOfFold: Map<string, Float64Array>): BaggedTrainer {
    if (this.scoringRows.length !== this.data.y.length) {
      throw new Error('stacking needs out-of-fold predictions of every row (k-fold bagging)');
    }
    const X = withStackInputs(this.data.X, inputs, (name) => outOfFold.get(name)!);
    return new BaggedTrainer(this.runner.prepare({ X, y: this.data.y }), this.folds, this.runner);
  }
}

// One fold keeps the member's seed, so a holdout fit is the same model as before bagging existed.
function foldSeeds(seed: number, k: number): number[] {
  if (k === 1) return [seed];
  const random = new Random(seed);
  return Array.from({ length: k }, () => random.nextUint32());
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
