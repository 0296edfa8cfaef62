/** @jest-environment node */
// The queue API and the job routes without a worker: owner isolation, cancelling, the reaper.
import { eq, sql } from 'drizzle-orm';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { cancelJob, enqueueJob, getJobForOwner } from '@/lib/queue';
import { getBoss, queueName } from '@/lib/queue/boss';
import { lostWorkerMessage, reapStaleJobs } from '@/lib/queue/reaper';
import { GET } from '@/app/api/jobs/[id]/route';
import { POST } from '@/app/api/jobs/[id]/cancel/route';
import { GET as events } from '@/app/api/jobs/[id]/events/route';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { createTestUser, sessionCookie } from '../helpers/session';

useTestDatabase();

let alice: SessionUser;
let bob: SessionUser;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
});

async function row(id: string) {
  const [found] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  return found;
}

/** Pretends a worker took the job and last beat `secondsAgo` seconds ago. */
async function markRunning(id: string, secondsAgo: number, attempts = 1, cancelRequested = false) {
  await getDb()
    .update(jobs)
    .set({
      status: 'RUNNING',
      attempts,
      cancelRequested,
      startedAt: sql`now()`,
      heartbeatAt: sql`now() - make_interval(secs => ${secondsAgo})`,
    })
    .where(eq(jobs.id, id));
}

async function bossState(id: string) {
  const boss = await getBoss();
  return (await boss.getJobById(queueName, id))?.state;
}

describe('enqueueJob', () => {
  it('records a QUEUED job for its owner and hands it to pg-boss', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test', payload: { steps: 2 } });
    expect(job).toMatchObject({
      ownerId: alice.id,
      kind: 'test',
      status: 'QUEUED',
      progress: 0,
      attempts: 0,
      payload: { steps: 2 },
    });
    expect(await bossState(job.id)).toBe('created');
  });
});

describe('getJobForOwner', () => {
  it("answers the owner's job and null for anyone else, unknown or malformed ids", async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    expect((await getJobForOwner(alice.id, job.id))?.id).toBe(job.id);
    expect(await getJobForOwner(bob.id, job.id)).toBeNull();
    expect(await getJobForOwner(alice.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getJobForOwner(alice.id, 'not-a-uuid')).toBeNull();
  });
});

describe('cancelJob', () => {
  it('cancels a queued job at once and withdraws its pg-boss message', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const cancelled = await cancelJob(alice.id, job.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
    expect(cancelled?.finishedAt).toBeInstanceOf(Date);
    expect(await bossState(job.id)).toBe('cancelled');
  });

  it('flags a running job for its worker and leaves it RUNNING', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    await markRunning(job.id, 0);
    expect(await cancelJob(alice.id, job.id)).toMatchObject({
      status: 'RUNNING',
      cancelRequested: true,
    });
  });

  it("refuses another user's job and leaves it untouched", async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    expect(await cancelJob(bob.id, job.id)).toBeNull();
    expect(await row(job.id)).toMatchObject({ status: 'QUEUED', cancelRequested: false });
  });

  it('returns a finished job unchanged', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    await getDb().update(jobs).set({ status: 'COMPLETED' }).where(eq(jobs.id, job.id));
    expect(await cancelJob(alice.id, job.id)).toMatchObject({
      status: 'COMPLETED',
      cancelRequested: false,
    });
  });
});

describe('reapStaleJobs', () => {
  it('re-queues a silent job with attempts left, fails one without, and spares live ones', async () => {
    const retried = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const exhausted = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const cancelling = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const alive = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    await markRunning(retried.id, 30, 1);
    await markRunning(exhausted.id, 30, 2);
    await markRunning(cancelling.id, 30, 1, true);
    await markRunning(alive.id, 2, 1);

    const result = await reapStaleJobs(10);

    expect(result.requeued).toContain(retried.id);
    expect(result.failed).toContain(exhausted.id);
    expect(result.cancelled).toContain(cancelling.id);
    expect(await row(retried.id)).toMatchObject({ status: 'QUEUED', progress: 0, error: null });
    expect(await row(exhausted.id)).toMatchObject({ status: 'FAILED', error: lostWorkerMessage });
    expect(await row(cancelling.id)).toMatchObject({ status: 'CANCELLED' });
    expect(await row(alive.id)).toMatchObject({ status: 'RUNNING' });
    // The re-queued job got a fresh pg-boss message a worker will pick up.
    const boss = await getBoss();
    expect(await boss.getQueueSize(queueName)).toBeGreaterThan(0);
  });
});

describe('job routes', () => {
  const context = (id: string) => ({ params: Promise.resolve({ id }) });
  const request = async (path: string, user?: SessionUser, method = 'GET') =>
    new Request(`http://localhost${path}`, {
      method,
      headers: user ? { cookie: await sessionCookie(user) } : {},
    });

  it('GET answers the owner with the status, 404 for others and unknown ids, 401 without session', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const path = `/api/jobs/${job.id}`;

    const own = await GET(await request(path, alice), context(job.id));
    expect(own.status).toBe(200);
    expect((await own.json()).job).toMatchObject({ id: job.id, status: 'QUEUED', progress: 0 });

    const other = await GET(await request(path, bob), context(job.id));
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe('NOT_FOUND');
    expect((await GET(await request('/api/jobs/nope', alice), context('nope'))).status).toBe(404);

    const anonymous = await GET(await request(path), context(job.id));
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it("POST cancel cancels the owner's job only", async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const path = `/api/jobs/${job.id}/cancel`;

    expect((await POST(await request(path, undefined, 'POST'), context(job.id))).status).toBe(401);
    expect((await POST(await request(path, bob, 'POST'), context(job.id))).status).toBe(404);
    expect(await row(job.id)).toMatchObject({ status: 'QUEUED' });

    const own = await POST(await request(path, alice, 'POST'), context(job.id));
    expect(own.status).toBe(200);
    expect((await own.json()).job).toMatchObject({ status: 'CANCELLED' });
  });

  it('streams status changes as server-sent events until the job finishes', async () => {
    const job = await enqueueJob({ ownerId: alice.id, kind: 'test' });
    const path = `/api/jobs/${job.id}/events`;
    expect((await events(await request(path), context(job.id))).status).toBe(401);
    expect((await events(await request(path, bob), context(job.id))).status).toBe(404);

    await markRunning(job.id, 0);
    const response = await events(await request(path, alice), context(job.id));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toMatch(/^event: job\ndata: .*"status":"RUNNING"/);

    await getDb()
      .update(jobs)
      .set({ status: 'COMPLETED', progress: 100 })
      .where(eq(jobs.id, job.id));
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += chunk.value;
    }
    expect(rest).toMatch(/"status":"COMPLETED","progress":100/);
  });
});
