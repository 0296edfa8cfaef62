// The time plan: each fit's estimated cost, and the share of a time limit it gets or why it is skipped.
import { findFamily } from './families';
import type { SeededSpec } from './plan';

/** A spec with its planned cost and time share, or the reason it will not run. */
export interface PlannedFit {
  spec: SeededSpec;
  /** Estimated seconds of one fold fit on one thread, at the learner's full settings. */
  estimateSec: number;
  /** Milliseconds each fold fit may take once started; undefined = no limit. */
  budgetMs?: number;
  /** Set when the plan leaves the model out. */
  skipReason?: string;
}

/** What the plan needs to know about the fit. */
export interface PlanInput {
  /** Rows each fold model trains on. */
  trainRows: number;
  features: number;
  folds: number;
  /** Fits that run at once. */
  concurrency: number;
  /** Wall-clock milliseconds left for the model fits; undefined = no limit. */
  availableMs?: number;
  /** Milliseconds before the first fit can start (worker threads loading the engine). */
  startupMs?: number;
}

// Seconds per (relative cost × training row × column): the ridge model's 0.6 s for 34,500 rows ×
// 10 columns of diamonds, on one thread of a loaded 2-core machine.
const SEC_PER_UNIT = 1.7e-6;
// Setting up a fit: a thread receiving its task, gathering rows; TensorFlow.js loads per thread.
const OVERHEAD_SEC = 0.05;
const MLP_OVERHEAD_SEC = 2;
// A model shortened below this share of its estimate is not worth fitting: boosting stopped at a
// third of its rounds scored 4 times worse than the forests on diamonds. It gives its time to the
// others instead. Families may accept less (FamilyEntry.minShare).
const MIN_SHARE = 0.8;
// Estimates are rough (machine load, data shape), so each fit may take this much more than its
// share; the shared deadline still bounds the whole, and later models are skipped if it passes.
const BUDGET_MARGIN = 1.5;

/** Estimated seconds of one fold fit of `spec` (level-2 models see one more column per input). */
export function estimateFitSec(spec: SeededSpec, input: PlanInput): number {
  const relativeCost = findFamily(spec.family)?.relativeCost ?? 1;
  const columns = input.features + (spec.inputs?.length ?? 0) + 1;
  const overhead = OVERHEAD_SEC + (spec.family === 'mlp' ? MLP_OVERHEAD_SEC : 0);
  return overhead + SEC_PER_UNIT * relativeCost * input.trainRows * columns;
}

/**
 * Shares the available thread time among the specs in proportion to their estimates (plus a
 * margin). When the share falls below what some kept model needs (MIN_SHARE, or its family's
 * minShare), the most expensive model (with `keepFirst`, never the first, which must finish) is
 * skipped and the shares recomputed. Without a limit every spec runs in full.
 */
export function planTime(specs: SeededSpec[], input: PlanInput, keepFirst = true): PlannedFit[] {
  const planned: PlannedFit[] = specs.map((spec) => ({
    spec,
    estimateSec: estimateFitSec(spec, input),
  }));
  if (input.availableMs === undefined) return planned;
  const threadMs = Math.max(0, input.availableMs - (input.startupMs ?? 0)) * input.concurrency;
  for (;;) {
    const kept = planned.filter((fit) => fit.skipReason === undefined);
    if (kept.length === 0) return planned;
    const totalMs = kept.reduce((sum, fit) => sum + fit.estimateSec * 1000 * fitsOf(fit, input), 0);
    const share = threadMs / totalMs;
    if (kept.every((fit) => share >= minShareOf(fit)) || (keepFirst && kept.length === 1)) {
      for (const fit of kept) fit.budgetMs = fit.estimateSec * 1000 * share * BUDGET_MARGIN;
      return planned;
    }
    const candidates = keepFirst ? kept.slice(1) : kept;
    const dropped = candidates.reduce((a, b) => (b.estimateSec > a.estimateSec ? b : a));
    dropped.skipReason = `time plan: needs about ${formatSec(dropped.estimateSec * fitsOf(dropped, input))} s of fitting, more than the time limit leaves`;
  }
}

function minShareOf(fit: PlannedFit): number {
  return findFamily(fit.spec.family)?.minShare ?? MIN_SHARE;
}

/** Fits a spec costs: one per fold, or one in all for families bagging fits once (kNN). */
function fitsOf(fit: PlannedFit, input: PlanInput): number {
  return input.folds > 1 && findFamily(fit.spec.family)?.leaveOneOut ? 1 : input.folds;
}

function formatSec(sec: number): string {
  return sec < 10 ? sec.toFixed(1) : sec.toFixed(0);
}
