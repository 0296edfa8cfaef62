// What a fit reports: the leaderboard with the weighted ensemble, and the training metadata.

import { blend, selectEnsemble } from './ensemble';
import type { PipelineFit } from './features';
import type { ModelsOutcome } from './fit-models';
import type { LabelColumn } from './label';
import { higherIsBetter, metricScore, mae } from './metrics';
import type { FitSettings } from './options';
import {
  ENSEMBLE_NAME,
  type FeatureInfo,
  type LeaderboardRow,
  type TrainingMetadata,
} from './predictor';

/** Caruana weights over the members' scoring predictions, and the leaderboard with its row. */
export function buildEnsemble(outcome: ModelsOutcome, labels: Float64Array, settings: FitSettings) {
  const t0 = performance.now();
  const metric = settings.evalMetric;
  const scoring = outcome.fits.map((f) => f.scoringPredictions);
  const selection = selectEnsemble(
    scoring,
    labels,
    settings.ensembleRounds,
    metric === 'mae' ? 'absolute' : 'squared',
  );
  const fitSec = (performance.now() - t0) / 1000;
  const ensemble = blend(scoring, selection.weights, labels.length);
  const rows: LeaderboardRow[] = outcome.rows.map((row) => ({ ...row }));
  let predictSec = 0;
  outcome.fits.forEach((f, m) => {
    const row = rows.find((r) => r.name === f.member.name);
    if (row) {
      row.ensembleWeight = selection.weights[m];
      row.validationScore = finiteOrNull(metricScore(metric, labels, f.scoringPredictions));
    }
    if (selection.weights[m] > 0) predictSec += f.predictSec;
  });
  rows.push({
    name: ENSEMBLE_NAME,
    family: 'ensemble',
    status: 'ok',
    validationRmse: finiteOrNull(metricScore('rmse', labels, ensemble)),
    validationScore: finiteOrNull(metricScore(metric, labels, ensemble)),
    fitSec,
    validationPredictSec: predictSec,
    // One above the highest member: 2 over level-1 models, 3 over a stacking level.
    stackLevel: Math.max(...outcome.fits.map((f) => f.member.stackLevel)) + 1,
    foldCount: outcome.rows[0]?.foldCount ?? 1,
    ensembleWeight: 1,
  });
  // Best first; unscored rows (failed, skipped) last.
  const sign = higherIsBetter(metric) ? -1 : 1;
  const key = (row: LeaderboardRow) =>
    row.validationScore === null || row.validationScore === undefined
      ? Infinity
      : sign * row.validationScore;
  rows.sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1));
  const validationMetrics = {
    rmse: metricScore('rmse', labels, ensemble),
    mae: mae(labels, ensemble),
    r2: finiteOrNull(metricScore('r2', labels, ensemble)),
  };
  return { weights: selection.weights, leaderboard: rows, validationMetrics };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The metadata of a fit, as shown to users and stored in the model file. */
export function describeFit(
  settings: FitSettings,
  fitted: PipelineFit,
  label: LabelColumn,
  rows: { training: number; validation: number; folds: number },
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
    trainingRows: rows.training,
    validationRows: rows.validation,
    droppedLabelRows: label.missingCount,
    warnings,
    phaseSec,
    seed: settings.seed,
    holdoutFraction: settings.holdoutFraction,
    timeLimitSec: settings.timeLimitSec ?? null,
    refitModels: [],
    preset: settings.preset,
    folds: rows.folds,
    evalMetric: settings.evalMetric,
  };
}
