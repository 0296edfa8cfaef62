// The job queue as the app uses it: create a job, read it, cancel it, always for one owner.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { jobs, type JobKind } from '@/db/schema';
import { ownedRow } from '@/lib/access/owned';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { getBoss, queueName, type QueueMessage } from './boss';

export type JobRow = typeof jobs.$inferSelect;

const queueFailure = 'The job could not be queued; please try again.';

/** Records a QUEUED job for `ownerId` and hands its id to the workers. */
export async function enqueueJob(input: {
  ownerId: string;
  kind: JobKind;
  resourceId?: string;
  payload?: Record<string, unknown>;
}): Promise<JobRow> {
  const [row] = await getDb()
    .insert(jobs)
    .values({
      ownerId: input.ownerId,
      kind: input.kind,
      resourceId: input.resourceId,
      payload: input.payload ?? {},
      message: 'Waiting for a worker',
    })
    .returning();
  try {
    await sendToWorkers(row.id);
  } catch (cause) {
    // Without its message no worker would ever see the row: fail it rather than leave it waiting.
    await getDb()
      .update(jobs)
      .set({ status: 'FAILED', error: queueFailure, finishedAt: sql`now()` })
      .where(eq(jobs.id, row.id));
    throw new AppError('INTERNAL', queueFailure, { cause });
  }
  return row;
}

/**
 * Hands a job id to pg-boss. The first message uses the job's own id so cancelJob can withdraw it;
 * later ones (after a worker died or shut down) get fresh ids, since the old message may still be
 * held by pg-boss. A message for a row that is no longer QUEUED is skipped by the worker, so
 * duplicates are harmless.
 */
export async function sendToWorkers(jobId: string, first = true): Promise<void> {
  const boss = await getBoss();
  const message: QueueMessage = { jobId };
  await boss.send(queueName, message, first ? { id: jobId } : {});
}

/** The job if it belongs to `ownerId`; null for unknown ids and other users' jobs alike. */
export async function getJobForOwner(ownerId: string, jobId: string): Promise<JobRow | null> {
  const [row] = await getDb()
    .select()
    .from(jobs)
    .where(ownedRow(jobs, ownerId, jobId))
    .limit(1);
  return row ?? null;
}

/**
 * Cancels a job of `ownerId`: a QUEUED job becomes CANCELLED at once; a RUNNING job is flagged and
 * its worker stops it at its next heartbeat or progress report. Finished jobs are returned
 * unchanged; null for unknown ids and other users' jobs.
 */
export async function cancelJob(ownerId: string, jobId: string): Promise<JobRow | null> {
  // One statement, so a job that starts running meanwhile is flagged rather than missed.
  const [updated] = await getDb()
    .update(jobs)
    .set({
      cancelRequested: true,
      status: sql`CASE WHEN ${jobs.status} = 'QUEUED' THEN 'CANCELLED' ELSE ${jobs.status} END`,
      message: sql`CASE WHEN ${jobs.status} = 'QUEUED' THEN 'Cancelled' ELSE 'Cancelling…' END`,
      finishedAt: sql`CASE WHEN ${jobs.status} = 'QUEUED' THEN now() ELSE NULL END`,
    })
    .where(and(ownedRow(jobs, ownerId, jobId), inArray(jobs.status, ['QUEUED', 'RUNNING'])))
    .returning();
  if (!updated) return getJobForOwner(ownerId, jobId);

  if (updated.status === 'CANCELLED') await withdrawMessage(jobId);
  return updated;
}

/** Best effort: a message left behind is skipped by the worker anyway. */
async function withdrawMessage(jobId: string): Promise<void> {
  try {
    const boss = await getBoss();
    await boss.cancel(queueName, jobId);
  } catch (error) {
    log.warn('Could not withdraw a cancelled job from pg-boss', { jobId, error });
  }
}

/** What the job status API answers: everything the UI shows, nothing of the worker's internals. */
export function jobView(row: JobRow) {
  return {
    id: row.id,
    kind: row.kind,
    resourceId: row.resourceId,
    status: row.status,
    progress: row.progress,
    message: row.message,
    error: row.error,
    result: row.result,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export type JobView = ReturnType<typeof jobView>;
