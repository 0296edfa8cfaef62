// Starts the services the tests need, once per jest run: one PostgreSQL and one s3rver, both on
// free ports on 127.0.0.1 with their data in a temporary folder. Test files find them through
// environment variables (tests/setup/services.ts); jest starts its workers after this function,
// so they inherit them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import S3rver from 's3rver';
import { freePort } from '../../scripts/lib/ports';
import { EmbeddedPostgres, isAlive } from '../../scripts/lib/postgres';
import { runMigrations } from '../../scripts/migrate';
import { testEnv } from './services';

export interface TestServices {
  root: string;
  postgres: EmbeddedPostgres;
  s3: S3rver;
}

const templateDb = 'cidra_template';
const rootPrefix = 'cidra-test-';
const ownerFile = 'jest.pid';
const bucket = 'cidra-test';

export default async function globalSetup(): Promise<void> {
  // Tests must never reach a real database or bucket named by the developer's shell.
  for (const name of ['DATABASE_URL', 'S3_ENDPOINT', 'S3_BUCKET', 'NEXTAUTH_SECRET']) {
    delete process.env[name];
  }
  // Tests provoke failures on purpose (lost workers, refused input); their log lines are noise
  // there. LOG_LEVEL=debug npx jest … shows everything.
  process.env.LOG_LEVEL ??= 'error';
  await removeAbandonedRuns();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), rootPrefix));
  await fs.chmod(root, 0o755);
  await fs.writeFile(path.join(root, ownerFile), String(process.pid));

  const [postgres, s3] = await Promise.all([startPostgres(root), startS3(root)]);
  // If jest dies without running globalTeardown (a crash), PostgreSQL must not outlive it.
  process.once('exit', () => postgres.killNow());
  (globalThis as { cidraTestServices?: TestServices }).cidraTestServices = { root, postgres, s3 };
}

/** Stops servers and removes folders of earlier runs whose jest process no longer exists. */
async function removeAbandonedRuns(): Promise<void> {
  const names = (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith(rootPrefix));
  for (const name of names) {
    const root = path.join(os.tmpdir(), name);
    const owner = Number(await fs.readFile(path.join(root, ownerFile), 'utf8').catch(() => 0));
    if (!owner || isAlive(owner)) continue;
    const pidFile = path.join(root, 'postgres', 'postmaster.pid');
    const server = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
    if (server && isAlive(server)) process.kill(server, 'SIGQUIT');
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function startPostgres(root: string): Promise<EmbeddedPostgres> {
  const postgres = new EmbeddedPostgres({
    dataDir: path.join(root, 'postgres'),
    port: await freePort(),
    password: 'cidra-test',
    fast: true,
  });
  await postgres.start();
  process.env[testEnv.adminUrl] = postgres.url();

  // Migrating once into a template makes each test file's database a cheap copy.
  const client = new Client({ connectionString: postgres.url() });
  await client.connect();
  await client.query(`CREATE DATABASE ${templateDb}`);
  await client.end();
  await runMigrations(postgres.url(templateDb));
  process.env[testEnv.templateDb] = templateDb;
  return postgres;
}

async function startS3(root: string): Promise<S3rver> {
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: await freePort(),
    silent: true,
    directory: path.join(root, 's3'),
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await s3.run()) as { port: number };
  process.env[testEnv.s3Endpoint] = `http://127.0.0.1:${port}`;
  process.env[testEnv.s3Bucket] = bucket;
  return s3;
}
