/** @jest-environment node */
// Real worker processes run 'test' jobs: progress, failure, cancelling, shutdown, and recovery
// after a worker is killed in the middle of a job.
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { cancelJob, enqueueJob, type JobRow } from '@/lib/queue';
import { lostWorkerMessage, reapStaleJobs } from '@/lib/queue/reaper';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor, type TestWorker } from '../helpers/worker';

jest.setTimeout(60_000);

const database = useTestDatabase();
let owner: SessionUser;

beforeAll(async () => {
  owner = await createTestUser();
});

afterEach(stopAllWorkers);

async function row(id: string): Promise<JobRow> {
  const [found] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  return found;
}

/** Waits until the job's row satisfies `test`; returns that row. */
function waitForRow(id: string, what: string, test: (job: JobRow) => boolean, timeoutMs = 20_000) {
  return waitFor(
    what,
    async () => {
      const job = await row(id);
      return test(job) ? job : undefined;
    },
    timeoutMs,
  );
}

async function worker(env: Record<string, string> = {}): Promise<TestWorker> {
  const started = startWorker({ DATABASE_URL: database.url(), ...env });
  await started.ready;
  return started;
}

it('runs a job to COMPLETED, reporting progress on the way', async () => {
  await worker();
  const job = await enqueueJob({
    ownerId: owner.id,
    kind: 'test',
    payload: { steps: 10, stepMs: 150 },
  });

  const midway = await waitForRow(job.id, 'progress', (j) => j.progress > 0 && j.progress < 100);
  expect(midway.status).toBe('RUNNING');
  expect(midway.message).toMatch(/^Step \d+ of 10$/);
  expect(midway.startedAt).toBeInstanceOf(Date);

  const done = await waitForRow(
    job.id,
    'completion',
    (j) => j.status !== 'RUNNING' && j.status !== 'QUEUED',
  );
  expect(done).toMatchObject({ status: 'COMPLETED', progress: 100, attempts: 1, error: null });
  expect(done.result).toEqual({ steps: 10 });
  expect(done.finishedAt).toBeInstanceOf(Date);
});

it('runs at WORKER_NICE priority, below the web server, and 0 keeps the default', async () => {
  const niced = await worker({ WORKER_NICE: '12' });
  expect(os.getPriority(niced.process.pid!)).toBe(12);
  const plain = await worker({ WORKER_NICE: '0' });
  expect(os.getPriority(plain.process.pid!)).toBe(os.getPriority());
});

it('fails a job with the message users may see, without a stack', async () => {
  await worker();
  const job = await enqueueJob({
    ownerId: owner.id,
    kind: 'test',
    payload: { steps: 5, stepMs: 10, failAtStep: 3 },
  });
  const done = await waitForRow(job.id, 'failure', (j) => j.status === 'FAILED');
  expect(done.error).toBe('Test job failed at step 3.');
  expect(done.progress).toBe(40);
});

it('fails a job whose payload is invalid, naming the field', async () => {
  await worker();
  const job = await enqueueJob({ ownerId: owner.id, kind: 'test', payload: { steps: -1 } });
  const done = await waitForRow(job.id, 'failure', (j) => j.status === 'FAILED');
  expect(done.error).toMatch(/^Test job payload steps: /);
});

it('stops a running job that is cancelled and records it CANCELLED', async () => {
  await worker();
  const job = await enqueueJob({
    ownerId: owner.id,
    kind: 'test',
    payload: { steps: 100, stepMs: 100 },
  });
  await waitForRow(job.id, 'progress', (j) => j.progress > 0);

  const flagged = await cancelJob(owner.id, job.id);
  expect(flagged).toMatchObject({ status: 'RUNNING', cancelRequested: true });

  const done = await waitForRow(job.id, 'cancellation', (j) => j.status !== 'RUNNING', 5_000);
  expect(done.status).toBe('CANCELLED');
  expect(done.progress).toBeLessThan(100);
});

it('hands a running job back to the queue on SIGTERM, and another worker finishes it', async () => {
  const first = await worker();
  const job = await enqueueJob({
    ownerId: owner.id,
    kind: 'test',
    payload: { steps: 20, stepMs: 100 },
  });
  await waitForRow(job.id, 'progress', (j) => j.progress > 0);

  first.process.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(await row(job.id)).toMatchObject({ status: 'QUEUED', attempts: 0 });

  await worker();
  const done = await waitForRow(job.id, 'completion', (j) => j.status === 'COMPLETED');
  expect(done.attempts).toBe(1);
});

it('stops a run that was taken over after missed heartbeats, without letting it write again', async () => {
  const running = await worker();
  const job = await enqueueJob({
    ownerId: owner.id,
    kind: 'test',
    payload: { steps: 30, stepMs: 100 },
  });
  await waitForRow(job.id, 'progress', (j) => j.attempts === 1 && j.progress > 0);

  // As if the worker had stalled: its heartbeat looks old, and a reaper re-queues the job.
  await waitFor('the reaper to re-queue the job', async () => {
    await getDb()
      .update(jobs)
      .set({ heartbeatAt: sql`now() - interval '1 minute'` })
      .where(eq(jobs.id, job.id));
    const { requeued } = await reapStaleJobs(5);
    return requeued.includes(job.id) ? true : undefined;
  });

  // The first run notices at its next heartbeat and stops; the job then runs again, once.
  const done = await waitForRow(job.id, 'completion', (j) => j.status === 'COMPLETED', 30_000);
  expect(done.attempts).toBe(2);
  expect(running.output()).toContain('Job was taken over after missed heartbeats');
});

it('runs WORKER_CONCURRENCY jobs at once in one worker', async () => {
  await worker({ WORKER_CONCURRENCY: '2' });
  const payload = { steps: 30, stepMs: 100 };
  const both = await Promise.all(
    [1, 2].map(() => enqueueJob({ ownerId: owner.id, kind: 'test', payload })),
  );
  await waitFor('both jobs running together', async () => {
    const rows = await Promise.all(both.map((job) => row(job.id)));
    return rows.every((j) => j.status === 'RUNNING' && j.progress > 0) ? true : undefined;
  });

  // Finish them, so no later test's worker inherits them.
  for (const job of both) await cancelJob(owner.id, job.id);
  for (const job of both) await waitForRow(job.id, 'cancellation', (j) => j.status === 'CANCELLED');
});

describe('a worker killed in the middle of a job', () => {
  it('leaves the job to be retried by another worker, which completes it', async () => {
    const first = await worker();
    const job = await enqueueJob({
      ownerId: owner.id,
      kind: 'test',
      payload: { steps: 20, stepMs: 100 },
    });
    await waitForRow(job.id, 'progress', (j) => j.status === 'RUNNING' && j.progress >= 20);

    first.process.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    expect((await row(job.id)).status).toBe('RUNNING');

    await worker();
    const done = await waitForRow(job.id, 'recovery', (j) => j.status === 'COMPLETED', 30_000);
    expect(done).toMatchObject({ attempts: 2, progress: 100, error: null });
    console.info(`killed job completed ${Date.now() - killedAt} ms after the kill`);
  });

  it('fails the job with a message once its retries are spent, never leaving it RUNNING', async () => {
    const job = await enqueueJob({
      ownerId: owner.id,
      kind: 'test',
      payload: { steps: 50, stepMs: 100 },
    });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const doomed = await worker();
      await waitForRow(
        job.id,
        `attempt ${attempt}`,
        (j) => j.attempts === attempt && j.progress > 0,
      );
      doomed.process.kill('SIGKILL');
      await doomed.exited;
    }
    const killedAt = Date.now();

    await worker();
    const done = await waitForRow(job.id, 'failure', (j) => j.status !== 'RUNNING', 30_000);
    expect(done).toMatchObject({ status: 'FAILED', error: lostWorkerMessage, attempts: 2 });
    console.info(`twice-killed job failed ${Date.now() - killedAt} ms after the last kill`);
  });
});
