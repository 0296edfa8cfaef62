// Options of the random forest and extra trees, as one zod schema per family (they differ only in
// their defaults), and the check that turns a bad option into an AutoMLError naming it.
import { parseParams } from '../params';
import { z } from 'zod';

/** The two forest families: bootstrap samples and best thresholds, or all rows and random ones. */
export type ForestKind = 'rf' | 'xt';

function schemaFor(kind: ForestKind) {
  return (
    z
      .object({
        numTrees: z
          .number()
          .int()
          .min(1)
          .max(10000)
          .default(100)
          .describe('Trees in the forest; the deadline may stop it sooner (at least one is kept).'),
        maxFeatures: z
          .number()
          .gt(0)
          .max(1)
          .default(1)
          .describe(
            'Share of features drawn at each split (at least one); features constant in the node ' +
              'do not count, as in scikit-learn. 1 = every feature.',
          ),
        minSamplesLeaf: z
          .number()
          .int()
          .min(1)
          .max(100000)
          .default(5)
          .describe(
            'Fewest training rows in a leaf (bootstrap copies count as rows). 5 rather than ' +
              "scikit-learn's 1: on diamonds as accurate, with trees (and model files) 3.5 times smaller.",
          ),
        minDataPerGroup: z
          .number()
          .int()
          .min(1)
          .max(100000)
          .default(10)
          .describe(
            'Categories with fewer rows than this in a node are pooled in categorical splits, ' +
              "as LightGBM's min_data_per_group: the first word of cars' names (~30 makes over " +
              '318 rows) took the forest from 2.98 to 3.21 test RMSE without it.',
          ),
        maxDepth: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .default(0)
          .describe('Most depth per tree; 0 = no limit.'),
        maxBins: z
          .number()
          .int()
          .min(4)
          .max(256)
          .default(256)
          .describe('Bins per feature including the missing-value bin (at most 255 value bins).'),
        categoricalSplits: z
          .enum(['native', 'codes'])
          .default('native')
          .describe(
            "'native': any grouping of categories (ordered by mean label); 'codes': thresholds on " +
              'the category codes, as after ordinal encoding: less flexible, so it can fit less noise.',
          ),
        bootstrap: z
          .boolean()
          .default(kind === 'rf')
          .describe(
            'Fit each tree on a bootstrap sample (rows drawn with replacement) instead of all rows.',
          ),
      })
      // A misspelt option would otherwise be dropped without a word and its default used.
      .strict()
  );
}

/** Random forest options: bootstrap samples, best split of every drawn feature. */
export const randomForestParamsSchema = schemaFor('rf');
/** Extra trees options: all rows, one random threshold per drawn feature. */
export const extraTreesParamsSchema = schemaFor('xt');

/** Options of either forest family, defaults filled. */
export type ForestParams = z.infer<typeof randomForestParamsSchema>;

/** Validates options and fills defaults; an invalid one raises INVALID_OPTION naming it. */
export function resolveForestParams(kind: ForestKind, input: Partial<ForestParams>): ForestParams {
  const schema = kind === 'rf' ? randomForestParamsSchema : extraTreesParamsSchema;
  return parseParams(kind, schema, input);
}
