// The app as the fault script runs it: embedded PostgreSQL, s3rver, one web server and one worker,
// each a separate process on 127.0.0.1 that can be killed and started again on its own (the way
// `npm start` runs them, minus the supervisor that would stop everything when one dies).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '../migrate';
import { freePort } from '../lib/ports';
import { EmbeddedPostgres, isAlive } from '../lib/postgres';
import { projectRoot } from '../lib/supervisor';

const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const exitWithParent = path.join(projectRoot, 'scripts', 'lib', 'exit-with-parent.cjs');
const bucket = 'cidra-faults';

export interface ClusterOptions {
  /** USER_QUOTA_BYTES of the web server and worker. */
  quotaBytes: number;
  /** JOB_HEARTBEAT_SEC and JOB_STALE_SEC: short, so a killed worker's job is noticed quickly. */
  heartbeatSec: number;
  staleSec: number;
}

interface Service {
  child: ChildProcess;
  exited: Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Cluster {
  readonly dataDir: string;
  readonly logDir: string;
  baseUrl = '';
  databaseUrl = '';
  s3Endpoint = '';
  readonly bucket = bucket;
  private port = 0;
  private s3Port = 0;
  private postgres?: EmbeddedPostgres;
  private web?: Service;
  private worker?: Service;
  private s3?: Service;
  private readonly secret = randomBytes(32).toString('base64url');

  constructor(private readonly options: ClusterOptions) {
    // Readable by others: PostgreSQL runs as the `postgres` user when started as root.
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-faults-'));
    fs.chmodSync(this.dataDir, 0o755);
    this.logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-faults-logs-'));
  }

  /** PostgreSQL (migrated), s3rver, the worker and the web server; resolves when all are ready. */
  async start(): Promise<void> {
    const [pgPort, s3Port, port] = [await freePort(), await freePort(), await freePort()];
    this.port = port;
    this.s3Port = s3Port;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.s3Endpoint = `http://127.0.0.1:${s3Port}`;
    this.postgres = new EmbeddedPostgres({
      dataDir: path.join(this.dataDir, 'postgres'),
      port: pgPort,
      password: randomBytes(18).toString('base64url'),
      detached: true,
      onLog: (line) => fs.appendFileSync(path.join(this.logDir, 'postgres.log'), `${line}\n`),
    });
    await this.postgres.start();
    await this.postgres.createDatabase('cidra');
    this.databaseUrl = this.postgres.url('cidra');
    await runMigrations(this.databaseUrl);
    await Promise.all([this.startS3(), this.startWorker(), this.startWeb()]);
  }

  /** What the web server and worker are started with. */
  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      DATA_DIR: this.dataDir,
      DATABASE_URL: this.databaseUrl,
      NEXTAUTH_SECRET: this.secret,
      NEXTAUTH_URL: this.baseUrl,
      S3_ENDPOINT: this.s3Endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      USER_QUOTA_BYTES: String(this.options.quotaBytes),
      JOB_HEARTBEAT_SEC: String(this.options.heartbeatSec),
      JOB_STALE_SEC: String(this.options.staleSec),
      LOG_LEVEL: 'info',
    };
  }

  /** A child process whose output is appended to `<logDir>/<name>.log`. */
  private spawnService(name: string, args: string[], onLine?: (line: string) => void): Service {
    const log = fs.createWriteStream(path.join(this.logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: this.env(),
      detached: true,
      // The IPC channel lets exit-with-parent stop the service if this script dies first.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (onLine) for (const line of chunk.toString().split('\n')) onLine(line);
      });
    }
    const exited = exitOf(child).then(() => void log.end());
    return { child, exited };
  }

  async startWeb(timeoutMs = 120_000): Promise<number> {
    const began = Date.now();
    const args = ['--require', exitWithParent, nextBin, 'start', '-H', '127.0.0.1'];
    this.web = this.spawnService('web', [...args, '-p', String(this.port)]);
    const web = this.web.child;
    while (Date.now() - began < timeoutMs) {
      if (web.exitCode !== null || web.signalCode !== null) throw new Error('web server exited');
      try {
        const response = await fetch(`${this.baseUrl}/login`, {
          signal: AbortSignal.timeout(5000),
        });
        if (response.status === 200) return Date.now() - began;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    throw new Error(`web server not ready within ${timeoutMs / 1000} s`);
  }

  async startWorker(timeoutMs = 120_000): Promise<number> {
    const began = Date.now();
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    this.worker = this.spawnService(
      'worker',
      ['--require', exitWithParent, '--import', 'tsx', 'jobs/worker.ts'],
      (line) => line.includes('"Worker ready"') && ready(),
    );
    const exited = this.worker.exited.then(() => {
      throw new Error('worker exited before it was ready');
    });
    const timer = sleep(timeoutMs).then(() => {
      throw new Error(`worker not ready within ${timeoutMs / 1000} s`);
    });
    await Promise.race([isReady, exited, timer]);
    return Date.now() - began;
  }

  async startS3(timeoutMs = 60_000): Promise<void> {
    const folder = path.join(this.dataDir, 's3');
    fs.mkdirSync(folder, { recursive: true });
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    this.s3 = this.spawnService(
      's3rver',
      ['--import', 'tsx', 'scripts/faults/s3-server.ts', folder, String(this.s3Port), bucket],
      (line) => line.includes('s3rver ready') && ready(),
    );
    const timer = sleep(timeoutMs).then(() => {
      throw new Error(`s3rver not ready within ${timeoutMs / 1000} s`);
    });
    await Promise.race([isReady, timer]);
  }

  /**
   * SIGKILL to the worker process alone (not its group), as a crash or the OOM killer would.
   * Answers the pids of its child processes (a training's fit process) as they were.
   */
  async killWorker(): Promise<number[]> {
    const children = childPids(this.worker!.child.pid!);
    this.worker!.child.kill('SIGKILL');
    await this.worker!.exited;
    return children;
  }

  /** SIGKILL to the web server process. */
  async killWeb(): Promise<void> {
    this.web!.child.kill('SIGKILL');
    await this.web!.exited;
  }

  /** SIGKILL to s3rver: the object store stops answering (connections refused). */
  async killS3(): Promise<void> {
    this.s3!.child.kill('SIGKILL');
    await this.s3!.exited;
  }

  /** Fast shutdown of PostgreSQL (every connection is cut), then a start on the same port. */
  async restartPostgres(downMs: number): Promise<{ stopMs: number; startMs: number }> {
    const began = Date.now();
    await this.postgres!.stop();
    const stopMs = Date.now() - began;
    await sleep(downMs);
    const { startedMs } = await this.postgres!.start();
    return { stopMs, startMs: startedMs };
  }

  workerAlive(): boolean {
    const child = this.worker?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  /** Stops everything; removes the data folder, and the logs too unless `keepLogs`. */
  async stop(keepLogs: boolean): Promise<void> {
    const services = [this.web, this.worker, this.s3].filter((s): s is Service => !!s);
    for (const service of services) signalGroup(service.child, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const service of services) signalGroup(service.child, 'SIGKILL');
    }, 20_000);
    await Promise.all(services.map((service) => service.exited));
    clearTimeout(timer);
    await this.postgres?.stop().catch(() => {});
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    if (!keepLogs) fs.rmSync(this.logDir, { recursive: true, force: true });
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/** Pids of the direct children of `pid`. */
export function childPids(pid: number): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
    return out.split('\n').map(Number).filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none.
  }
}

export { isAlive };
