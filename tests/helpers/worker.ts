// Real worker processes for tests: `jobs/worker.ts` run by Node with tsx, against the test database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface TestWorker {
  process: ChildProcess;
  /** Resolves when the worker logged that it takes jobs. */
  ready: Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the worker wrote on stderr (its JSON log lines). */
  output(): string;
}

const started = new Set<ChildProcess>();

/**
 * Starts `jobs/worker.ts` as one process (`node --import tsx`, not the tsx launcher, whose extra
 * process would survive a SIGKILL sent to the launcher), as `npm start` does. Short heartbeats
 * keep tests fast.
 */
export function startWorker(env: Record<string, string> = {}): TestWorker {
  const preload = path.join(root, 'scripts', 'lib', 'exit-with-parent.cjs');
  const child = spawn(
    process.execPath,
    ['--require', preload, '--import', 'tsx', 'jobs/worker.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        JOB_HEARTBEAT_SEC: '1',
        JOB_STALE_SEC: '5',
        LOG_LEVEL: 'info',
        ...env,
      },
      // The IPC channel lets the preload stop the worker should this test process die first.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  started.add(child);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"Worker ready"')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before ready:\n${output}`)),
    );
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      started.delete(child);
      resolve(code);
    }),
  );
  return { process: child, ready, exited, output: () => output };
}

/** Kills every worker a test left running (afterAll/afterEach). */
export async function stopAllWorkers(): Promise<void> {
  const waits = [...started].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const began = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - began > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
