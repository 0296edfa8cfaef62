// Process configuration: every environment variable the app reads, validated once at start-up.
import { z } from 'zod';
import path from 'node:path';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanText = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** The schema of the environment; each field's description doubles as the README's table. */
export const envSchema = z.object({
  DATABASE_URL: optionalText.describe(
    'PostgreSQL URL. Unset: `npm start` runs an embedded PostgreSQL with data in DATA_DIR/postgres.',
  ),
  HOST: z.string().default('127.0.0.1').describe('Address the web server listens on.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('Web server port.'),
  DATA_DIR: z
    .string()
    .default('./data')
    .describe('Folder for the embedded database, files, secrets.'),
  NEXTAUTH_SECRET: optionalText.describe(
    'Session signing secret. Unset: generated once into DATA_DIR/secret and reused.',
  ),
  NEXTAUTH_URL: optionalText.describe('Public URL of the app, when behind a proxy.'),
  S3_ENDPOINT: optionalText.describe(
    'S3-compatible endpoint. Unset: files go to DATA_DIR/storage.',
  ),
  S3_BUCKET: optionalText.describe('Bucket name; required with S3_ENDPOINT.'),
  S3_REGION: z.string().default('us-east-1').describe('Region sent to the S3 endpoint.'),
  S3_ACCESS_KEY_ID: optionalText.describe('S3 access key; required with S3_ENDPOINT.'),
  S3_SECRET_ACCESS_KEY: optionalText.describe('S3 secret key; required with S3_ENDPOINT.'),
  S3_FORCE_PATH_STYLE: booleanText
    .default(true)
    .describe('Path-style bucket URLs (MinIO, s3rver).'),
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe('Jobs one worker process runs at once.'),
  WORKER_NICE: z.coerce
    .number()
    .int()
    .min(0)
    .max(19)
    .default(10)
    .describe(
      'Scheduling priority of worker processes (Unix nice; 19 is lowest): training and scoring ' +
        'yield the cores to web servers on the same machine. 0 keeps the default priority.',
    ),
  JOB_HEARTBEAT_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(10)
    .describe('How often a running job reports that its worker is alive.'),
  JOB_STALE_SEC: z.coerce
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(60)
    .describe('A running job with no heartbeat for this long is failed or retried.'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 ** 3)
    .describe('Largest accepted upload, in bytes.'),
  USER_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      "Bytes one user's datasets, models and results may take in storage; 0 means no limit.",
    ),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Log verbosity.'),
});

export type Config = z.infer<typeof envSchema> & { dataDir: string };

/** Thrown when the environment is invalid; its message names each bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (default: process.env) and resolves paths. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.S3_ENDPOINT) {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
      (name) => !config[name],
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(', ')}: required when S3_ENDPOINT is set`,
      );
    }
  }
  return { ...config, dataDir: path.resolve(config.DATA_DIR) };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}
