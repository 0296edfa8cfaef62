// The schema of `fit` options: defaults, ranges and descriptions in one place.

import { z } from 'zod';
import { EVAL_METRICS } from './metrics';
import { PresetSchema } from './presets';

const KIND = z.enum(['numeric', 'categorical', 'boolean', 'datetime', 'text']);

/** Options of `fit`, validated; the same schema can check job payloads and drive forms. */
export const FitOptionsSchema = z.object({
  label: z.string().min(1).describe('The column to predict (numeric).'),
  features: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Feature columns to use; default all columns except the label.'),
  kinds: z
    .record(z.string(), KIND)
    .optional()
    .describe('Column kinds fixed by the user; they override inference.'),
  preset: PresetSchema.default('medium_quality').describe(
    'How much accuracy to buy with time: medium_quality (holdout, fast models), good_quality ' +
      '(5-fold bagging), high_quality (bagging and one stacking level), best_quality (8 folds, ' +
      'more variants, stacking).',
  ),
  models: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(
      "Model families to fit (gbdt, linear, rf, xt, knn, mlp): keeps the preset's models of these " +
        'families, and adds a default model of any the preset lacks; default all of the preset.',
    ),
  threads: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .optional()
    .describe(
      'Fits run at once on worker threads; 1 = in the calling thread. Default: every core ' +
        '(os.availableParallelism()), but small tables fit in the calling thread. A memory ' +
        'budget (half the free memory) may lower it.',
    ),
  threadsOnly: z
    .boolean()
    .default(false)
    .describe(
      'Run every fit on worker threads, even with one thread or a small table, so the calling ' +
        "thread's event loop stays free (a job worker's heartbeat); costs a thread start-up.",
    ),
  timeLimitSec: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .optional()
    .describe('Wall-clock budget for the whole fit, in seconds; default none.'),
  holdoutFraction: z
    .number()
    .min(0.05)
    .max(0.5)
    .default(0.2)
    .describe('Share of the labelled rows held out to score models and weight the ensemble.'),
  seed: z.number().int().min(0).max(0xffffffff).default(0).describe('Seed of every random choice.'),
  refitFull: z
    .boolean()
    .default(true)
    .describe(
      'Refit the ensemble models on all labelled rows after scoring them on the holdout (when time ' +
        'allows); bagged presets need no refit and ignore it.',
    ),
  dynamicStacking: z
    .boolean()
    .default(true)
    .describe(
      'Before a preset with stacking fits, check on held-out rows whether its stacking level ' +
        'helps: fit the plan on 8/9 of the rows (within a quarter of the time left) and keep ' +
        'stacking only when the stacked ensemble scores better on the other 1/9. Tables under ' +
        '176 labelled rows are not stacked.',
    ),
  evalMetric: z
    .enum(EVAL_METRICS)
    .default('rmse')
    .describe(
      'Metric that scores models on validation rows, ranks the leaderboard and guides the ' +
        'ensemble: rmse, mae or r2 (ranks as rmse). Learners still train on squared error.',
    ),
  pruneTolerance: z
    .number()
    .min(0)
    .max(0.1)
    .default(0.001)
    .describe(
      'Share of validation score the ensemble may give up to leave out a member that costs at ' +
        'least half its prediction time (kNN on wide data, say); 0 = never leave one out.',
    ),
  ensembleRounds: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(25)
    .describe('Steps of greedy ensemble selection.'),
});

/** What callers pass to `fit` (progress callback aside). */
export type FitOptionsInput = z.input<typeof FitOptionsSchema>;
/** Validated options with defaults applied. */
export type FitSettings = z.output<typeof FitOptionsSchema>;
