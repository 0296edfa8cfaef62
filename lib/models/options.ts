// Input schemas of the models API: training requests, edits, and the upload form's text fields.
import { z } from 'zod';
// From the presets file itself, not the engine's index: forms in the browser import this schema.
import { PRESET_NAMES } from '@/lib/automl/presets';

/** Metrics a user may choose to rank models by; every one is reported either way. */
export const EVAL_METRICS = ['rmse', 'mae', 'r2'] as const;
export type EvalMetric = (typeof EVAL_METRICS)[number];

/** Model families a training may be limited to (the engine's names). */
export const MODEL_FAMILIES = ['gbdt', 'linear', 'rf', 'xt', 'knn', 'mlp'] as const;

/** Longest time limit accepted: seven days, in seconds (the engine's own cap). */
export const MAX_TIME_LIMIT_SEC = 7 * 24 * 3600;

export const modelNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the model a name.')
  .max(200, 'Use at most 200 characters for the name.');
export const modelDescriptionSchema = z
  .string()
  .trim()
  .max(2000, 'Use at most 2,000 characters for the description.');

/** POST /api/models: what to train, on which dataset, with which settings. */
export const trainRequestSchema = z.object({
  name: modelNameSchema.describe('Name shown in lists.'),
  description: modelDescriptionSchema.default('').describe('Free text.'),
  datasetId: z.string().min(1, 'Choose a dataset.').describe('The training dataset.'),
  label: z.string().min(1, 'Choose the target column.').describe('The numeric column to predict.'),
  features: z
    .array(z.string().min(1))
    .min(1, 'Choose at least one feature column.')
    .optional()
    .describe('Feature columns; default every column except the target.'),
  preset: z
    .enum(PRESET_NAMES, { message: `Choose one of ${PRESET_NAMES.join(', ')}.` })
    .default('medium_quality')
    .describe('How much accuracy to buy with time.'),
  timeLimitSec: z
    .number({ message: 'Give the time limit in seconds (0 means none).' })
    .int('Give the time limit in whole seconds.')
    .min(0, 'The time limit cannot be negative (0 means none).')
    .max(MAX_TIME_LIMIT_SEC, 'The time limit can be at most 7 days.')
    .default(0)
    .describe('Wall-clock budget in seconds; 0 = none.'),
  evalMetric: z
    .enum(EVAL_METRICS, { message: 'Choose rmse, mae or r2.' })
    .default('rmse')
    .describe('Metric that ranks the models and weights the ensemble.'),
  holdoutFraction: z
    .number({ message: 'Give the holdout fraction as a number.' })
    .min(0.05, 'The holdout fraction must be at least 0.05.')
    .max(0.5, 'The holdout fraction can be at most 0.5.')
    .optional()
    .describe('Share of rows held out for validation (holdout presets); default 0.2.'),
  families: z
    .array(z.enum(MODEL_FAMILIES, { message: `Use families among ${MODEL_FAMILIES.join(', ')}.` }))
    .min(1, 'Choose at least one model family.')
    .optional()
    .describe('Model families to fit; default all of the preset.'),
});
export type TrainRequest = z.output<typeof trainRequestSchema>;

/** PATCH /api/models/:id. */
export const modelPatchSchema = z.object({
  name: modelNameSchema.optional(),
  description: modelDescriptionSchema.optional(),
});

/** The settings a training job receives in its payload (the dataset is the model's). */
export const trainSettingsSchema = trainRequestSchema.omit({
  name: true,
  description: true,
  datasetId: true,
});
export type TrainSettings = z.output<typeof trainSettingsSchema>;
