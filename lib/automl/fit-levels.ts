// Fitting a plan's levels: level 1 on the features, then level 2 on the features plus level 1's
// out-of-fold predictions, under one time plan.

import type { BaggedTrainer } from './bagging';
import { fitModels, type ModelsOutcome } from './fit-models';
import type { ModelPlan } from './plan';
import { planTime, type PlanInput, type PlannedFit } from './time-plan';
import type { ProgressCallback } from './types';

// Each worker thread loads the engine (see parallel/entry.ts) before its first fit; the margin
// covers a loaded machine.
const THREAD_STARTUP_MS = 1500;

// Level 1 on the features; then, with stacking, level 2 on the features plus the out-of-fold
// predictions of every level-1 model that finished. One time plan covers both levels.
export async function fitLevels(
  trainer: BaggedTrainer,
  plan: ModelPlan,
  budget: { deadlineMs?: number; concurrency: number; onProgress: ProgressCallback },
): Promise<ModelsOutcome> {
  const planInput = {
    trainRows: trainer.data.y.length - trainer.scoringRows.length / trainer.foldCount,
    features: trainer.data.X.features.length,
    folds: plan.folds,
    concurrency: budget.concurrency,
    availableMs: budget.deadlineMs === undefined ? undefined : budget.deadlineMs - Date.now(),
    startupMs: budget.concurrency > 1 ? THREAD_STARTUP_MS : 0,
  };
  const level2Inputs = plan.level1.map((spec) => spec.name);
  const level2 = plan.level2.map((spec) => ({ ...spec, inputs: level2Inputs }));
  const planned = planTime([...plan.level1, ...level2], planInput);
  const split = plan.level1.length;
  const share = level2.length > 0 ? 0.8 : 1;
  const firstTry = await fitModels(trainer, planned.slice(0, split), {
    deadlineMs: budget.deadlineMs,
    firstMustRun: true,
    onProgress: (fraction, message) => budget.onProgress(fraction * share, message),
  });
  const { first, level2Plan } = await secondChance(trainer, planned, split, firstTry, {
    ...planInput,
    deadlineMs: budget.deadlineMs,
    onProgress: (message) => budget.onProgress(share, message),
  });
  if (level2.length === 0 || first.fits.length === 0) return first;

  const inputs = first.fits.map((f) => f.member.name);
  const outOfFold = new Map(first.fits.map((f) => [f.member.name, f.scoringPredictions]));
  const stacked = trainer.stacked(inputs, outOfFold);
  const second = await fitModels(
    stacked,
    level2Plan.map((fit) => ({ ...fit, spec: { ...fit.spec, inputs } })),
    {
      deadlineMs: budget.deadlineMs,
      firstMustRun: false,
      onProgress: (fraction, message) => budget.onProgress(share + fraction * (1 - share), message),
    },
  );
  return { fits: [...first.fits, ...second.fits], rows: [...first.rows, ...second.rows] };
}

// The estimates are rough: when level 1 ends early, the level-1 models the plan skipped get a
// second plan over the time left, made together with level 2 (re-planned too), rather than the
// time going unused. Their leaderboard rows replace the skipped ones.
async function secondChance(
  trainer: BaggedTrainer,
  planned: PlannedFit[],
  split: number,
  firstTry: ModelsOutcome,
  context: PlanInput & { deadlineMs?: number; onProgress: (message: string) => void },
): Promise<{ first: ModelsOutcome; level2Plan: PlannedFit[] }> {
  const skipped = planned.slice(0, split).filter((fit) => fit.skipReason !== undefined);
  const level2Plan = planned.slice(split);
  if (context.deadlineMs === undefined || skipped.length === 0) {
    return { first: firstTry, level2Plan };
  }
  const specs = [...skipped, ...level2Plan].map((fit) => fit.spec);
  const availableMs = context.deadlineMs - Date.now();
  const replanned = planTime(specs, { ...context, availableMs, startupMs: 0 }, false);
  const again = replanned.slice(0, skipped.length).filter((fit) => fit.skipReason === undefined);
  const extra = await fitModels(trainer, again, {
    deadlineMs: context.deadlineMs,
    firstMustRun: false,
    onProgress: (_, message) => context.onProgress(message),
  });
  const rows = firstTry.rows.map((row) => extra.rows.find((r) => r.name === row.name) ?? row);
  const first = { fits: [...firstTry.fits, ...extra.fits], rows };
  return { first, level2Plan: replanned.slice(skipped.length) };
}
