// Child processes of the start scripts: spawned, watched, and stopped together.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');
const exitWithParent = path.join(__dirname, 'exit-with-parent.cjs');

export interface ChildSpec {
  name: string;
  /** Arguments to `node` after the preload, e.g. ['--import', 'tsx', 'jobs/worker.ts']. */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  /** Give the child the IPC channel and preload that stop it when we die (default true). */
  stopWithParent?: boolean;
}

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

/**
 * Runs children in their own process groups, so a Ctrl-C reaches only the start script, which
 * then stops them in order and exactly once. Each child gets an IPC channel and a preload that
 * stops it when the start script disappears.
 */
export class Supervisor {
  private readonly children: Child[] = [];
  private stopping = false;
  private onCrash?: (name: string, code: number | null, signal: string | null) => void;

  start(spec: ChildSpec): ChildProcess {
    const guarded = spec.stopWithParent ?? true;
    const preload = guarded ? ['--require', exitWithParent] : [];
    const child = spawn(process.execPath, [...preload, ...spec.nodeArgs], {
      cwd: projectRoot,
      env: spec.env,
      detached: true,
      stdio: guarded ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (!this.stopping) this.onCrash?.(spec.name, code, signal);
      });
    });
    this.children.push({ name: spec.name, process: child, exited });
    return child;
  }

  /** Called once when any child exits while we are not stopping them. */
  onUnexpectedExit(callback: (name: string, code: number | null, signal: string | null) => void) {
    this.onCrash = callback;
  }

  /** SIGTERM to every child, then waits; after `graceMs` kills what is left with its group. */
  async stopAll(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    const live = this.children.filter((c) => c.process.exitCode === null && !c.process.signalCode);
    for (const child of live) signalGroup(child.process, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const child of live) signalGroup(child.process, 'SIGKILL');
    }, graceMs);
    await Promise.all(live.map((child) => child.exited));
    clearTimeout(timer);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The child leads its own group (detached): this reaches any process it started too.
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}
