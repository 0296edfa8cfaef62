// The schema of `fit` options: defaults, ranges and descriptions in one place.

import { z } from 'zod';

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
  models: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Model families to fit (e.g. gbdt, linear); default all registered families.'),
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
      'Refit the ensemble models on all labelled rows after scoring them on the holdout (when time allows).',
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
