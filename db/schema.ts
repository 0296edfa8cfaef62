// Database schema: every table the app stores, as Drizzle definitions (migrations in db/migrations).
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
  bigint,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: id(),
  name: text('name').notNull(),
  /** Stored lower-cased and trimmed, so lookups ignore case. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

/** An uploaded or derived CSV file. `schema` holds the inferred columns (filled by the datasets feature). */
export const datasets = pgTable(
  'datasets',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    rowCount: integer('row_count').notNull().default(0),
    columnCount: integer('column_count').notNull().default(0),
    schema: jsonb('schema'),
    createdAt: createdAt(),
  },
  (table) => [index('datasets_owner_idx').on(table.ownerId, table.createdAt)],
);

export const modelStatuses = ['TRAINING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type ModelStatus = (typeof modelStatuses)[number];

/** A trained or uploaded predictor; the model file itself lives in storage under `storageKey`. */
export const models = pgTable(
  'models',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Set null when the dataset is deleted: the model keeps working without it. */
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<ModelStatus>().notNull(),
    label: text('label'),
    storageKey: text('storage_key'),
    metadata: jsonb('metadata'),
    /** The training job (null for uploaded models); its row holds progress and step. */
    jobId: uuid('job_id'),
    /** Why training failed, for users; copied from the job by the `jobs_sync_resource` trigger. */
    error: text('error'),
    createdAt: createdAt(),
  },
  (table) => [index('models_owner_idx').on(table.ownerId, table.createdAt)],
);

/**
 * Status of a result computed by a job (evaluations, batch predictions). The job row holds
 * progress; the `jobs_sync_resource` trigger (db/migrations/0001) copies RUNNING, FAILED and
 * CANCELLED here, and the job's handler sets COMPLETED with the result.
 */
export const resultStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type ResultStatus = (typeof resultStatuses)[number];

/** A model scored on a labelled dataset (the Testing section). */
export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** Set null when the dataset is deleted: the result stays readable. */
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    /** The dataset's name when the evaluation started, shown after it is deleted. */
    datasetName: text('dataset_name').notNull(),
    status: text('status').$type<ResultStatus>().notNull().default('QUEUED'),
    jobId: uuid('job_id'),
    error: text('error'),
    /** Headline metrics (rmse, mae, r2, …) for lists; the full result is in `result`. */
    metrics: jsonb('metrics'),
    /** Everything the result page shows: metrics, test leaderboard, chart samples. */
    result: jsonb('result'),
    /** The scored rows (inputs, real value, prediction, residual) as CSV in storage. */
    storageKey: text('storage_key'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('evaluations_owner_idx').on(table.ownerId, table.createdAt)],
);

/** A batch prediction of a model on a dataset (the Predicting section). */
export const predictions = pgTable(
  'predictions',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    datasetName: text('dataset_name').notNull(),
    status: text('status').$type<ResultStatus>().notNull().default('QUEUED'),
    jobId: uuid('job_id'),
    error: text('error'),
    /** Counts, the prediction column's name, a preview of the first rows. */
    result: jsonb('result'),
    /** The output CSV (original columns plus the prediction) in storage. */
    storageKey: text('storage_key'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('predictions_owner_idx').on(table.ownerId, table.createdAt)],
);

/** Personal API tokens; only a SHA-256 hash of the secret is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Hex SHA-256 of the whole token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, shown so users can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('api_tokens_owner_idx').on(table.ownerId, table.createdAt)],
);

export const jobKinds = ['train', 'evaluate', 'predict', 'profile', 'test'] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * One unit of background work as users see it. pg-boss carries the work itself; this row holds
 * what the UI shows (status, progress, message) and the heartbeat that detects dead workers.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<JobKind>().notNull(),
    /** The dataset, model, evaluation or prediction the job works for. */
    resourceId: uuid('resource_id'),
    status: text('status').$type<JobStatus>().notNull().default('QUEUED'),
    /** 0–100. */
    progress: real('progress').notNull().default(0),
    message: text('message').notNull().default(''),
    /** A message for users when the job failed; details stay in the server log. */
    error: text('error'),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    result: jsonb('result'),
    attempts: integer('attempts').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('jobs_owner_idx').on(table.ownerId, table.createdAt),
    index('jobs_status_idx').on(table.status, table.heartbeatAt),
  ],
);

/** Failed login attempts in a sliding window, keyed by email or by client address. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    key: text('key').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('login_attempts_key_idx').on(table.key, table.createdAt)],
);
