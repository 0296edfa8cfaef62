/** @jest-environment node */
// The start scripts refuse a bad environment with a message naming the variable, before starting
// anything; and the embedded PostgreSQL can reach folders that are closed to other users.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '@/scripts/lib/ports';
import { EmbeddedPostgres, ensureTraversable } from '@/scripts/lib/postgres';

const root = path.resolve(__dirname, '..', '..');

function runScript(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DATA_DIR: path.join(os.tmpdir(), 'cidra-never-created'), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

it.each([
  ['scripts/start.ts', { PORT: 'eighty' }, /PORT: /],
  ['scripts/start.ts', { EMBEDDED_PG_PORT: '70000' }, /EMBEDDED_PG_PORT: '70000' is not a port/],
  [
    'scripts/start.ts',
    { S3_ENDPOINT: 'http://127.0.0.1:1' },
    /S3_BUCKET, .*required when S3_ENDPOINT/,
  ],
  ['scripts/start.ts', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: /],
  ['scripts/web.ts', { DATABASE_URL: '' }, /DATABASE_URL: required by `npm run web`/],
  ['jobs/worker.ts', { DATABASE_URL: '' }, /DATABASE_URL: required/],
  [
    'jobs/worker.ts',
    { DATABASE_URL: 'postgresql://127.0.0.1:1/x', JOB_HEARTBEAT_SEC: '10', JOB_STALE_SEC: '15' },
    /JOB_STALE_SEC: 15 must be at least twice JOB_HEARTBEAT_SEC \(10\)/,
  ],
])('%s stops with exit 1 for %p, naming the variable', (script, env, message) => {
  const { status, stderr } = runScript(script, env);
  expect(status).toBe(1);
  expect(stderr).toMatch(message);
});

it('opens closed folders above a target for traversal only (o+x), leaving the rest alone', async () => {
  const top = await fs.mkdtemp(path.join(os.tmpdir(), 'cidra-perm-'));
  try {
    const closed = path.join(top, 'closed');
    await fs.mkdir(path.join(closed, 'inner'), { recursive: true, mode: 0o700 });
    await fs.chmod(closed, 0o700);
    const changed: string[] = [];
    await ensureTraversable(path.join(closed, 'inner', 'data'), (line) => changed.push(line));
    expect((await fs.stat(closed)).mode & 0o777).toBe(0o701);
    expect(changed.join('\n')).toContain(closed);
  } finally {
    await fs.rm(top, { recursive: true, force: true });
  }
});

it('keeps the embedded database across restarts, initialising the cluster only once', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cidra-pg-restart-'));
  await fs.chmod(dataDir, 0o755);
  const options = { dataDir: path.join(dataDir, 'cluster'), password: 'restart test', fast: true };
  const query = async (server: EmbeddedPostgres, text: string) => {
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  try {
    const first = new EmbeddedPostgres({ ...options, port: await freePort() });
    expect((await first.start()).initialisedMs).toBeGreaterThan(0);
    await query(first, "CREATE TABLE kept AS SELECT 'still here' AS note");
    await first.stop();

    const second = new EmbeddedPostgres({ ...options, port: await freePort() });
    expect((await second.start()).initialisedMs).toBeUndefined();
    expect((await query(second, 'SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
    await second.stop();
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
