// Orchestration of a fit: labels, features, holdout split, model fits, weighted ensemble, metadata.

import { selectEnsemble } from './ensemble';
import { AutoMLError } from './errors';
import { familyNames, findFamily } from './families';
import { fitPipeline, type PipelineFit } from './features';
import { fitModels, yieldToEventLoop, type ModelsOutcome } from './fit-models';
import { holdoutSplit, takeRows } from './holdout';
import { checkEnoughRows, readLabel, type LabelColumn } from './label';
import { refitMembers } from './refit';
import { FitOptionsSchema, type FitOptionsInput, type FitSettings } from './options';
import {
  ENSEMBLE_NAME,
  Predictor,
  type FeatureInfo,
  type LeaderboardRow,
  type TrainingMetadata,
} from './predictor';
import { Random } from './random';
import type { TableLike } from './table';
import { HoldoutTrainer, type ModelSpec } from './trainer';
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
 * Fits a predictor of `options.label` on `table`. Asynchronous so that fits can move to worker
 * threads; it yields to the event loop between steps. With `timeLimitSec` the fit returns within it
 * (given learners that honour their deadline); the same seed and data give the same predictor.
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
  const random = new Random(settings.seed);
  const { features, split, trainer } = await timed('features', () =>
    prepareData(table, label, settings, random),
  );

  const specs = planModels(settings, random);
  const stages = progressStages(settings, onProgress);
  await yieldToEventLoop();
  const outcome = await timed('models', () =>
    fitModels(trainer, specs, {
      deadlineMs: modelsDeadline(settings, startMs),
      onProgress: stages.models,
    }),
  );
  for (const row of outcome.rows) phaseSec[`model:${row.name}`] = row.fitSec;
  requireOneModel(outcome);

  stages.ensemble(0, 'weighting the ensemble');
  const ensemble = await timed('ensemble', () =>
    buildEnsemble(outcome, trainer.scoringLabels, settings),
  );
  const refit = settings.refitFull
    ? await timed('refit', () =>
        refitMembers(trainer, outcome.fits, specs, ensemble.weights, deadlineMs, stages.refit),
      )
    : { refitted: [], refitSec: {} };
  for (const [name, sec] of Object.entries(refit.refitSec)) phaseSec[`refit:${name}`] = sec;
  phaseSec.total = (Date.now() - startMs) / 1000;
  onProgress(1, 'done');
  return new Predictor({
    pipeline: features.fit.pipeline,
    members: outcome.fits.map((f) => f.member),
    weights: ensemble.weights,
    leaderboard: ensemble.leaderboard,
    metadata: {
      ...describeFit(settings, features.fit, label, split, features.warnings, phaseSec),
      refitModels: refit.refitted,
    },
  });
}

// Progress bar stages: preparing, model fits, ensemble, refits (when on).
function progressStages(settings: FitSettings, onProgress: ProgressCallback) {
  const refitShare = settings.refitFull ? REFIT_SHARE : 0;
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
function modelsDeadline(settings: FitSettings, startMs: number): number | undefined {
  if (settings.timeLimitSec === undefined) return undefined;
  const limitMs = settings.timeLimitSec * 1000;
  return startMs + limitMs - Math.min(1000, limitMs * 0.05);
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

// Learns the features, builds the matrix and splits it. The whole-table matrix goes out of scope
// on return, so only the training and validation copies stay alive during the fits.
function prepareData(table: TableLike, label: LabelColumn, settings: FitSettings, random: Random) {
  const fitted = fitPipeline(table, label.rows, settings);
  const { X, warnings } = fitted.pipeline.transform(table, true);
  const split = holdoutSplit(label.rows, settings.holdoutFraction, random.fork());
  const trainer = new HoldoutTrainer(
    takeRows(X, label.y, split.train),
    takeRows(X, label.y, split.valid),
  );
  return { features: { fit: fitted, warnings }, split, trainer };
}

// Cheap families first, so that a tight time limit still leaves a finished model.
function planModels(settings: FitSettings, random: Random): (ModelSpec & { seed: number })[] {
  const names = [...new Set(settings.models ?? familyNames())];
  const cost = (name: string) => findFamily(name)?.relativeCost ?? 1;
  names.sort((a, b) => cost(a) - cost(b));
  return names.map((name) => ({
    name,
    family: name,
    params: {},
    stackLevel: 1,
    seed: random.nextUint32(),
  }));
}

function requireOneModel(outcome: ModelsOutcome): void {
  if (outcome.fits.length > 0) return;
  const reasons = outcome.rows.map((row) => `${row.name}: ${row.reason}`).join('; ');
  throw new AutoMLError('NO_MODEL_TRAINED', `no model could be trained (${reasons})`, {
    models: outcome.rows,
  });
}

function buildEnsemble(outcome: ModelsOutcome, labels: Float64Array, settings: FitSettings) {
  const t0 = performance.now();
  const selection = selectEnsemble(
    outcome.fits.map((f) => f.scoringPredictions),
    labels,
    settings.ensembleRounds,
  );
  const fitSec = (performance.now() - t0) / 1000;
  const rows: LeaderboardRow[] = outcome.rows.map((row) => ({ ...row }));
  let predictSec = 0;
  outcome.fits.forEach((f, m) => {
    const row = rows.find((r) => r.name === f.member.name);
    if (row) row.ensembleWeight = selection.weights[m];
    if (selection.weights[m] > 0) predictSec += f.predictSec;
  });
  rows.push({
    name: ENSEMBLE_NAME,
    family: 'ensemble',
    status: 'ok',
    validationRmse: selection.history[selection.history.length - 1],
    fitSec,
    validationPredictSec: predictSec,
    stackLevel: 2,
    foldCount: 1,
    ensembleWeight: 1,
  });
  rows.sort((a, b) => (a.validationRmse ?? Infinity) - (b.validationRmse ?? Infinity));
  return { weights: selection.weights, leaderboard: rows };
}

function describeFit(
  settings: FitSettings,
  fitted: PipelineFit,
  label: LabelColumn,
  split: { train: Uint32Array; valid: Uint32Array },
  warnings: TrainingMetadata['warnings'],
  phaseSec: Record<string, number>,
): TrainingMetadata {
  const features: FeatureInfo[] = fitted.profiles
    .filter((profile) => !profile.dropped)
    .map((profile) => ({
      name: profile.name,
      kind: profile.kind,
      kindGiven: profile.kindGiven,
      missing: profile.missing,
      distinct: profile.distinct,
      matrixColumns: fitted.pipeline.features
        .filter((feature) => feature.source === profile.name)
        .map((feature) => feature.name),
    }));
  return {
    label: settings.label,
    features,
    dropped: fitted.dropped,
    trainingRows: split.train.length,
    validationRows: split.valid.length,
    droppedLabelRows: label.missingCount,
    warnings,
    phaseSec,
    seed: settings.seed,
    holdoutFraction: settings.holdoutFraction,
    timeLimitSec: settings.timeLimitSec ?? null,
    refitModels: [],
  };
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
