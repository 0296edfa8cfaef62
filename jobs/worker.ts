// The worker process (`npm run worker`): runs background jobs until SIGINT or SIGTERM. Run as
// many as you like, on as many machines, against the same DATABASE_URL and storage.
import os from 'node:os';
import { ConfigError, getConfig, type Config } from '@/lib/config';
import { closeDb } from '@/lib/db';
import { log as rootLog } from '@/lib/log';
import { getBoss, queueName, stopBoss, type QueueMessage } from '@/lib/queue/boss';
import { reapStaleJobs } from '@/lib/queue/reaper';
import { runMigrations } from '../scripts/migrate';
import { loadHandlers } from './registry';
import { runJob, stopAllJobs } from './runner';

const log = rootLog.child({ process: 'worker', pid: process.pid });

/** How long shutdown waits for stopped jobs to hand their rows back, in ms. */
const shutdownGraceMs = 15_000;

/** The worker's configuration; what it cannot work with stops it with exit code 1. */
function loadConfig(): Config {
  try {
    return checkWorkerConfig(getConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function checkWorkerConfig(config: Config): Config {
  if (!config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required');
  }
  // A job must be able to miss a heartbeat (a busy moment) without being taken for dead.
  if (config.JOB_STALE_SEC < 2 * config.JOB_HEARTBEAT_SEC) {
    throw new ConfigError(
      `Invalid configuration:\n  JOB_STALE_SEC: ${config.JOB_STALE_SEC} must be at least twice ` +
        `JOB_HEARTBEAT_SEC (${config.JOB_HEARTBEAT_SEC})`,
    );
  }
  return config;
}

/**
 * Lowers this process's priority (children, such as training processes, inherit it), so that a
 * web server on the same machine answers quickly while models train.
 */
function yieldToWebServers(nice: number): void {
  if (nice === 0) return;
  try {
    os.setPriority(Math.max(os.getPriority(), nice));
  } catch (error) {
    log.warn('Could not lower the worker priority', { nice, error });
  }
}

/** Errors that mean the database cannot be reached now (restart, network), not a bug. */
function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code ?? '') ||
    /^(08|57P0)/.test(code ?? '') ||
    /Connection terminated/i.test(message ?? '')
  );
}

/**
 * pg-boss 10 does not await its own complete/fail call after a handler returns, so with the
 * database away at that moment (a restart) its rejection is unhandled and Node would end the
 * worker. That call is only pg-boss's bookkeeping: the job's row is ours, and the reaper re-queues
 * a run whose end could not be recorded. Such rejections are logged; any other still ends the
 * worker, as an unhandled rejection should.
 */
function surviveDatabaseOutages(): void {
  process.on('unhandledRejection', (reason) => {
    if (isConnectionError(reason)) {
      log.error('The database was unreachable for queue bookkeeping', { error: reason });
      return;
    }
    log.error('Unhandled promise rejection', { error: reason });
    process.exit(1);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  surviveDatabaseOutages();
  yieldToWebServers(config.WORKER_NICE);
  // A no-op when the database is current; lets workers start before any web server.
  await runMigrations(config.DATABASE_URL!);
  const handlers = await loadHandlers();
  const boss = await getBoss({ supervise: true });

  // Reap at start (jobs of a worker that died while none was running) and then at every beat.
  const reap = () =>
    reapStaleJobs(config.JOB_STALE_SEC).catch((error) => log.error('Reaper failed', { error }));
  await reap();
  const reaper = setInterval(reap, config.JOB_HEARTBEAT_SEC * 1000);

  const options = { handlers, heartbeatSec: config.JOB_HEARTBEAT_SEC, log };
  for (let slot = 0; slot < config.WORKER_CONCURRENCY; slot++) {
    await boss.work<QueueMessage>(
      queueName,
      { batchSize: 1, pollingIntervalSeconds: 1 },
      async ([message]) => runJob(message.data.jobId, options),
    );
  }
  log.info('Worker ready', {
    kinds: Object.keys(handlers),
    concurrency: config.WORKER_CONCURRENCY,
  });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('Second signal: exiting without waiting', { signal });
      process.exit(130);
    }
    stopping = true;
    clearInterval(reaper);
    // Stop taking work, stop running jobs (they return to the queue), let pg-boss finish.
    const stopped = stopAllJobs('shutdown');
    log.info('Worker stopping', { signal, runningJobs: stopped });
    await stopBoss(shutdownGraceMs).catch((error) => log.error('pg-boss stop failed', { error }));
    await closeDb();
    log.info('Worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  log.error('Worker failed to start', { error });
  process.exit(1);
});
