// The pg-boss instance of this process: it carries job ids from the web server to the workers.
import PgBoss from 'pg-boss';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';

/**
 * One queue for every kind of job, so WORKER_CONCURRENCY bounds a worker's jobs in total; the
 * kind is read from our `jobs` row.
 */
export const queueName = 'cidra-jobs';

/** What a pg-boss job carries: only our row's id; everything else lives in the `jobs` table. */
export interface QueueMessage {
  jobId: string;
}

const queueOptions: PgBoss.Queue = {
  name: queueName,
  // pg-boss retries a message only when our runner itself failed (say, the database was briefly
  // away before the row was claimed). A job whose worker died is retried by our reaper instead;
  // a message whose row is no longer QUEUED is skipped, so a retried message never runs twice.
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
  // pg-boss gives up on a handler after this long (its maximum is below 24 hours).
  expireInSeconds: 23 * 60 * 60,
  retentionMinutes: 7 * 24 * 60,
};

export interface BossOptions {
  /** Run pg-boss's maintenance (expiry, archiving); workers do, web servers need not. */
  supervise: boolean;
}

const holder = globalThis as { cidraBoss?: Promise<PgBoss> };

/** Starts pg-boss on DATABASE_URL (creating its schema and our queue when absent), once. */
export function getBoss(options: BossOptions = { supervise: false }): Promise<PgBoss> {
  holder.cidraBoss ??= startBoss(options).catch((error) => {
    holder.cidraBoss = undefined;
    throw error;
  });
  return holder.cidraBoss;
}

async function startBoss({ supervise }: BossOptions): Promise<PgBoss> {
  const connectionString = getConfig().DATABASE_URL ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: pg-boss needs the database.');
  const boss = new PgBoss({ connectionString, supervise, schedule: false, max: 4 });
  boss.on('error', (error) => log.error('pg-boss error', { error }));
  await boss.start();
  // createQueue keeps an existing queue as it was; updateQueue brings its options up to date.
  await boss.createQueue(queueName, queueOptions);
  await boss.updateQueue(queueName, queueOptions);
  return boss;
}

/** Stops pg-boss if this process started it; `graceful` waits for running handlers. */
export async function stopBoss(timeoutMs = 30_000): Promise<void> {
  const pending = holder.cidraBoss;
  holder.cidraBoss = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => undefined);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
