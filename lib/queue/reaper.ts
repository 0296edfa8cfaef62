// Recovery from dead workers: RUNNING jobs whose heartbeat stopped are retried or failed.
import { and, eq, lt, sql } from 'drizzle-orm';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { log } from '@/lib/log';
import { sendToWorkers } from './index';

/** A job is started at most this many times when its workers keep dying; then it fails. */
export const maxAttempts = 2;

export const lostWorkerMessage = 'The worker running this job stopped unexpectedly; please retry.';

export interface ReapResult {
  requeued: string[];
  failed: string[];
  cancelled: string[];
}

/**
 * Finds RUNNING jobs with no heartbeat for `staleSec` (by the database's clock, so workers on
 * other machines agree) and re-queues them while attempts remain, else fails them with a message
 * for users. A job whose cancellation was pending ends CANCELLED. Safe to run from every worker
 * at once: each row is updated by exactly one of them.
 */
export async function reapStaleJobs(staleSec: number): Promise<ReapResult> {
  const retry = sql`NOT ${jobs.cancelRequested} AND ${jobs.attempts} < ${maxAttempts}`;
  const rows = await getDb()
    .update(jobs)
    .set({
      status: sql`CASE WHEN ${jobs.cancelRequested} THEN 'CANCELLED'
        WHEN ${retry} THEN 'QUEUED' ELSE 'FAILED' END`,
      error: sql`CASE WHEN ${jobs.cancelRequested} OR ${retry} THEN NULL ELSE ${lostWorkerMessage} END`,
      message: sql`CASE WHEN ${jobs.cancelRequested} THEN 'Cancelled'
        WHEN ${retry} THEN 'Waiting for a worker (the previous one stopped)' ELSE ${jobs.message} END`,
      progress: sql`CASE WHEN ${retry} THEN 0 ELSE ${jobs.progress} END`,
      finishedAt: sql`CASE WHEN ${retry} THEN NULL ELSE now() END`,
      heartbeatAt: null,
    })
    .where(
      and(
        eq(jobs.status, 'RUNNING'),
        lt(jobs.heartbeatAt, sql`now() - make_interval(secs => ${staleSec})`),
      ),
    )
    .returning({ id: jobs.id, status: jobs.status, attempts: jobs.attempts });

  const result: ReapResult = { requeued: [], failed: [], cancelled: [] };
  for (const row of rows) {
    if (row.status === 'QUEUED') result.requeued.push(row.id);
    else if (row.status === 'FAILED') result.failed.push(row.id);
    else result.cancelled.push(row.id);
    log.warn('Job lost its worker', { jobId: row.id, now: row.status, attempts: row.attempts });
  }
  for (const jobId of result.requeued) await sendToWorkers(jobId, false);
  return result;
}
