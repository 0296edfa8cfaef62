// Fault script (`npm run faults`): starts PostgreSQL, s3rver, a web server and a worker on
// 127.0.0.1 with a fresh DATA_DIR, then, while work is in flight, kills the worker mid-training,
// kills the web server mid-upload, restarts PostgreSQL, makes the object store unreachable and
// fills a user's storage quota. After each fault it downloads every dataset and model that
// existed before and compares checksums. Prints each phase, "data lost: N" and the total time;
// exits 1 on any failure, or when the whole run exceeds --timeout seconds.
//
//   npm run faults -- [--timeout 600] [--only 1,2,3,4,5] [--keep-logs]
import { parseArgs } from 'node:util';
import { createAccount } from '../lib/app-client';
import { Api, describe, finished, seconds, sharedDataset } from './api';
import { Cluster } from './cluster';
import { checkConsistency, Inventory } from './inventory';
import { killWebMidUpload, killWorkerMidTraining, restartPostgres } from './phases-processes';
import { fillQuota, storageUnreachable } from './phases-storage';
import { PhaseReport, print, type FaultContext } from './report';

const { values: args } = parseArgs({
  options: {
    timeout: { type: 'string', default: '600' },
    only: { type: 'string', default: '1,2,3,4,5' },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const quotaBytes = 8 * 1024 * 1024;
const heartbeatSec = 2;
const staleSec = 8;

const phases: Record<string, (ctx: FaultContext) => Promise<PhaseReport>> = {
  '1': killWorkerMidTraining,
  '2': killWebMidUpload,
  '3': restartPostgres,
  '4': storageUnreachable,
  '5': (ctx) => fillQuota(ctx, quotaBytes),
};

/** The account, dataset and model that exist before any fault. */
async function setUp(cluster: Cluster, api: Api, inventory: Inventory): Promise<FaultContext> {
  const owner = await createAccount(cluster.baseUrl, 'faults');
  const upload = await api.upload(owner, sharedDataset('cars.csv'), 'cars.csv');
  if (upload.status !== 201) throw new Error(`uploading cars.csv: ${describe(upload)}`);
  const carsId = (upload.body as { dataset: { id: string } }).dataset.id;
  const { modelId, jobId } = await api.train(owner, carsId, 10);
  const job = await api.waitForJob(owner, jobId, finished, 240_000);
  if (job.status !== 'COMPLETED') throw new Error(`the first training ended ${job.status}`);
  await inventory.add('dataset', carsId, owner);
  await inventory.add('model', modelId, owner);
  return { cluster, api, inventory, owner, carsId, staleSec };
}

/** After a phase: every recorded item is intact, no job is stuck, no row lacks its file. */
async function verifyAfter(ctx: FaultContext, report: PhaseReport): Promise<number> {
  const verdict = await ctx.inventory.verify();
  report.lost = verdict.lost.length;
  report.check(
    verdict.lost.length === 0,
    `all ${verdict.checked} datasets and models from before are intact (sha256 compared)`,
    `lost or changed: ${verdict.lost.join('; ')}`,
  );
  const state = await checkConsistency(ctx.cluster, staleSec);
  report.check(
    state.stuckJobs.length === 0,
    'no job is stuck RUNNING without a heartbeat',
    `jobs stuck RUNNING: ${state.stuckJobs.join(', ')}`,
  );
  return verdict.lost.length;
}

async function run(cluster: Cluster): Promise<{ reports: PhaseReport[]; lost: number }> {
  const began = Date.now();
  await cluster.start();
  print(
    `faults: app on ${cluster.baseUrl}, s3rver on ${cluster.s3Endpoint} (${seconds(Date.now() - began)})`,
  );
  const api = new Api(() => cluster.baseUrl);
  const inventory = new Inventory(cluster);
  const ctx = await setUp(cluster, api, inventory);
  print(`faults: set up a dataset and a trained model (${seconds(Date.now() - began)} so far)`);

  const reports: PhaseReport[] = [];
  let lost = 0;
  for (const key of args.only.split(',').map((s) => s.trim())) {
    const phase = phases[key];
    if (!phase) throw new Error(`--only: no phase '${key}' (1-5)`);
    const report = await phase(ctx).catch((error: Error) => {
      const failed = new PhaseReport(`phase ${key} stopped early`);
      failed.check(false, '', error.message);
      return failed;
    });
    await verifyAfter(ctx, report).catch((error: Error) => {
      report.check(false, '', `the checks after the phase failed: ${error.message}`);
    });
    lost = Math.max(lost, report.lost);
    report.end();
    reports.push(report);
  }
  return { reports, lost };
}

async function main(): Promise<void> {
  const began = Date.now();
  const timeoutMs = Number(args.timeout) * 1000;
  const cluster = new Cluster({ quotaBytes, heartbeatSec, staleSec });
  let exitCode = 1;
  const stopAndExit = async (code: number) => {
    const keep = args['keep-logs'] || code !== 0;
    await cluster.stop(keep).catch((error) => print(`faults: stopping failed: ${error}`));
    if (keep) print(`faults: logs kept in ${cluster.logDir}`);
    process.exit(code);
  };
  const timer = setTimeout(() => {
    print(`\nfaults: TIMEOUT: the run took longer than ${timeoutMs / 1000} s; stopping`);
    void stopAndExit(1);
  }, timeoutMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      print(`faults: ${signal}: stopping`);
      void stopAndExit(130);
    });
  }

  try {
    const { reports, lost } = await run(cluster);
    print('\n== summary');
    for (const report of reports) {
      const verdict = report.failures.length === 0 ? 'pass' : 'FAIL';
      print(`  ${verdict}  ${report.name} (${seconds(report.endedMs)})`);
    }
    const failed = reports.filter((report) => report.failures.length > 0).length;
    print(`data lost: ${lost}`);
    print(`total time: ${seconds(Date.now() - began)}`);
    exitCode = failed === 0 && lost === 0 ? 0 : 1;
  } catch (error) {
    print(`faults: the run failed: ${error instanceof Error ? error.stack : error}`);
  }
  clearTimeout(timer);
  await stopAndExit(exitCode);
}

void main();
