// Options of the gradient-boosted trees, with defaults and ranges, as one zod schema.
import { z } from 'zod';

export const gbdtParamsSchema = z.object({
  numRounds: z
    .number()
    .int()
    .min(1)
    .max(100000)
    .default(2000)
    .describe('Most boosting rounds (trees); early stopping usually ends sooner.'),
  learningRate: z.number().gt(0).max(1).default(0.1).describe('Shrinkage applied to each tree.'),
  numLeaves: z.number().int().min(2).max(4096).default(31).describe('Most leaves per tree.'),
  maxDepth: z
    .number()
    .int()
    .min(0)
    .max(64)
    .default(0)
    .describe('Most depth per tree; 0 = no limit.'),
  minSamplesLeaf: z.number().int().min(1).default(20).describe('Fewest training rows in a leaf.'),
  lambdaL2: z.number().min(0).default(1).describe('L2 penalty on leaf values.'),
  minGain: z.number().min(0).default(0).describe('Smallest loss reduction that justifies a split.'),
  maxBins: z
    .number()
    .int()
    .min(4)
    .max(256)
    .default(256)
    .describe('Bins per feature including the missing-value bin (at most 255 value bins).'),
  featureFraction: z.number().gt(0).max(1).default(0.9).describe('Share of features per tree.'),
  baggingFraction: z.number().gt(0).max(1).default(1).describe('Share of rows per tree.'),
  earlyStoppingRounds: z
    .number()
    .int()
    .min(0)
    .default(50)
    .describe('Stop after this many rounds without validation improvement; 0 = off.'),
  catSmooth: z
    .number()
    .min(0)
    .default(10)
    .describe('Added to the hessian sum when ordering categories by gradient statistics.'),
  catL2: z
    .number()
    .min(0)
    .default(10)
    .describe('Extra L2 penalty in the gain of categorical splits, which overfit more easily.'),
  maxCatThreshold: z
    .number()
    .int()
    .min(1)
    .default(32)
    .describe('Most categories on the smaller side of a categorical split.'),
  minDataPerGroup: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Fewest rows for a category to be ordered on its own in a categorical split.'),
  randomThresholds: z
    .boolean()
    .default(false)
    .describe('Draw one random threshold per feature and node (extremely randomised trees).'),
});

export type GbdtParams = z.infer<typeof gbdtParamsSchema>;

/** Validates user-supplied options, filling defaults; errors name the option and its limit. */
export function parseGbdtParams(input: Partial<GbdtParams>): GbdtParams {
  return gbdtParamsSchema.parse(input);
}
