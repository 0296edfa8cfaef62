// Dynamic stacking: whether a plan's stacking level helps, judged on rows no model of the check saw.
//
// Out-of-fold scores flatter a stacking level: a level-2 fold model trains on level-1 out-of-fold
// predictions made by fold models that saw the rows it is then scored on, so their labels leak into
// its inputs. On college_distance (seeds 0-4) best_quality's stacked ensemble scored better out of
// fold than good_quality's (7.036 against 7.107) and worse on the test split (6.794 against
// 6.773). As AutoGluon's dynamic stacking does, the plan is first fitted on 8/9 of the rows, the
// ensembles with and without level 2 are scored on the other 1/9, and level 2 is kept only when it
// wins there.

import type { BaggedTrainer } from './bagging';
import { buildEnsemble } from './fit-report';
import { fitLevels } from './fit-levels';
import { holdoutSplit, takeRows } from './holdout';
import { higherIsBetter, metricScore, type EvalMetric } from './metrics';
import type { FitSettings } from './options';
import type { ModelPlan } from './plan';
import { predictRows } from './predict-rows';
import { Random } from './random';
import { StackedPredictions } from './stack';
import type { ProgressCallback } from './types';

/** Share of the labelled rows the check holds out, as in AutoGluon. */
export const CHECK_HOLDOUT_FRACTION = 1 / 9;
/** Share of the time left for model fits that the check may use. */
export const CHECK_TIME_SHARE = 0.25;
/**
 * Fewest held-out rows the check judges on. Tables with fewer rows than that times nine (under
 * 176) are not checked and not stacked: a score on a dozen rows would decide at random, and
 * stacking rarely helps so little data.
 */
export const MIN_CHECK_ROWS = 20;

/** What the check measured and decided; stored in the training metadata. */
export interface StackingCheck {
  /** Rows held out of the check's fits and scored. */
  holdoutRows: number;
  metric: EvalMetric;
  /** The held-out score of the ensemble over both levels; null when no level-2 model finished. */
  withStacking: number | null;
  /** The held-out score of the ensemble over level 1 alone; null when no level-1 model finished. */
  withoutStacking: number | null;
  /** Whether the fit keeps its stacking level. */
  stacked: boolean;
  seconds: number;
  /**
   * Set when the table had fewer labelled rows than the check needs (this many), so level 2 was
   * left out unchecked.
   */
  rowsNeeded?: number;
}

/**
 * Fits `plan` on 8/9 of the trainer's rows (both levels, within `deadlineMs`) and scores on the
 * rest the weighted ensemble over every model and the one over level-1 models only. Stacking is
 * kept only when it scores strictly better; a check in which level 2 did not finish keeps it out,
 * and so does a table too small to check (see MIN_CHECK_ROWS), which is not fitted twice.
 */
export async function checkStacking(
  trainer: BaggedTrainer,
  plan: ModelPlan,
  settings: FitSettings,
  budget: { deadlineMs?: number; concurrency: number; onProgress: ProgressCallback },
): Promise<StackingCheck> {
  const t0 = performance.now();
  const random = new Random(settings.seed).fork();
  const all = Uint32Array.from({ length: trainer.data.y.length }, (_, i) => i);
  const split = holdoutSplit(all, CHECK_HOLDOUT_FRACTION, random);
  const metric = settings.evalMetric;
  if (split.valid.length < MIN_CHECK_ROWS) {
    return {
      holdoutRows: split.valid.length,
      metric,
      withStacking: null,
      withoutStacking: null,
      stacked: false,
      seconds: 0,
      // holdoutSplit rounds n / 9, so 176 rows are the fewest that hold out 20.
      rowsNeeded: Math.ceil((MIN_CHECK_ROWS - 0.5) / CHECK_HOLDOUT_FRACTION),
    };
  }
  const sub = trainer.subset(split.train, random.fork());
  const outcome = await fitLevels(sub, plan, {
    ...budget,
    onProgress: (fraction, message) => budget.onProgress(fraction, `stacking check: ${message}`),
  });
  const held = takeRows(trainer.data.X, trainer.data.y, split.valid);
  // One cache of member predictions for both ensembles: level-1 members are predicted once.
  const stack = new StackedPredictions(
    outcome.fits.map((f) => f.member),
    held.X,
  );
  const scoreOf = (level: 1 | 2): number | null => {
    const kept = {
      fits: outcome.fits.filter((f) => f.member.stackLevel <= level),
      rows: outcome.rows.filter((row) => row.stackLevel <= level),
    };
    if (kept.fits.length === 0) return null;
    if (level === 2 && !kept.fits.some((f) => f.member.stackLevel === 2)) return null;
    const { weights } = buildEnsemble(kept, sub.scoringLabels, settings);
    const members = kept.fits.map((f) => f.member);
    const { ensemble } = predictRows(members, weights, held.X, [], stack);
    const score = metricScore(metric, held.y, ensemble);
    return Number.isFinite(score) ? score : null;
  };
  const withoutStacking = scoreOf(1);
  const withStacking = scoreOf(2);
  const better = (a: number, b: number) => (higherIsBetter(metric) ? a > b : a < b);
  return {
    holdoutRows: split.valid.length,
    metric,
    withStacking,
    withoutStacking,
    stacked:
      withStacking !== null && (withoutStacking === null || better(withStacking, withoutStacking)),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Why level 2 was left out, for its leaderboard rows. */
export function leftOutReason(check: StackingCheck): string {
  const name = check.metric.toUpperCase();
  const format = (score: number | null) =>
    score === null ? 'none' : score.toPrecision(Math.abs(score) >= 1000 ? 6 : 4);
  if (check.rowsNeeded !== undefined) {
    return `left out: too few rows for the stacking check to judge it (it needs ${check.rowsNeeded} or more)`;
  }
  if (check.withStacking === null) {
    return 'left out by the stacking check: no stacked model finished within its time';
  }
  return (
    `left out by the stacking check: on ${check.holdoutRows} held-out rows the ensemble scored ` +
    `${name} ${format(check.withStacking)} with stacking and ${format(check.withoutStacking)} without`
  );
}
