// What a job handler receives and returns; one handler per kind lives in jobs/handlers/<kind>.ts.
import type { JobRow } from '@/lib/queue';
import type { Logger } from '@/lib/log';

export interface JobContext {
  /** The job's row as it was when this run started (payload, resourceId, owner, attempts). */
  job: JobRow;
  /**
   * Fires when the job must stop: the user cancelled it, the worker is shutting down, or the job
   * was taken over after a missed heartbeat. Handlers check it between steps and return or throw.
   */
  signal: AbortSignal;
  /** A logger whose lines carry the job id. */
  log: Logger;
  /** Records progress (0–100) and a short message users see; also a cancellation checkpoint. */
  progress(percent: number, message: string): Promise<void>;
}

/**
 * Does the work of one job; what it returns is stored as the job's `result`. Errors it throws fail
 * the job: an AppError's message is shown to users, anything else is logged and shown generically.
 * A handler must give the event loop a turn at least every JOB_HEARTBEAT_SEC (await between steps,
 * or run heavy loops in a worker thread), or its heartbeats stop and the job is taken as lost.
 */
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | void>;
