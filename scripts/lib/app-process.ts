// A throwaway instance of the app for load and fuzz scripts: `npm start` on a free port of
// 127.0.0.1 with a fresh DATA_DIR, its output in a log file, stopped like Ctrl-C does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { projectRoot } from './supervisor';

/** A running app started by `startApp`. */
export interface AppProcess {
  baseUrl: string;
  dataDir: string;
  /** Everything `npm start` printed (start steps, the web server's and worker's logs). */
  logFile: string;
  /** Whether `npm start` is still running. */
  alive(): boolean;
  /** SIGINT to its process group (Ctrl-C), SIGKILL after `graceMs`, then removes DATA_DIR. */
  stop(graceMs?: number): Promise<void>;
}

/** The last `lines` lines of a file, for messages about a failed start. */
export function tail(file: string, lines = 30): string {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.split('\n').slice(-lines).join('\n');
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Starts `npm start` in its own process group (so it can be stopped as a whole), with an empty
 * embedded database in a new temporary DATA_DIR, and resolves once /login answers 200. The first
 * start runs `next build` when no build exists, hence the long default timeout.
 */
export async function startApp(
  options: { readyTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Readable by others: embedded PostgreSQL runs as the `postgres` user when started as root.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const logFile = path.join(os.tmpdir(), `${path.basename(dataDir)}.log`);
  const log = fs.openSync(logFile, 'w');

  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Empty: the start script then runs its own embedded PostgreSQL in DATA_DIR.
      DATABASE_URL: '',
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: '',
      ...options.env,
    },
  });
  fs.closeSync(log);
  const alive = () => child.exitCode === null && child.signalCode === null;

  let stopped: Promise<void> | undefined;
  const stop = (graceMs = 45_000) =>
    (stopped ??= (async () => {
      if (alive()) {
        signalGroup(child, 'SIGINT');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
        await exitOf(child);
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    await waitUntilReady(baseUrl, alive, options.readyTimeoutMs ?? 300_000);
  } catch (error) {
    await stop(10_000);
    throw new Error(
      `${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile)}`,
    );
  }
  return { baseUrl, dataDir, logFile, alive, stop };
}

async function waitUntilReady(baseUrl: string, alive: () => boolean, timeoutMs: number) {
  for (const began = Date.now(); Date.now() - began < timeoutMs;) {
    if (!alive()) throw new Error('npm start exited before the app was ready');
    try {
      const response = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(5000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the app did not answer at ${baseUrl}/login within ${timeoutMs / 1000} s`);
}

/**
 * Stops `app` when this script is interrupted (Ctrl-C, SIGTERM), then exits with 130: the app
 * runs in its own process group, so the terminal's Ctrl-C does not reach it by itself.
 */
export function stopOnInterrupt(app: () => AppProcess | undefined): void {
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: stopping the app\n`);
    void Promise.resolve(app()?.stop()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
