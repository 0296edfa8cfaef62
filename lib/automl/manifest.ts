// The model file's manifest: its zod schema (checked on load) and the binary array descriptors.

import { z } from 'zod';
import { EVAL_METRICS } from './metrics';

/** Current model file format; files with a higher number were written by a newer Cidra-ML. */
export const FORMAT_VERSION = 1;
/** Marks a zip as ours. */
export const FORMAT_NAME = 'cidra-ml-model';

/** Element types a stored array may have; each is written little-endian. */
export const DTYPES = ['float64', 'float32', 'int32', 'uint32', 'uint8'] as const;
/** One of DTYPES. */
export type Dtype = (typeof DTYPES)[number];

const arrayRef = z.object({
  file: z.string().regex(/^arrays\/\d+\.bin$/),
  dtype: z.enum(DTYPES),
  length: z.number().int().min(0),
});

const kind = z.enum(['numeric', 'categorical', 'boolean', 'datetime', 'text']);

const encoder = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), source: z.string() }),
  z.object({
    kind: z.literal('boolean'),
    source: z.string(),
    trueLevels: z.array(z.string()),
    falseLevels: z.array(z.string()),
  }),
  z.object({ kind: z.literal('categorical'), source: z.string(), levels: z.array(z.string()) }),
  z.object({
    kind: z.literal('datetime'),
    source: z.string(),
    parts: z.array(z.enum(['year', 'month', 'day', 'dayofweek', 'hour', 'timestamp'])),
  }),
  z.object({ kind: z.literal('text'), source: z.string(), firstWords: z.array(z.string()) }),
]);

const artifact = z.object({
  params: z.record(z.string(), z.unknown()),
  arrays: z.record(z.string(), arrayRef),
});

const leaderboardRow = z.object({
  name: z.string(),
  family: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  reason: z.string().optional(),
  validationRmse: z.number().nullable(),
  validationScore: z.number().nullable().optional(),
  fitSec: z.number(),
  validationPredictSec: z.number(),
  stackLevel: z.number().int(),
  foldCount: z.number().int(),
  ensembleWeight: z.number(),
});

const warning = z.object({
  code: z.enum([
    'NOT_A_NUMBER',
    'INFINITE_VALUE',
    'NOT_A_DATE',
    'NOT_A_BOOLEAN',
    'UNSEEN_LEVEL',
    'IGNORED_COLUMN',
  ]),
  column: z.string(),
  count: z.number(),
  rows: z.array(z.number()),
  message: z.string(),
});

const importance = z.object({
  feature: z.string(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  shuffles: z.number().int(),
});

const training = z.object({
  label: z.string(),
  features: z.array(
    z.object({
      name: z.string(),
      kind,
      kindGiven: z.boolean(),
      missing: z.number(),
      distinct: z.number(),
      matrixColumns: z.array(z.string()),
    }),
  ),
  dropped: z.array(
    z.object({
      name: z.string(),
      reason: z.enum(['constant', 'all_missing', 'identifier']),
      message: z.string(),
    }),
  ),
  trainingRows: z.number().int(),
  validationRows: z.number().int(),
  droppedLabelRows: z.number().int(),
  warnings: z.array(warning),
  phaseSec: z.record(z.string(), z.number()),
  seed: z.number(),
  holdoutFraction: z.number(),
  timeLimitSec: z.number().nullable(),
  refitModels: z.array(z.string()),
  preset: z.string().optional(),
  folds: z.number().int().min(1).optional(),
  evalMetric: z.enum(EVAL_METRICS).optional(),
  validationMetrics: z
    .object({ rmse: z.number(), mae: z.number(), r2: z.number().nullable() })
    .optional(),
  stackingCheck: z
    .object({
      holdoutRows: z.number().int(),
      metric: z.enum(EVAL_METRICS),
      withStacking: z.number().nullable(),
      withoutStacking: z.number().nullable(),
      stacked: z.boolean(),
      seconds: z.number(),
      rowsNeeded: z.number().int().optional(),
    })
    .optional(),
  featureImportance: z
    .object({
      rows: z.number().int(),
      baselineRmse: z.number(),
      features: z.array(importance),
      models: z.record(z.string(), z.array(importance)),
      timedOut: z.boolean(),
    })
    .optional(),
});

/** The whole manifest.json of a format-1 model file. */
export const ManifestSchema = z.object({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.literal(FORMAT_VERSION),
  label: z.string(),
  preprocessing: z.object({ encoders: z.array(encoder).min(1) }),
  models: z
    .array(
      z.object({
        name: z.string(),
        family: z.string(),
        stackLevel: z.number().int().min(1),
        inputs: z.array(z.string()).optional(),
        parts: z.array(artifact).min(1),
      }),
    )
    .min(1),
  ensemble: z.object({ weights: z.array(z.number().min(0)) }),
  leaderboard: z.array(leaderboardRow),
  training,
});

/** A parsed, valid manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;
/** Where a stored array lives in the zip, its element type and length. */
export type ArrayRef = z.infer<typeof arrayRef>;
