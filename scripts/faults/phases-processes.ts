// Faults of processes: the worker killed mid-training, the web server killed mid-upload, and
// PostgreSQL restarted under load.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { multipartBody } from '../lib/app-client';
import { describe, finished, seconds, sharedDataset, type JobView } from './api';
import { isAlive } from './cluster';
import { checkConsistency } from './inventory';
import { PhaseReport, type FaultContext } from './report';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A FAILED job must say why; a COMPLETED one is fine; anything else is stuck. */
function endedWell(job: JobView): boolean {
  return job.status === 'COMPLETED' || (job.status === 'FAILED' && !!job.error?.trim());
}

function jobLine(job: JobView): string {
  const why = job.error ? ` '${job.error}'` : '';
  return `${job.status}${why}`;
}

export async function killWorkerMidTraining(ctx: FaultContext): Promise<PhaseReport> {
  const report = new PhaseReport('1. worker killed in the middle of a training');
  const { api, cluster, owner } = ctx;
  const { modelId, jobId } = await api.train(owner, ctx.carsId, 30);
  const running = await api.waitForJob(
    owner,
    jobId,
    (job) => finished(job) || (job.status === 'RUNNING' && job.progress >= 5),
    120_000,
  );
  if (finished(running)) {
    report.check(
      false,
      '',
      `the training ended before it could be interrupted: ${jobLine(running)}`,
    );
    return report;
  }

  const fitPids = await cluster.killWorker();
  const killedAt = Date.now();
  report.did(
    `SIGKILL to the worker at ${Math.round(running.progress)} % ('${running.message}'); ` +
      `its fit process(es): ${fitPids.join(', ') || 'none'}`,
  );
  // The fit process exits when its IPC channel closes, which it notices only between steps of
  // its training: give it a while, and say how long it outlived the worker.
  let survivors = fitPids.filter(isAlive);
  while (survivors.length > 0 && Date.now() - killedAt < 15_000) {
    await sleep(100);
    survivors = survivors.filter(isAlive);
  }
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
  report.check(
    survivors.length === 0,
    `the fit process exited ${seconds(Date.now() - killedAt)} after its worker (no orphan)`,
    `fit process(es) ${survivors.join(', ')} still ran 15 s after the worker died (killed now)`,
  );
  const orphaned = await api.job(owner, jobId);
  report.saw(`with no worker, the job is ${orphaned ? jobLine(orphaned) : '?'}`);

  const startMs = await cluster.startWorker();
  report.did(`started a new worker (ready in ${seconds(startMs)})`);
  const seen = new Set<string>();
  const ended = await api.waitForJob(
    owner,
    jobId,
    (job) => (seen.add(`${job.status}: ${job.message}`), finished(job)),
    ctx.staleSec * 1000 + 180_000,
  );
  report.saw(`states on the way: ${[...seen].join(' → ')}`);
  report.check(
    endedWell(ended),
    `the job ended ${jobLine(ended)} ${seconds(Date.now() - killedAt)} after the kill`,
    `the job ended ${jobLine(ended)}`,
  );
  if (ended.status === 'COMPLETED') await ctx.inventory.add('model', modelId, owner);
  return report;
}

/**
 * Posts `bytes` as an upload, writing 64 KB every `pauseMs` after the first `fastBytes`, so the
 * web server is still receiving it when it is killed. Resolves with how the request ended.
 */
function slowUpload(ctx: FaultContext, bytes: Buffer, fastBytes: number, pauseMs: number) {
  const { contentType, body } = multipartBody(bytes, 'diamonds.csv', { name: 'cut off' });
  const url = new URL(`${ctx.cluster.baseUrl}/api/datasets`);
  return new Promise<string>((resolve) => {
    const request = http.request(url, {
      method: 'POST',
      headers: {
        cookie: ctx.owner.cookie,
        'content-type': contentType,
        'content-length': body.length,
      },
    });
    request.on('response', (response) => resolve(`answered ${response.statusCode}`));
    request.on('error', (error) => resolve(`cut off (${(error as NodeJS.ErrnoException).code})`));
    let sent = 0;
    const next = () => {
      if (request.destroyed) return;
      const size = sent < fastBytes ? fastBytes : 64 * 1024;
      const chunk = body.subarray(sent, sent + size);
      sent += chunk.length;
      if (sent >= body.length) return void request.end(chunk);
      request.write(chunk, () => setTimeout(next, sent <= fastBytes ? 0 : pauseMs));
    };
    next();
  });
}

/** Waits until an upload scratch file of at least `minBytes` exists; answers its size. */
async function scratchReached(ctx: FaultContext, minBytes: number, timeoutMs: number) {
  const dir = path.join(ctx.cluster.dataDir, 'tmp', 'datasets');
  for (const began = Date.now(); Date.now() - began < timeoutMs; await sleep(50)) {
    const sizes = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
      .filter((name) => name.endsWith('.upload'))
      .map((name) => fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.size ?? 0);
    const largest = Math.max(0, ...sizes);
    if (largest >= minBytes) return largest;
  }
  return undefined;
}

export async function killWebMidUpload(ctx: FaultContext): Promise<PhaseReport> {
  const report = new PhaseReport('2. web server killed in the middle of an upload');
  const { api, cluster, owner } = ctx;
  const before = await api.datasetIds(owner);
  const diamonds = sharedDataset('diamonds.csv');

  // a) While the body is still arriving.
  const cut = slowUpload(ctx, diamonds, 512 * 1024, 100);
  const received = await scratchReached(ctx, 256 * 1024, 30_000);
  await cluster.killWeb();
  report.did(
    `SIGKILL to the web server with ${received ?? '?'} of ${diamonds.length} bytes received`,
  );
  report.saw(`the client's request: ${await cut}`);
  let startMs = await cluster.startWeb();
  report.did(`started the web server again (answering in ${seconds(startMs)})`);

  // b) After the whole body arrived, while it is read and stored.
  const whole = api.upload(owner, diamonds, 'diamonds.csv');
  const full = await scratchReached(ctx, diamonds.length, 60_000);
  await sleep(100);
  await cluster.killWeb();
  report.did(`SIGKILL to the web server 0.1 s after the whole file (${full ?? '?'} bytes) arrived`);
  const answered = await whole;
  report.saw(`the client's request: ${describe(answered)}`);
  // Stored just before the kill: then it is a whole dataset, and it must stay listed.
  if (answered.status === 201)
    before.push((answered.body as { dataset: { id: string } }).dataset.id);
  before.sort();
  startMs = await cluster.startWeb();
  report.did(`started the web server again (answering in ${seconds(startMs)})`);

  const after = await api.datasetIds(owner);
  report.check(
    JSON.stringify(after) === JSON.stringify(before),
    `the dataset list is as before (${after.length} datasets): no partial dataset`,
    `the dataset list changed: ${before.length} before, ${after.length} after`,
  );
  const state = await checkConsistency(cluster, ctx.staleSec);
  report.check(
    state.rowsWithoutFile.length === 0,
    'every dataset and model row has its stored file',
    `rows without their file: ${state.rowsWithoutFile.join(', ')}`,
  );
  report.saw(
    `left behind: ${state.scratchFiles.length} scratch file(s) in DATA_DIR/tmp/datasets, ` +
      `${state.filesWithoutRow.length} stored dataset file(s) without a row (invisible to users)`,
  );
  const again = await api.upload(owner, sharedDataset('cars.csv'), 'cars after restart.csv');
  if (
    report.check(
      again.status === 201,
      'a new upload after the restart is stored (201)',
      `a new upload after the restart: ${describe(again)}`,
    )
  ) {
    await ctx.inventory.add(
      'dataset',
      (again.body as { dataset: { id: string } }).dataset.id,
      owner,
    );
  }
  return report;
}

export async function restartPostgres(ctx: FaultContext): Promise<PhaseReport> {
  const report = new PhaseReport('3. PostgreSQL restarted while a training runs');
  const { api, cluster, owner } = ctx;
  const inFlight = await api.train(owner, ctx.carsId, 20);
  await api.waitForJob(owner, inFlight.jobId, (job) => job.status !== 'QUEUED', 60_000);

  const { stopMs, startMs } = await cluster.restartPostgres(3000);
  const restartedAt = Date.now();
  report.did(
    `fast shutdown of PostgreSQL (${seconds(stopMs)}), 3 s down, started again (${seconds(startMs)})`,
  );

  // The first requests after the restart may meet pooled connections that died with the server.
  let failures = 0;
  let first = await api.get(owner, '/api/datasets');
  while (first.status !== 200 && Date.now() - restartedAt < 30_000) {
    failures++;
    await sleep(250);
    first = await api.get(owner, '/api/datasets');
  }
  report.check(
    first.status === 200,
    `GET /api/datasets answered 200 ${seconds(Date.now() - restartedAt)} after the restart ` +
      `(${failures} failed request(s) before)`,
    `GET /api/datasets still failing 30 s after the restart: ${describe(first)}`,
  );
  const routes = [
    '/api/models',
    '/api/datasets',
    '/datasets',
    '/models',
    `/api/jobs/${inFlight.jobId}`,
  ];
  const answers = await Promise.all(routes.map((route) => api.get(owner, route)));
  const bad = answers.map((a, i) => [routes[i], a] as const).filter(([, a]) => a.status !== 200);
  report.check(
    bad.length === 0,
    `then ${routes.length} pages and API requests answered 200`,
    `requests after the restart failed: ${bad.map(([r, a]) => `${r} ${describe(a)}`).join('; ')}`,
  );

  const queued = await api.train(owner, ctx.carsId, 10);
  report.did('queued a training after the restart');
  const [old, next] = await Promise.all([
    api.waitForJob(owner, inFlight.jobId, finished, 240_000),
    api.waitForJob(owner, queued.jobId, finished, 240_000),
  ]);
  report.check(endedWell(old), `the training in flight ended ${jobLine(old)}`);
  report.check(
    next.status === 'COMPLETED',
    `the training queued after the restart ended ${jobLine(next)}`,
  );
  report.check(
    cluster.workerAlive(),
    'the worker process lived through the restart',
    'the worker process died during the restart',
  );
  if (old.status === 'COMPLETED') await ctx.inventory.add('model', inFlight.modelId, owner);
  if (next.status === 'COMPLETED') await ctx.inventory.add('model', queued.modelId, owner);
  return report;
}
