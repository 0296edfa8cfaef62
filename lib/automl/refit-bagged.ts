// "Refit full" for bagged presets: each member the ensemble needs is fitted once more on all rows,
// with its folds' tuned settings averaged, and that one model replaces the k fold models. The
// predictor then predicts k times faster; scores stay the out-of-fold ones. AutoGluon's
// good_quality and high_quality presets do the same for the same reason.

import type { BaggedTrainer } from './bagging';
import { findFamily } from './families';
import type { ModelsOutcome } from './fit-models';
import type { SeededSpec } from './plan';
import type { RefitOutcome } from './refit';
import type { MemberFit } from './trainer';
import type { ProgressCallback, TrainedModel } from './types';

/** One fit on all rows costs about k/(k-1) of a fold fit; this margin covers that and noise. */
const COST_MARGIN = 1.5;

/**
 * Replaces the fold models of every member the predictor needs (weighted members and the lower
 * members they stack on) by one model fitted on all rows, in place. A member whose refit would
 * not finish by `deadlineMs` (estimated from its fold fits), whose family cannot refit, or whose
 * refit fails keeps its fold models, which were scored and weighted, so the predictor stays valid.
 * Level-2 members refit on the same out-of-fold inputs they were trained on.
 */
export async function refitBagged(
  trainer: BaggedTrainer,
  outcome: ModelsOutcome,
  specs: SeededSpec[],
  weights: Float64Array,
  context: { deadlineMs?: number; concurrency: number; onProgress: ProgressCallback },
): Promise<RefitOutcome> {
  const fits = neededFits(outcome.fits, weights);
  const outcomeOf: RefitOutcome = { refitted: [], refitSec: {} };
  const started = Date.now();
  // Estimated seconds of each refit, run `concurrency` at a time in this order.
  let queuedSec = 0;
  let done = 0;
  const runs = fits.map(async (fit) => {
    const spec = specs.find((s) => s.name === fit.member.name);
    const entry = findFamily(fit.member.family);
    // A member fitted once on all rows (leave-one-out scoring) has nothing to refit.
    if (fit.member.models.length === 1) return;
    if (spec === undefined || entry?.refitParams === undefined) return;
    const estimateSec = (fit.fitSec / fit.member.models.length) * COST_MARGIN;
    queuedSec += estimateSec / Math.max(1, context.concurrency);
    if (context.deadlineMs !== undefined && started + queuedSec * 1000 > context.deadlineMs) return;
    const frozen = averageParams(
      fit.member.models.map((m) => entry.refitParams!(m.toArtifact().params)),
    );
    const start = performance.now();
    try {
      const model = await refitOne(trainer, outcome, fit, {
        ...spec,
        params: { ...spec.params, ...frozen },
      });
      fit.member.models = [model];
      outcomeOf.refitted.push(spec.name);
    } catch {
      // The fold models stay: they were scored and weighted.
    }
    outcomeOf.refitSec[spec.name] = (performance.now() - start) / 1000;
    done++;
    context.onProgress(done / fits.length, `refitted ${spec.name} on all rows`);
  });
  await Promise.all(runs);
  outcomeOf.refitted.sort();
  return outcomeOf;
}

// A level-1 member refits on the features; a level-2 member on the features plus the out-of-fold
// predictions of its inputs, as in training. No deadline: a boosted model cut short predicts far
// worse than its fold models, so only refits estimated to finish in time are started.
function refitOne(
  trainer: BaggedTrainer,
  outcome: ModelsOutcome,
  fit: MemberFit,
  spec: SeededSpec,
): Promise<TrainedModel> {
  const inputs = fit.member.inputs ?? [];
  if (inputs.length === 0) return trainer.refit(spec, { seed: spec.seed });
  const outOfFold = new Map(
    outcome.fits.map((f) => [f.member.name, f.scoringPredictions] as const),
  );
  return trainer.stacked(inputs, outOfFold).refit({ ...spec, inputs }, { seed: spec.seed });
}

// Members with a weight and, recursively, the members they take as inputs.
function neededFits(fits: MemberFit[], weights: Float64Array): MemberFit[] {
  const byName = new Map(fits.map((f) => [f.member.name, f]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name) || !byName.has(name)) return;
    needed.add(name);
    for (const input of byName.get(name)!.member.inputs ?? []) visit(input);
  };
  fits.forEach((f, m) => {
    if (weights[m] > 0) visit(f.member.name);
  });
  return fits.filter((f) => needed.has(f.member.name));
}

/**
 * The folds' refit settings combined: numbers averaged (rounded when every fold's is a whole
 * number, as tree and epoch counts are), arrays of numbers averaged element-wise, anything else
 * taken from the first fold.
 */
export function averageParams(all: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...all[0] };
  for (const key of Object.keys(out)) {
    const values = all.map((params) => params[key]);
    if (values.every((v) => typeof v === 'number')) {
      out[key] = averaged(values as number[]);
    } else if (values.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'number'))) {
      const arrays = values as number[][];
      if (arrays.every((a) => a.length === arrays[0].length)) {
        out[key] = arrays[0].map((_, i) => averaged(arrays.map((a) => a[i])));
      }
    }
  }
  return out;
}

function averaged(values: number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.every(Number.isInteger) ? Math.round(mean) : mean;
}
