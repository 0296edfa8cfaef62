// Options of the k-nearest-neighbours family, with defaults and ranges, as one zod schema.
import { parseParams } from '../params';
import { z } from 'zod';

const weighting = z.enum(['uniform', 'distance']);

export const knnParamsSchema = z.object({
  kValues: z
    .array(z.number().int().min(1).max(1000))
    .min(1)
    .default([1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100])
    .describe('Candidate neighbour counts; the best on validation data wins.'),
  weights: z
    .union([weighting, z.array(weighting).min(1)])
    .default(['uniform', 'distance'])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .describe(
      'Candidate weightings (one or a list): equal votes, or votes in proportion to 1/distance.',
    ),
  categoricalWeight: z
    .number()
    .min(0)
    .max(100)
    .default(1)
    .describe(
      'Squared distance added by a category mismatch, in squared standard deviations of a numeric.',
    ),
  maxLevels: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(32)
    .describe('One-hot columns per categorical at most (rarer levels share the rare/unseen one).'),
  leafSize: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(16)
    .describe('Most points per k-d tree leaf.'),
  maxTuneRows: z
    .number()
    .int()
    .min(10)
    .default(2000)
    .describe('Most rows scored when choosing k and the weighting (a seeded sample beyond that).'),
});

/** Options as given: every field optional, `weights` one weighting or a list. */
export type KnnParams = z.input<typeof knnParamsSchema>;
/** Options with defaults filled in and `weights` always a list. */
export type ResolvedKnnParams = z.output<typeof knnParamsSchema>;
export type Weighting = z.infer<typeof weighting>;

/** Validates options, filling defaults; an invalid one raises INVALID_OPTION naming it and its value. */
export function resolveKnnParams(input: Partial<KnnParams>): ResolvedKnnParams {
  return parseParams('knn', knnParamsSchema, input);
}
