// What a fit reports: the leaderboard with the weighted ensemble, and the training metadata.

import { blend, pruneCostly, selectEnsemble } from './ensemble';
import type { PipelineFit } from './features';
import type { ModelsOutcome } from './fit-models';
import { predictCostNs } from './predict-cost';
import type { Member } from './trainer';
import type { LabelColumn } from './label';
import { higherIsBetter, metricScore, mae } from './metrics';
import type { FitSettings } from './options';
import {
  ENSEMBLE_NAME,
  type FeatureInfo,
  type LeaderboardRow,
  type TrainingMetadata,
} from './predictor';

// A member is left out of the ensemble for speed only when it would take at least this share of
// the ensemble's prediction time (and the ensemble loses at most `pruneTolerance` of its score).
// On college_distance, good_quality weighted knn_distance 0.04, and it took 16 of 17 s to predict
// 100,000 rows.
const PRUNE_COST_SHARE = 0.5;

/**
 * Caruana weights over the members' scoring predictions, less costly members worth little (see
 * pruneCostly), and the leaderboard with the ensemble's row.
 */
export function buildEnsemble(
  outcome: ModelsOutcome,
  labels: Float64Array,
  settings: FitSettings,
  costOf: (member: Member) => number = memberCostNs,
) {
  const t0 = performance.now();
  const metric = settings.evalMetric;
  const scoring = outcome.fits.map((f) => f.scoringPredictions);
  const loss = metric === 'mae' ? 'absolute' : 'squared';
  const rounds = settings.ensembleRounds;
  const first = selectEnsemble(scoring, labels, rounds, loss);
  // Members that other members stack on are predicted anyway: leaving them out saves nothing.
  const names = outcome.fits.map((f) => f.member.name);
  const fixed = new Set<number>();
  outcome.fits.forEach((f, m) => {
    if (first.weights[m] === 0) return;
    for (const input of f.member.inputs ?? []) fixed.add(names.indexOf(input));
  });
  const costs = outcome.fits.map((f) => costOf(f.member));
  const { selection, pruned } = pruneCostly(scoring, labels, first, {
    rounds,
    loss,
    cost: costs,
    fixed,
    limits: { tolerance: settings.pruneTolerance, costShare: PRUNE_COST_SHARE },
  });
  const fitSec = (performance.now() - t0) / 1000;
  const ensemble = blend(scoring, selection.weights, labels.length);
  const rows: LeaderboardRow[] = outcome.rows.map((row) => ({ ...row }));
  let predictSec = 0;
  const lossOf = (s: typeof first) => s.history[s.history.length - 1];
  const lossRise = lossOf(first) > 0 ? lossOf(selection) / lossOf(first) - 1 : 0;
  const without = pruned.length > 1 ? `without the ${pruned.length} left out` : 'without it';
  const firstCost = costs.reduce((sum, cost, m) => sum + (first.weights[m] > 0 ? cost : 0), 0);
  outcome.fits.forEach((f, m) => {
    const row = rows.find((r) => r.name === f.member.name);
    if (row) {
      row.ensembleWeight = selection.weights[m];
      row.validationScore = finiteOrNull(metricScore(metric, labels, f.scoringPredictions));
      if (pruned.includes(m)) {
        row.reason =
          `left out of the ensemble for speed: it would take about ${percent(costs[m] / firstCost)} ` +
          `of the prediction time, and the ensemble scores ${percent(lossRise)} worse ${without}`;
      }
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

// Estimated from the models' structure: a timing would make the same seed give different
// ensembles on a busy machine.
function memberCostNs(member: Member): number {
  return member.models.reduce((sum, model) => sum + predictCostNs(model), 0);
}

function percent(share: number): string {
  const value = Math.max(0, share) * 100;
  return `${value < 1 ? value.toFixed(2) : value.toFixed(0)}%`;
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
