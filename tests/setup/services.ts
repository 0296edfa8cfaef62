// The addresses of the services jest's globalSetup starts, as test files read them.

/** Environment variables globalSetup sets; jest workers inherit them. */
export const testEnv = {
  /** Superuser URL of the test PostgreSQL (database `postgres`). */
  adminUrl: 'CIDRA_TEST_PG_URL',
  /** A database with every migration applied, copied for each test file. */
  templateDb: 'CIDRA_TEST_PG_TEMPLATE',
  s3Endpoint: 'CIDRA_TEST_S3_ENDPOINT',
  s3Bucket: 'CIDRA_TEST_S3_BUCKET',
} as const;

/** The value of one of `testEnv`, or an error explaining that globalSetup did not run. */
export function readTestEnv(name: keyof typeof testEnv): string {
  const value = process.env[testEnv[name]];
  if (!value) {
    throw new Error(
      `${testEnv[name]} is unset: run tests through jest (tests/setup/global-setup.ts)`,
    );
  }
  return value;
}
