// Fitting the planned models of one stack level, all submitted at once to the trainer's runner,
// recording failures and skips on the leaderboard.

import { NOT_STARTED_MESSAGE } from './parallel';
import type { LeaderboardRow } from './predictor';
import type { PlannedFit } from './time-plan';
import type { MemberFit, ModelSpec, Trainer } from './trainer';
import type { ProgressCallback } from './types';

/** Time and progress settings shared by all model fits. */
export interface ModelBudget {
  /** Date.now() milliseconds by which model fitting must end; undefined = no limit. */
  deadlineMs?: number;
  onProgress: ProgressCallback;
  /** The first model runs even past the deadline, so that a fit can return something. */
  firstMustRun: boolean;
}

/** The fitted members (in spec order) and one leaderboard row per spec. */
export interface ModelsOutcome {
  fits: MemberFit[];
  rows: LeaderboardRow[];
}

/**
 * Fits the planned specs. All are handed to the trainer at once: its runner queues their fold fits
 * in plan order and runs as many as it has threads, each within its planned budget and the shared
 * deadline. A failing model is recorded with its error; a model the plan skipped, or whose folds
 * would start after the deadline, is recorded as skipped with the reason.
 */
export async function fitModels(
  trainer: Trainer,
  planned: PlannedFit[],
  budget: ModelBudget,
): Promise<ModelsOutcome> {
  const weights = planned.map((fit) => (fit.skipReason ? 0 : fit.estimateSec));
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
  const progress = new Float64Array(planned.length);
  const report = (k: number, fraction: number, message: string) => {
    progress[k] = fraction;
    let done = 0;
    progress.forEach((p, j) => (done += (p * weights[j]) / totalWeight));
    budget.onProgress(done, message);
  };
  const firstRunning = planned.findIndex((fit) => fit.skipReason === undefined);
  const outcomes = await Promise.all(
    planned.map(async (fit, k): Promise<LeaderboardRow & { fit?: MemberFit }> => {
      const { spec } = fit;
      if (fit.skipReason) return emptyRow(spec, trainer, 'skipped', fit.skipReason);
      try {
        const fitted = await trainer.fit(spec, {
          seed: spec.seed,
          deadlineMs: budget.deadlineMs,
          budgetMs: fit.budgetMs,
          skipAfterDeadline: !(budget.firstMustRun && k === firstRunning),
          onProgress: (fraction, message) => report(k, fraction, message),
        });
        report(k, 1, `${spec.name} done`);
        const row = fittedRow(spec, trainer, fitted);
        return row.status === 'ok' ? { ...row, fit: fitted } : row;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = message === NOT_STARTED_MESSAGE ? 'skipped' : 'failed';
        return emptyRow(spec, trainer, status, message);
      }
    }),
  );
  const fits = outcomes.flatMap((outcome) => (outcome.fit ? [outcome.fit] : []));
  const rows = outcomes.map(({ fit: _, ...row }) => row);
  return { fits, rows };
}

function fittedRow(spec: ModelSpec, trainer: Trainer, fit: MemberFit): LeaderboardRow {
  let squares = 0;
  const labels = trainer.scoringLabels;
  for (let i = 0; i < labels.length; i++) squares += (fit.scoringPredictions[i] - labels[i]) ** 2;
  const validationRmse = Math.sqrt(squares / labels.length);
  return {
    name: spec.name,
    family: spec.family,
    status: Number.isFinite(validationRmse) ? 'ok' : 'failed',
    ...(Number.isFinite(validationRmse) ? {} : { reason: 'predictions are not finite numbers' }),
    validationRmse: Number.isFinite(validationRmse) ? validationRmse : null,
    // Scored in the fit's metric by buildEnsemble, once every model is in.
    validationScore: null,
    fitSec: fit.fitSec,
    validationPredictSec: fit.predictSec,
    stackLevel: spec.stackLevel,
    foldCount: trainer.foldCount,
    ensembleWeight: 0,
  };
}

/** The leaderboard row of a spec that was not fitted, for `reason`. */
export function skippedRow(spec: ModelSpec, trainer: Trainer, reason: string): LeaderboardRow {
  return emptyRow(spec, trainer, 'skipped', reason);
}

function emptyRow(
  spec: ModelSpec,
  trainer: Trainer,
  status: 'failed' | 'skipped',
  reason: string,
): LeaderboardRow {
  return {
    name: spec.name,
    family: spec.family,
    status,
    reason,
    validationRmse: null,
    validationScore: null,
    fitSec: 0,
    validationPredictSec: 0,
    stackLevel: spec.stackLevel,
    foldCount: trainer.foldCount,
    ensembleWeight: 0,
  };
}

/** Resolves on the next turn of the event loop, after pending I/O and timers. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
