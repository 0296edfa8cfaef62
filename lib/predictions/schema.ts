// Input schemas of the predictions routes: batch runs, manual rows, API tokens.
import { z } from 'zod';

/** POST /api/predictions: predict every row of a dataset with a model, in the background. */
export const batchPredictionSchema = z.object({
  modelId: z.string().trim().min(1, 'Choose a model.').describe('A completed model of yours.'),
  datasetId: z
    .string()
    .trim()
    .min(1, 'Choose a dataset.')
    .describe('A dataset of yours holding every feature column the model uses.'),
});

/** Most rows one manual or API request may predict; larger sets go through a batch prediction. */
export const MANUAL_MAX_ROWS = 1000;

/** A cell as sent in JSON: numbers, text (dates as ISO text), yes/no, or null for missing. */
const cellSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** POST /api/models/:id/predict and /api/v1/models/:id/predict: rows of feature → value. */
export const manualPredictionSchema = z.object({
  rows: z
    .array(z.record(z.string(), cellSchema), { error: 'Send rows as a list of objects.' })
    .min(1, 'Send at least one row.')
    .max(MANUAL_MAX_ROWS, `Send at most ${MANUAL_MAX_ROWS.toLocaleString('en-US')} rows at once.`)
    .describe('One object per row, feature name → value; absent features count as missing.'),
});

export type ManualPredictionInput = z.output<typeof manualPredictionSchema>;

/** Largest JSON body of a manual prediction: 1,000 rows of a few dozen fields. */
export const MANUAL_BODY_MAX_BYTES = 4 * 1024 * 1024;

/** POST /api/tokens: a new personal API token. */
export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name, such as the script that will use it.')
    .max(100, 'Use at most 100 characters for the name.')
    .describe('What the token is for; shown in the list of tokens.'),
});
