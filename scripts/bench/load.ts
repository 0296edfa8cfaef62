// Load benchmark: starts the app (web + 1 worker) on 127.0.0.1 with a fresh DATA_DIR, creates
// users, queues trainings, then for a bounded time browses pages and lists and polls job status
// with autocannon while 20 CSV uploads arrive at once. A short baseline first drives pages and
// lists alone, so the machine's own load can be told from the app's. Prints requests, errors and p50/p95/p99 per
// group, compares list pages and status polls with the 300 ms p95 target, and stops the app.
//
//   npm run bench:load -- [--duration 60] [--baseline 10] [--users 4] [--uploads 20] [--trainings 10]
//     [--train-limit 20] [--page-rate 4] [--list-rate 8] [--poll-rate 10] [--connections 4]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { call, createAccount, multipartBody, type Account, type Answer } from '../lib/app-client';
import { startApp, stopOnInterrupt, type AppProcess } from '../lib/app-process';
import { projectRoot } from '../lib/supervisor';
import { printGroups, type Sample } from './load-report';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    baseline: { type: 'string', default: '10' },
    users: { type: 'string', default: '4' },
    uploads: { type: 'string', default: '20' },
    trainings: { type: 'string', default: '10' },
    'train-limit': { type: 'string', default: '20' },
    'page-rate': { type: 'string', default: '4' },
    'list-rate': { type: 'string', default: '8' },
    'poll-rate': { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
  },
});
const durationSec = Number(args.duration);
const say = (line: string) => process.stdout.write(`bench:load: ${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** A regression table: y depends on x1…x5 plus noise, so every training has something to fit. */
function trainingCsv(rows = 1500): Buffer {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const lines = ['x1,x2,x3,x4,x5,y'];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: 5 }, () => random() * 10);
    const y = 3 * x[0] - 2 * x[1] + x[2] * x[3] * 0.5 + Math.sin(x[4]) + random();
    lines.push([...x, y].map((v) => v.toFixed(4)).join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** The CSVs to upload at once: the shared example datasets in turn, else generated tables. */
function uploadFiles(count: number): { name: string; bytes: Buffer }[] {
  const dir = [path.resolve(projectRoot, '..', 'shared', 'datasets'), '/work/shared/datasets'].find(
    (candidate) => fs.existsSync(candidate),
  );
  const files = dir
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => ({ name: f, bytes: fs.readFileSync(path.join(dir, f)) }))
    : [{ name: 'generated.csv', bytes: trainingCsv(20_000) }];
  return Array.from({ length: count }, (_, i) => files[i % files.length]);
}

async function upload(baseUrl: string, account: Account, bytes: Buffer, fileName: string) {
  const { contentType, body } = multipartBody(bytes, fileName, { name: fileName });
  return call(`${baseUrl}/api/datasets`, {
    method: 'POST',
    headers: { 'content-type': contentType, cookie: account.cookie },
    body: new Uint8Array(body),
    timeoutMs: 180_000,
  });
}

/** Queues `count` trainings at once on each user's training dataset, round robin. */
async function queueTrainings(
  baseUrl: string,
  accounts: Account[],
  datasetIds: string[],
  count: number,
) {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      call(`${baseUrl}/api/models`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: accounts[i % accounts.length].cookie,
        },
        body: JSON.stringify({
          name: `bench ${i + 1}`,
          datasetId: datasetIds[i % accounts.length],
          label: 'y',
          preset: 'medium_quality',
          timeLimitSec: Number(args['train-limit']),
        }),
      }),
    ),
  );
  const jobs = answers.flatMap((answer, i) => {
    const job = (answer.body as { job?: { id: string } }).job;
    return answer.status === 201 && job
      ? [{ id: job.id, cookie: accounts[i % accounts.length].cookie }]
      : [];
  });
  return { answers, jobs };
}

/** Runs autocannon for the window, sending requests from `next()`; records every answer. */
function drive(
  baseUrl: string,
  rate: number,
  next: () => { path: string; cookie: string },
  seconds = durationSec,
): Promise<{ samples: Sample[]; failures: number }> {
  const samples: Sample[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: Number(args.connections),
        overallRate: rate,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => {
              const { path: requestPath, cookie } = next();
              return { ...request, path: requestPath, headers: { ...request.headers, cookie } };
            },
          },
        ],
      },
      (error, result) =>
        error ? reject(error) : resolve({ samples, failures: result.errors + result.timeouts }),
    );
    instance.on('response', (_client, status, _bytes, ms) =>
      samples.push({ at: Date.now(), ms, status }),
    );
  });
}

function roundRobin<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

async function main() {
  let app: AppProcess | undefined;
  stopOnInterrupt(() => app);
  say(`load average before start: ${load()}`);
  app = await startApp();
  say(`app ready at ${app.baseUrl} (DATA_DIR ${app.dataDir}, log ${app.logFile})`);
  let failed = true;
  try {
    failed = await run(app);
  } finally {
    say('stopping the app (SIGINT to its process group)');
    await app.stop();
    say(`stopped${app.alive() ? ' NOT' : ''}; DATA_DIR removed`);
    if (failed) say(`the app's log: ${app.logFile}`);
    else fs.rmSync(app.logFile, { force: true });
  }
  process.exit(failed ? 1 : 0);
}

/** Users with a session each, and one training dataset per user (not measured). */
async function setUp(baseUrl: string) {
  const users = Number(args.users);
  const accounts = await Promise.all(
    Array.from({ length: users }, (_, i) => createAccount(baseUrl, `bench${i + 1}`)),
  );
  const datasetIds: string[] = [];
  for (const account of accounts) {
    const answer = await upload(baseUrl, account, trainingCsv(), 'train.csv');
    const dataset = (answer.body as { dataset?: { id: string } }).dataset;
    if (answer.status !== 201 || !dataset) throw new Error(`training dataset: ${answer.status}`);
    datasetIds.push(dataset.id);
  }
  say(`${users} users registered and logged in, each with a training dataset`);

  const cookies = accounts.map((a) => a.cookie);
  const each = (paths: string[]) =>
    paths.flatMap((p) => cookies.map((cookie) => ({ path: p, cookie })));
  return {
    accounts,
    datasetIds,
    pages: each(['/datasets', '/models', '/testing', '/predicting']),
    lists: each(['/api/datasets', '/api/models']),
  };
}

/** `count` uploads at once, `delayMs` after the call; resolves with their answers and times. */
function uploadBurst(baseUrl: string, accounts: Account[], count: number, delayMs: number) {
  const files = uploadFiles(count);
  return new Promise<{ answers: Answer[]; from: number; to: number }>((resolve) =>
    setTimeout(async () => {
      const from = Date.now();
      const answers = await Promise.all(
        files.map((file, i) =>
          upload(baseUrl, accounts[i % accounts.length], file.bytes, file.name),
        ),
      );
      resolve({ answers, from, to: Date.now() });
    }, delayMs),
  );
}

/** How many of the jobs are in each status now. */
async function jobStates(baseUrl: string, jobs: { id: string; cookie: string }[]) {
  const states: Record<string, number> = {};
  for (const job of jobs) {
    const answer = await call(`${baseUrl}/api/jobs/${job.id}`, { headers: { cookie: job.cookie } });
    const status =
      (answer.body as { job?: { status: string } }).job?.status ?? `HTTP ${answer.status}`;
    states[status] = (states[status] ?? 0) + 1;
  }
  return states;
}

const asSamples = (answers: Answer[], at: number): Sample[] =>
  answers.map((a) => ({ at, ms: a.ms, status: a.status }));

/** The whole benchmark against a ready app; returns whether anything failed. */
async function run(app: AppProcess): Promise<boolean> {
  const { baseUrl } = app;
  const { accounts, datasetIds, pages, lists } = await setUp(baseUrl);

  // Baseline: the same pages and lists with no training, upload or poll.
  say(`baseline: pages and lists alone for ${args.baseline} s`);
  const [pageBase, listBase] = await Promise.all([
    drive(baseUrl, Number(args['page-rate']), roundRobin(pages), Number(args.baseline)),
    drive(baseUrl, Number(args['list-rate']), roundRobin(lists), Number(args.baseline)),
  ]);

  // The window: trainings queued first, so that polls have jobs; the uploads start 5 s in.
  const began = Date.now();
  const trainings = await queueTrainings(baseUrl, accounts, datasetIds, Number(args.trainings));
  say(`${trainings.jobs.length} trainings queued; driving for ${durationSec} s`);
  const polls = trainings.jobs.map((job) => ({ path: `/api/jobs/${job.id}`, cookie: job.cookie }));
  const loadDuring: string[] = [];
  const loadTimer = setInterval(() => loadDuring.push(load()), 15_000);
  const [pageRun, listRun, pollRun, uploads] = await Promise.all([
    drive(baseUrl, Number(args['page-rate']), roundRobin(pages)),
    drive(baseUrl, Number(args['list-rate']), roundRobin(lists)),
    drive(baseUrl, Number(args['poll-rate']), roundRobin(polls)),
    uploadBurst(baseUrl, accounts, Number(args.uploads), 5000),
  ]);
  clearInterval(loadTimer);
  const windowSec = (Date.now() - began) / 1000;
  const states = await jobStates(baseUrl, trainings.jobs);
  if (!app.alive()) say('THE APP STOPPED during the run');

  const ok = printGroups(
    [
      { name: 'baseline: pages', ...pageBase },
      { name: 'baseline: list APIs', ...listBase },
      { name: 'pages (4 sections)', ...pageRun, target: true },
      { name: 'list APIs', ...listRun, target: true },
      { name: 'job status polls', ...pollRun, target: true },
      {
        name: `uploads (${uploads.answers.length} at once)`,
        samples: asSamples(uploads.answers, uploads.from),
        failures: 0,
      },
      {
        name: `trainings queued (${trainings.answers.length})`,
        samples: asSamples(trainings.answers, began),
        failures: 0,
      },
    ],
    uploads,
    say,
  );
  const uploadSec = ((uploads.to - uploads.from) / 1000).toFixed(1);
  say(`window ${windowSec.toFixed(0)} s; the uploads took ${uploadSec} s`);
  say(`trainings at the end: ${JSON.stringify(states)}`);
  const cores = os.availableParallelism();
  say(
    `load average (1/5/15 min, ${cores} cores) during: ${loadDuring.join(' | ')}; after: ${load()}`,
  );
  return !ok || !app.alive();
}

main().catch((error) => {
  process.stderr.write(`bench:load failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
