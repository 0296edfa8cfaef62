// Start-up steps the start scripts share: configuration, build, migrations, storage, secret.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '@/lib/config';
import { removeStaleScratch } from '@/lib/datasets/scratch';
import { ensureSessionSecret } from '@/lib/secret';
import { prepareStorage } from '@/lib/storage';
import { runMigrations } from '../migrate';
import { projectRoot, type ChildSpec } from './supervisor';

/** One line of start-up progress for the person at the terminal. */
export function say(line: string): void {
  process.stdout.write(`cidra: ${line}\n`);
}

/** Runs `read`; an invalid environment stops the script with the message and exit code 1. */
export function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Scratch files untouched for this long belong to no running server. */
const STALE_SCRATCH_MS = 60 * 60 * 1000;

const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * Builds the web app when no build exists. A build is not redone when sources change: run
 * `npm run build` after pulling new code.
 */
export async function buildIfMissing(signal?: AbortSignal): Promise<void> {
  if (existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) return;
  say('no build found: building the web app (about a minute, once)');
  const code = await new Promise<number | null>((resolve, reject) => {
    // `signal` ends the build when the start script is told to stop meanwhile.
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: projectRoot,
      stdio: 'inherit',
      signal,
    });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

/** Migrations, storage and the session secret: what the web server needs before it starts. */
export async function prepareServices(config: Config, databaseUrl: string): Promise<string> {
  await runMigrations(databaseUrl);
  say('database migrated');
  say(`storage ready: ${await prepareStorage(config)}`);
  const stale = await removeStaleScratch(config.dataDir, STALE_SCRATCH_MS);
  if (stale > 0) say(`removed ${stale} scratch file(s) left by a stopped server`);
  return ensureSessionSecret(config.dataDir, config.NEXTAUTH_SECRET);
}

/**
 * The web server process: `next start` with the database and secret in its environment, or
 * `next dev` (no build, recompiles on change) for `npm run dev`.
 */
export function webSpec(
  config: Config,
  databaseUrl: string,
  secret: string,
  mode: 'production' | 'development' = 'production',
): ChildSpec {
  const command = mode === 'production' ? 'start' : 'dev';
  return {
    name: 'web server',
    nodeArgs: [nextBin, command, '-H', config.HOST, '-p', String(config.PORT)],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: config.dataDir,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://${config.HOST}:${config.PORT}`,
      NODE_ENV: mode,
    },
    // `next dev` exits at once when it finds an IPC channel: it then lacks the orphan guard.
    stopWithParent: mode === 'production',
  };
}

/** One worker process (`jobs/worker.ts`) for background jobs. */
export function workerSpec(config: Config, databaseUrl: string): ChildSpec {
  return {
    name: 'worker',
    nodeArgs: ['--import', 'tsx', 'jobs/worker.ts'],
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: config.dataDir },
  };
}

/** Resolves once the web server answers HTTP (any status), or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  for (const began = Date.now(); Date.now() - began < timeoutMs;) {
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`the web server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** "code 1" or "SIGKILL": how a process ended, for messages. */
export function exitText(code: number | null, signal: string | null): string {
  return signal ?? `code ${code}`;
}

/** The address to reach a server listening on `host` from this machine. */
export function localUrl(config: Config): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}
