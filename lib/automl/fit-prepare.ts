// Preparing a fit: the feature pipeline, the matrix of labelled rows, the plan, folds and runner.

import { BaggedTrainer, kFolds, type Fold } from './bagging';
import { fitPipeline } from './features';
import { holdoutSplit, takeRows } from './holdout';
import type { LabelColumn } from './label';
import type { FitSettings } from './options';
import { defaultThreadCount } from './parallel';
import { planModels, type ModelPlan } from './plan';
import { PRESETS } from './presets';
import { Random } from './random';
import { concurrencyFor, createRunner, fitMemoryBytes } from './runner';
import type { TableLike } from './table';
import type { LabelledMatrix } from './types';

// Learns the features, builds the matrix of the labelled rows, plans the models and folds, and
// hands the matrix to the runner. The whole-table matrix and the labelled copy (once the runner
// has its shared copy) go out of scope on return, so only one copy stays alive during the fits.
/** Everything a fit needs before its models; the caller must close the returned runner. */
export function prepareFit(
  table: TableLike,
  label: LabelColumn,
  settings: FitSettings,
  threads: number | undefined,
) {
  const fitted = fitPipeline(table, label.rows, settings);
  const { X, warnings } = fitted.pipeline.transform(table, true);
  const data = takeRows(X, label.y, label.rows);
  const random = new Random(settings.seed);
  const folds = makeFolds(data.y.length, settings, random);
  const plan = planModels(settings, random);
  const runner = createRunner(concurrencyOf(settings, threads, data, plan), settings.threadsOnly);
  const trainer = new BaggedTrainer(runner.prepare(data), folds, runner);
  return { features: { fit: fitted, warnings }, plan, trainer, runner };
}

// A holdout split, or k folds for a bagged preset; over positions 0..n-1 of the labelled rows.
function makeFolds(n: number, settings: FitSettings, random: Random): Fold[] {
  const k = PRESETS[settings.preset].folds;
  if (k > 1) return kFolds(n, Math.min(k, n), random.fork());
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  return [holdoutSplit(all, settings.holdoutFraction, random.fork())];
}

// Threads only pay off when fits take longer than starting a thread (about a second): small
// tables fit in the calling thread unless `threads` was given. Memory may lower the count.
const PARALLEL_MIN_CELLS = 200_000;

function concurrencyOf(
  settings: FitSettings,
  given: number | undefined,
  data: LabelledMatrix,
  plan: ModelPlan,
): number {
  const rows = data.y.length;
  const columns = data.X.features.length;
  const small = rows * columns * plan.folds < PARALLEL_MIN_CELLS;
  if (given === undefined && small && !settings.threadsOnly) return 1;
  const mlp = [...plan.level1, ...plan.level2].some((spec) => spec.family === 'mlp');
  return concurrencyFor(
    settings.threads ?? defaultThreadCount(),
    fitMemoryBytes(rows, columns, mlp ? 'mlp' : ''),
  );
}
