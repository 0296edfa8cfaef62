/** @jest-environment node */
// A worker lives through a PostgreSQL restart (the fault `npm run faults` found): a job that ends
// while the database is away is re-run once it is back, and jobs queued afterwards run. The
// restart needs a PostgreSQL of this file's own; the shared test server is not touched.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb } from '@/lib/db';
import { enqueueJob, getJobForOwner } from '@/lib/queue';
import { stopBoss } from '@/lib/queue/boss';
import { freePort } from '../../scripts/lib/ports';
import { EmbeddedPostgres } from '../../scripts/lib/postgres';
import { runMigrations } from '../../scripts/migrate';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor, type TestWorker } from '../helpers/worker';

jest.setTimeout(120_000);

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-faults-pg-'));
fs.chmodSync(folder, 0o755);
let postgres: EmbeddedPostgres;
let worker: TestWorker;
let ownerId: string;

beforeAll(async () => {
  postgres = new EmbeddedPostgres({
    dataDir: path.join(folder, 'postgres'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
    fast: true,
  });
  await postgres.start();
  await postgres.createDatabase('cidra');
  process.env.DATABASE_URL = postgres.url('cidra');
  await runMigrations(process.env.DATABASE_URL);
  ownerId = (await createTestUser()).id;
  worker = startWorker({ DATABASE_URL: process.env.DATABASE_URL });
  await worker.ready;
});

afterAll(async () => {
  await stopAllWorkers();
  await stopBoss(1000).catch(() => {});
  await closeDb();
  await postgres.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function jobStatus(id: string) {
  return (await getJobForOwner(ownerId, id).catch(() => null))?.status;
}

it('keeps the worker alive when a job ends while PostgreSQL is down, and re-runs that job', async () => {
  // One step of 3 s: the job's end (its progress write, pg-boss's completion) falls in the outage.
  const job = await enqueueJob({
    ownerId,
    kind: 'test',
    payload: { steps: 1, stepMs: 3000 },
  });
  await waitFor('the job to start', async () =>
    (await jobStatus(job.id)) === 'RUNNING' ? true : undefined,
  );
  await stopBoss(1000);
  await closeDb();
  await postgres.stop();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  await postgres.start();

  const ended = await waitFor(
    'the job to end after the restart',
    async () => {
      const status = await jobStatus(job.id);
      return status === 'RUNNING' || status === 'QUEUED' ? undefined : status;
    },
    60_000,
    250,
  );
  expect(ended).toBe('COMPLETED');
  expect(worker.process.exitCode).toBeNull();
  expect(worker.output()).toContain('The database was unreachable for queue bookkeeping');

  const next = await enqueueJob({ ownerId, kind: 'test', payload: { steps: 2, stepMs: 10 } });
  const status = await waitFor('a job queued after the restart', async () => {
    const now = await jobStatus(next.id);
    return now === 'COMPLETED' || now === 'FAILED' ? now : undefined;
  });
  expect(status).toBe('COMPLETED');
});
