// Orchestration of a fit: labels, features, holdout split, model fits, weighted ensemble, metadata.

import type { BaggedTrainer } from './bagging';
import { AutoMLError } from './errors';
import { familyNames, findFamily } from './families';
import type { PipelineFit } from './features';
import { prepareFit } from './fit-prepare';
import { buildEnsemble, describeFit } from './fit-report';
import { fitModels, yieldToEventLoop, type ModelsOutcome } from './fit-models';
import { takeRows } from './holdout';
import { permutationImportance, type ImportanceResult } from './importance';
import { checkEnoughRows, readLabel } from './label';
import { prepareMlpBackend } from './mlp';
import { FitOptionsSchema, type FitOptionsInput, type FitSettings } from './options';
import type { ModelPlan } from './plan';
import { Predictor } from './predictor';
import { PRESETS } from './presets';
import { refitMembers } from './refit';
import { refitBagged } from './refit-bagged';
import type { TableLike } from './table';
import { planTime, type PlanInput, type PlannedFit } from './time-plan';
import type { ProgressCallback } from './types';

/** Options of `fit`: see FitOptionsSchema for each field, plus a progress callback. */
export interface FitOptions extends FitOptionsInput {
  /** Called with the fraction done (0..1) and a short message; never throws back into the fit. */
  onProgress?: ProgressCallback;
}

// Share of the progress bar for the steps around the model fits.
const PREPARE_SHARE = 0.1;
const ENSEMBLE_SHARE = 0.02;
const REFIT_SHARE = 0.3;

/**
 * Fits a predictor of `options.label` on `table` with the preset's plan. Model fits run on worker
 * threads (`threads`), the calling thread only waiting; it yields to the event loop between steps.
 * With `timeLimitSec` the fit returns within it plus a few seconds (an explicit time plan shares it
 * among the models); the same seed and data give the same predictor whatever the thread count.
 * Throws AutoMLError for bad options, labels, too few rows, no usable features or no model.
 */
export async function fit(table: TableLike, options: FitOptions): Promise<Predictor> {
  const startMs = Date.now();
  const settings = parseOptions(options);
  const deadlineMs = settings.timeLimitSec ? startMs + settings.timeLimitSec * 1000 : undefined;
  const onProgress = safeProgress(options.onProgress);
  const phaseSec: Record<string, number> = {};
  const timed = async <T>(phase: string, step: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await step();
    phaseSec[phase] = (performance.now() - t0) / 1000;
    return result;
  };

  onProgress(0, 'reading the label');
  const label = await timed('label', () => readLabel(table, settings.label));
  checkEnoughRows(settings.label, label);
  onProgress(0.03, 'preparing features');
  const { features, plan, trainer, runner } = await timed('features', () =>
    prepareFit(table, label, settings, options.threads),
  );
  try {
    if ([...plan.level1, ...plan.level2].some((spec) => spec.family === 'mlp')) {
      await prepareMlpBackend();
    }
    const stages = progressStages(settings, plan.folds, onProgress);
    await yieldToEventLoop();
    const outcome = await timed('models', () =>
      fitLevels(trainer, plan, {
        deadlineMs: modelsDeadline(settings, startMs, plan.folds),
        concurrency: runner.concurrency,
        onProgress: stages.models,
      }),
    );
    for (const row of outcome.rows) phaseSec[`model:${row.name}`] = row.fitSec;
    requireOneModel(outcome);

    stages.ensemble(0, 'weighting the ensemble');
    const ensemble = await timed('ensemble', () =>
      buildEnsemble(outcome, trainer.scoringLabels, settings),
    );
    const { importance, refit } =
      plan.folds === 1
        ? await finishHoldout(trainer, outcome, ensemble.weights, plan, features.fit, {
            settings,
            deadlineMs,
            onProgress: stages.refit,
            timed,
          })
        : bagRefits(settings)
          ? {
              importance: undefined,
              refit: await timed('refit', () =>
                refitBagged(trainer, outcome, [...plan.level1, ...plan.level2], ensemble.weights, {
                  deadlineMs,
                  concurrency: runner.concurrency,
                  onProgress: stages.refit,
                }),
              ),
            }
          : { importance: undefined, refit: { refitted: [], refitSec: {} } };
    for (const [name, sec] of Object.entries(refit.refitSec)) phaseSec[`refit:${name}`] = sec;
    phaseSec.total = (Date.now() - startMs) / 1000;
    onProgress(1, 'done');
    const scored = trainer.scoringRows.length;
    const labelled = trainer.data.y.length;
    const rows = { training: labelled - (plan.folds === 1 ? scored : 0), validation: scored };
    return new Predictor({
      pipeline: features.fit.pipeline,
      members: outcome.fits.map((f) => f.member),
      weights: ensemble.weights,
      leaderboard: ensemble.leaderboard,
      metadata: {
        ...describeFit(
          settings,
          features.fit,
          label,
          { ...rows, folds: plan.folds },
          features.warnings,
          phaseSec,
        ),
        refitModels: refit.refitted,
        validationMetrics: ensemble.validationMetrics,
        ...(importance ? { featureImportance: importance } : {}),
      },
    });
  } finally {
    await runner.close();
  }
}

// Each worker thread loads the engine (see parallel/entry.ts) before its first fit; the margin
// covers a loaded machine.
const THREAD_STARTUP_MS = 1500;

// Level 1 on the features; then, with stacking, level 2 on the features plus the out-of-fold
// predictions of every level-1 model that finished. One time plan covers both levels.
async function fitLevels(
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

// Progress bar stages: preparing, model fits, ensemble, refits (when on).
function progressStages(settings: FitSettings, folds: number, onProgress: ProgressCallback) {
  const refitShare = (folds === 1 ? settings.refitFull : bagRefits(settings)) ? REFIT_SHARE : 0;
  const modelsEnd = 1 - ENSEMBLE_SHARE - refitShare;
  const scaled =
    (from: number, to: number): ProgressCallback =>
    (fraction, message) =>
      onProgress(from + (to - from) * fraction, message);
  return {
    models: scaled(PREPARE_SHARE, modelsEnd),
    ensemble: scaled(modelsEnd, modelsEnd + ENSEMBLE_SHARE),
    refit: scaled(modelsEnd + ENSEMBLE_SHARE, 1),
  };
}

// The first fits may use all the time but a reserve for the ensemble and the predictor. Refits get
// no share of their own: they run when models converged early and left time, because a model that
// used its whole share is better kept as it is than refitted with fewer rounds.
function modelsDeadline(settings: FitSettings, startMs: number, folds: number): number | undefined {
  if (settings.timeLimitSec === undefined) return undefined;
  const limitMs = settings.timeLimitSec * 1000;
  const reserveMs = folds > 1 && bagRefits(settings) ? limitMs * BAG_REFIT_RESERVE : 0;
  return startMs + limitMs - Math.min(1000, limitMs * 0.05) - reserveMs;
}

// Share of a time limit kept for refitting a bagged preset's members on all rows: a refit costs
// about one fold fit per member the ensemble needs, a fraction of the k fold fits.
const BAG_REFIT_RESERVE = 0.15;

/** Whether a bagged fit ends by refitting its members on all rows (preset and option allow). */
function bagRefits(settings: FitSettings): boolean {
  return settings.refitFull && PRESETS[settings.preset].refitFull;
}

function parseOptions(options: FitOptions): FitSettings {
  const { onProgress: _, ...rest } = options;
  const parsed = FitOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'options';
    throw new AutoMLError('INVALID_OPTION', `option ${field}: ${issue.message}`, { field });
  }
  const unknown = (parsed.data.models ?? []).filter((name) => findFamily(name) === undefined);
  if (unknown.length > 0) {
    throw new AutoMLError(
      'INVALID_OPTION',
      `unknown model famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')} (known: ${familyNames().join(', ')})`,
      { field: 'models', values: unknown },
    );
  }
  return parsed.data;
}

type Timed = <T>(phase: string, step: () => T | Promise<T>) => Promise<T>;

// A holdout fit's last steps: importance on the validation rows, then the refit on all rows, in
// that order because the refitted models have seen the validation rows.
async function finishHoldout(
  trainer: BaggedTrainer,
  outcome: ModelsOutcome,
  weights: Float64Array,
  plan: ModelPlan,
  fitted: PipelineFit,
  context: {
    settings: FitSettings;
    deadlineMs?: number;
    onProgress: ProgressCallback;
    timed: Timed;
  },
) {
  const { settings, deadlineMs, onProgress, timed } = context;
  const importance = await timed('importance', () =>
    validationImportance(trainer, outcome, weights, fitted, deadlineMs),
  );
  const refit = settings.refitFull
    ? await timed('refit', () =>
        refitMembers(trainer, outcome.fits, plan.level1, weights, deadlineMs, onProgress),
      )
    : { refitted: [], refitSec: {} };
  return { importance, refit };
}

// Fit-time importance is a courtesy, so it gets little time: a few shuffles on a sample of the
// validation rows, within IMPORTANCE_MAX_SEC and a small share of the time limit.
const IMPORTANCE_MAX_SEC = 5;
const IMPORTANCE_SHARE = 0.03;
const IMPORTANCE_ROWS = 2000;

function validationImportance(
  trainer: BaggedTrainer,
  outcome: ModelsOutcome,
  weights: Float64Array,
  fitted: PipelineFit,
  deadlineMs: number | undefined,
): ImportanceResult | undefined {
  let budgetSec = IMPORTANCE_MAX_SEC;
  if (deadlineMs !== undefined) {
    const leftSec = (deadlineMs - Date.now()) / 1000;
    budgetSec = Math.min(budgetSec, leftSec * IMPORTANCE_SHARE, leftSec - 1);
  }
  if (budgetSec < 0.1) return undefined;
  const rows = trainer.scoringRows.subarray(0, IMPORTANCE_ROWS);
  const valid = takeRows(trainer.data.X, trainer.data.y, rows);
  const members = outcome.fits.map((f) => f.member);
  return permutationImportance({ members, weights }, valid.X, valid.y, fitted.pipeline.sources, {
    shuffles: 3,
    timeLimitSec: budgetSec,
  });
}

function requireOneModel(outcome: ModelsOutcome): void {
  if (outcome.fits.length > 0) return;
  const reasons = outcome.rows.map((row) => `${row.name}: ${row.reason}`).join('; ');
  throw new AutoMLError('NO_MODEL_TRAINED', `no model could be trained (${reasons})`, {
    models: outcome.rows,
  });
}

function safeProgress(callback: ProgressCallback | undefined): ProgressCallback {
  if (callback === undefined) return () => {};
  return (fraction, message) => {
    try {
      callback(Math.min(1, Math.max(0, fraction)), message);
    } catch {
      // A broken progress reporter must not break the fit; the caller's logs will show it.
    }
  };
}
