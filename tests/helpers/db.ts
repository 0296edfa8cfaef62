// A fresh, migrated database for each test file, on the PostgreSQL that globalSetup started.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { closeDb } from '@/lib/db';
import { stopBoss } from '@/lib/queue/boss';
import { readTestEnv } from '../setup/services';

/** The URL of `database` on the test server. */
export function testDatabaseUrl(database: string): string {
  const url = new URL(readTestEnv('adminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: readTestEnv('adminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * In a test file: creates a fresh database (migrations applied) on the test PostgreSQL started by
 * jest's globalSetup, sets process.env.DATABASE_URL to it in beforeAll, drops it in afterAll.
 */
export function useTestDatabase(): { url(): string } {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const url = testDatabaseUrl(name);

  beforeAll(async () => {
    const template = readTestEnv('templateDb');
    await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
    process.env.DATABASE_URL = url;
  });

  afterAll(async () => {
    await stopBoss();
    await closeDb();
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  return { url: () => url };
}
