// Runs one job in this worker: claims its row, keeps its heartbeat, and records how it ended.
import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AutoMLError } from '@/lib/automl/errors';
import { AppError, toAppError } from '@/lib/errors';
import type { Logger } from '@/lib/log';
import { sendToWorkers, type JobRow } from '@/lib/queue';
import type { JobContext, JobHandler } from './types';

/** Why a running job was told to stop. */
export type StopReason = 'cancel' | 'shutdown' | 'lost';

export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`Job stopped: ${reason}`);
    this.name = 'JobStopped';
  }
}

export interface RunnerOptions {
  handlers: Partial<Record<string, JobHandler>>;
  heartbeatSec: number;
  log: Logger;
}

/** The jobs this process runs now, so shutdown can stop them. */
const running = new Map<string, AbortController>();

/** Tells every running job to stop; used on SIGINT/SIGTERM. */
export function stopAllJobs(reason: StopReason): number {
  for (const controller of running.values()) controller.abort(new JobStopped(reason));
  return running.size;
}

/** Runs the job `jobId` if it is still QUEUED; a stale or duplicate message is skipped. */
export async function runJob(jobId: string, options: RunnerOptions): Promise<void> {
  const log = options.log.child({ jobId });
  const job = await claim(jobId);
  if (!job) {
    log.debug('Skipped a queue message: the job is no longer waiting');
    return;
  }
  log.info('Job started', { kind: job.kind, attempt: job.attempts });

  const controller = new AbortController();
  running.set(job.id, controller);
  const stop = (reason: StopReason) => controller.abort(new JobStopped(reason));
  const heartbeat = setInterval(() => {
    touch(job).then(
      (reason) => reason && stop(reason),
      (error) => log.warn('Heartbeat failed', { error }),
    );
  }, options.heartbeatSec * 1000);

  const began = Date.now();
  let outcome: Outcome;
  try {
    const handler = options.handlers[job.kind];
    if (!handler) throw new AppError('INTERNAL', `Jobs of kind '${job.kind}' cannot run yet.`);
    const ctx: JobContext = {
      job,
      signal: controller.signal,
      log,
      progress: (percent, message) =>
        touch(job, { percent, message }).then((reason) => reason && stop(reason)),
    };
    const result = await handler(ctx);
    outcome = stoppedOutcome(controller.signal) ?? { kind: 'completed', result: result ?? null };
  } catch (error) {
    outcome = stoppedOutcome(controller.signal) ?? { kind: 'failed', error };
  } finally {
    clearInterval(heartbeat);
    running.delete(job.id);
  }
  await finish(job, outcome, log);
  log.info('Job ended', { outcome: outcome.kind, runMs: Date.now() - began });
}

type Outcome =
  | { kind: 'completed'; result: Record<string, unknown> | null }
  | { kind: 'failed'; error: unknown }
  | { kind: StopReason };

function stoppedOutcome(signal: AbortSignal): Outcome | undefined {
  if (!signal.aborted) return undefined;
  const reason = signal.reason instanceof JobStopped ? signal.reason.reason : 'cancel';
  return { kind: reason };
}

/** QUEUED -> RUNNING in one statement, so two workers never run the same job. */
async function claim(jobId: string): Promise<JobRow | undefined> {
  const [row] = await getDb()
    .update(jobs)
    .set({
      status: 'RUNNING',
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`now()`,
      heartbeatAt: sql`now()`,
      progress: 0,
      message: 'Starting',
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'QUEUED'), eq(jobs.cancelRequested, false)))
    .returning();
  return row;
}

/** Matches only this run of the job: after a takeover, the old run must not write anything. */
function thisRun(job: JobRow) {
  return and(eq(jobs.id, job.id), eq(jobs.status, 'RUNNING'), eq(jobs.attempts, job.attempts));
}

/**
 * Writes the heartbeat (with progress, when given) for this run; answers why the job must stop:
 * 'cancel' when the user asked, 'lost' when the row is no longer this run's.
 */
async function touch(
  job: JobRow,
  progress?: { percent: number; message: string },
): Promise<StopReason | undefined> {
  const fields = progress && {
    progress: Math.min(100, Math.max(0, Number.isFinite(progress.percent) ? progress.percent : 0)),
    message: progress.message.slice(0, 500),
  };
  const [row] = await getDb()
    .update(jobs)
    .set({ ...fields, heartbeatAt: sql`now()` })
    .where(thisRun(job))
    .returning({ cancelRequested: jobs.cancelRequested });
  if (!row) return 'lost';
  return row.cancelRequested ? 'cancel' : undefined;
}

async function finish(job: JobRow, outcome: Outcome, log: Logger): Promise<void> {
  const db = getDb();
  const done = { finishedAt: sql`now()`, heartbeatAt: sql`now()` };
  switch (outcome.kind) {
    case 'completed':
      await db
        .update(jobs)
        .set({
          ...done,
          status: 'COMPLETED',
          progress: 100,
          message: 'Done',
          result: outcome.result,
        })
        .where(thisRun(job));
      return;
    case 'failed': {
      log.error('Job failed', { error: outcome.error });
      await db
        .update(jobs)
        .set({ ...done, status: 'FAILED', error: userMessage(outcome.error) })
        .where(thisRun(job));
      return;
    }
    case 'cancel':
      await db
        .update(jobs)
        .set({ ...done, status: 'CANCELLED', message: 'Cancelled' })
        .where(thisRun(job));
      return;
    case 'shutdown': {
      // Not the job's fault: it goes back to the queue without spending an attempt.
      const [row] = await db
        .update(jobs)
        .set({
          status: 'QUEUED',
          attempts: sql`${jobs.attempts} - 1`,
          progress: 0,
          message: 'Waiting for a worker (the previous one shut down)',
          heartbeatAt: null,
        })
        .where(thisRun(job))
        .returning({ id: jobs.id });
      if (row) await sendToWorkers(job.id, false);
      return;
    }
    case 'lost':
      log.warn('Job was taken over after missed heartbeats; this run stops without writing');
      return;
  }
}

/** What users read about a failure: our errors' own messages, never a stack or driver text. */
function userMessage(error: unknown): string {
  if (error instanceof AutoMLError) return error.message;
  return toAppError(error).message;
}
