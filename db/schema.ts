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
    createdAt: createdAt(),
  },
  (table) => [index('models_owner_idx').on(table.ownerId, table.createdAt)],
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
