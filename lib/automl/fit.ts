// Orchestration of a fit: labels, features, holdout split, model fits, weighted ensemble, metadata.

import type { BaggedTrainer } from './bagging';
import { AutoMLError } from './errors';
import { familyNames, findFamily } from './families';
import type { PipelineFit } from './features';
import { prepareFit } from './fit-prepare';
import { buildEnsemble, describeFit } from './fit-report';
import { fitLevels } from './fit-levels';
import { skippedRow, yieldToEventLoop, type ModelsOutcome } from './fit-models';
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
import { checkStacking, CHECK_TIME_SHARE, leftOutReason } from './stacking-check';
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
    const checking = plan.level2.length > 0 && settings.dynamicStacking;
    const stages = progressStages(settings, plan.folds, checking, onProgress);
    const modelsEndMs = modelsDeadline(settings, startMs, plan.folds);
    await yieldToEventLoop();
    const stackingCheck = checking
      ? await timed('stackingCheck', () =>
          checkStacking(trainer, plan, settings, {
            deadlineMs:
              modelsEndMs === undefined
                ? undefined
                : Date.now() + (modelsEndMs - Date.now()) * CHECK_TIME_SHARE,
            concurrency: runner.concurrency,
            onProgress: stages.check,
          }),
        )
      : undefined;
    const leftOut = stackingCheck?.stacked === false;
    const fitted = leftOut ? { ...plan, level2: [] } : plan;
    const outcome = await timed('models', () =>
      fitLevels(trainer, fitted, {
        deadlineMs: modelsEndMs,
        concurrency: runner.concurrency,
        onProgress: stages.models,
      }),
    );
    for (const row of outcome.rows) phaseSec[`model:${row.name}`] = row.fitSec;
    requireOneModel(outcome);
    if (leftOut) {
      const reason = leftOutReason(stackingCheck);
      for (const spec of plan.level2) outcome.rows.push(skippedRow(spec, trainer, reason));
    }

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
                refitBagged(
                  trainer,
                  outcome,
                  [...fitted.level1, ...fitted.level2],
                  ensemble.weights,
                  {
                    deadlineMs,
                    concurrency: runner.concurrency,
                    onProgress: stages.refit,
                  },
                ),
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
        ...(stackingCheck ? { stackingCheck } : {}),
        ...(importance ? { featureImportance: importance } : {}),
      },
    });
  } finally {
    await runner.close();
  }
}

// Progress bar stages: preparing, the stacking check (when on), model fits, ensemble, refits (when
// on). The check fits the same plan on 8/9 of the rows, so it takes about as long as the fits.
function progressStages(
  settings: FitSettings,
  folds: number,
  checking: boolean,
  onProgress: ProgressCallback,
) {
  const refitShare = (folds === 1 ? settings.refitFull : bagRefits(settings)) ? REFIT_SHARE : 0;
  const modelsEnd = 1 - ENSEMBLE_SHARE - refitShare;
  const checkEnd = checking ? (PREPARE_SHARE + modelsEnd) / 2 : PREPARE_SHARE;
  const scaled =
    (from: number, to: number): ProgressCallback =>
    (fraction, message) =>
      onProgress(from + (to - from) * fraction, message);
  return {
    check: scaled(PREPARE_SHARE, checkEnd),
    models: scaled(checkEnd, modelsEnd),
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
