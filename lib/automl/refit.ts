// Refitting the ensemble's models on all labelled rows once the holdout has scored and weighted them.

import { findFamily } from './families';
import { yieldToEventLoop } from './fit-models';
import type { MemberFit, ModelSpec, Trainer } from './trainer';
import type { ProgressCallback } from './types';

/** How it went: names of members now fitted on all rows, and seconds spent per member. */
export interface RefitOutcome {
  refitted: string[];
  refitSec: Record<string, number>;
}

// A refit sees 1/(1 - holdoutFraction) times the rows; this margin covers that and some noise.
const COST_MARGIN = 1.5;

/**
 * Replaces each weighted member's model by one fitted on all labelled rows with the first fit's
 * tuned settings (penalty, number of trees), in place. A member is left as it was when its family
 * cannot refit, when the refit throws, or when its estimated time would pass `deadlineMs`; the
 * holdout model is a fine fallback, so none of these is an error.
 */
export async function refitMembers(
  trainer: Trainer,
  fits: MemberFit[],
  specs: (ModelSpec & { seed: number })[],
  weights: Float64Array,
  deadlineMs: number | undefined,
  onProgress: ProgressCallback,
): Promise<RefitOutcome> {
  const outcome: RefitOutcome = { refitted: [], refitSec: {} };
  for (const [m, fit] of fits.entries()) {
    const spec = specs.find((s) => s.name === fit.member.name);
    const entry = findFamily(fit.member.family);
    if (weights[m] === 0 || spec === undefined || entry?.refitParams === undefined) continue;
    if (deadlineMs !== undefined && Date.now() + fit.fitSec * 1000 * COST_MARGIN > deadlineMs) {
      continue;
    }
    onProgress(m / fits.length, `refitting ${spec.name} on all rows`);
    const start = performance.now();
    try {
      const frozen = entry.refitParams(fit.member.models[0].toArtifact().params);
      const model = await trainer.refit(
        { ...spec, params: { ...spec.params, ...frozen } },
        {
          seed: spec.seed,
          deadlineMs,
        },
      );
      fit.member.models = [model];
      outcome.refitted.push(spec.name);
    } catch {
      // The holdout model stays; it was scored and weighted, so the predictor remains valid.
    }
    outcome.refitSec[spec.name] = (performance.now() - start) / 1000;
    await yieldToEventLoop();
  }
  return outcome;
}
