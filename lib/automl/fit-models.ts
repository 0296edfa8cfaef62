// Fitting each planned model within a shared deadline, recording failures and skips on the leaderboard.

import { findFamily } from './families';
import type { LeaderboardRow } from './predictor';
import type { MemberFit, ModelSpec, Trainer } from './trainer';
import type { ProgressCallback } from './types';

/** Time and progress settings shared by all model fits. */
export interface ModelBudget {
  /** Date.now() milliseconds by which model fitting must end; undefined = no limit. */
  deadlineMs?: number;
  onProgress: ProgressCallback;
}

/** The fitted members (in spec order) and one leaderboard row per spec. */
export interface ModelsOutcome {
  fits: MemberFit[];
  rows: LeaderboardRow[];
}

// Below this much time left a later model is skipped rather than started.
const MIN_SHARE_MS = 50;

/**
 * Fits the specs one after another. With a deadline, each gets a share of the time left in
 * proportion to its family's relative cost, and learners stop adding capacity at their share's end.
 * A failing model is recorded with its error; once one model has finished, models that no longer
 * fit in the time left are skipped. The first model always runs, so a fit can return something.
 */
export async function fitModels(
  trainer: Trainer,
  specs: (ModelSpec & { seed: number })[],
  budget: ModelBudget,
): Promise<ModelsOutcome> {
  const costs = specs.map((spec) => findFamily(spec.family)?.relativeCost ?? 1);
  const totalCost = costs.reduce((a, b) => a + b, 0);
  const fits: MemberFit[] = [];
  const rows: LeaderboardRow[] = [];
  let doneCost = 0;
  for (const [k, spec] of specs.entries()) {
    const remainingCost = costs.slice(k).reduce((a, b) => a + b, 0);
    const leftMs = budget.deadlineMs === undefined ? Infinity : budget.deadlineMs - Date.now();
    const shareMs = (leftMs * costs[k]) / remainingCost;
    const start = doneCost / totalCost;
    const span = costs[k] / totalCost;
    doneCost += costs[k];
    if (fits.length > 0 && shareMs < MIN_SHARE_MS) {
      rows.push(emptyRow(spec, trainer, 'skipped', 'the time limit was reached before it started'));
      continue;
    }
    budget.onProgress(start, `fitting ${spec.name}`);
    try {
      const fit = await trainer.fit(spec, {
        seed: spec.seed,
        deadlineMs: Number.isFinite(shareMs)
          ? Date.now() + Math.max(shareMs, MIN_SHARE_MS)
          : undefined,
        onProgress: (fraction, message) => budget.onProgress(start + span * fraction, message),
      });
      const row = fittedRow(spec, trainer, fit);
      rows.push(row);
      if (row.status === 'ok') fits.push(fit);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push(emptyRow(spec, trainer, 'failed', message));
    }
    // Let timers (a job's heartbeat, progress writes) run between fits.
    await yieldToEventLoop();
  }
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
    fitSec: fit.fitSec,
    validationPredictSec: fit.predictSec,
    stackLevel: spec.stackLevel,
    foldCount: trainer.foldCount,
    ensembleWeight: 0,
  };
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
