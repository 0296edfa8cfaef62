// Faults of storage: the object store unreachable, and a user's storage quota filled.
import { createAccount, errorMessage, type Answer } from '../lib/app-client';
import { describe, finished, looksLikeStack, seconds, sharedDataset } from './api';
import { checkConsistency } from './inventory';
import { PhaseReport, type FaultContext } from './report';

/** A refusal users can read: the expected status, a message matching `pattern`, no stack. */
function clearRefusal(answer: Answer, status: number, pattern: RegExp): boolean {
  const message = errorMessage(answer.body) ?? '';
  return answer.status === status && pattern.test(message) && !looksLikeStack(answer);
}

export async function storageUnreachable(ctx: FaultContext): Promise<PhaseReport> {
  const report = new PhaseReport('4. object storage (s3rver) unreachable');
  const { api, cluster, owner } = ctx;
  const before = await api.datasetIds(owner);
  await cluster.killS3();
  report.did('SIGKILL to s3rver: connections to the bucket are refused');
  try {
    await duringOutage(ctx, report);
  } finally {
    const began = Date.now();
    await cluster.startS3();
    report.did(`started s3rver again on the same port and folder (${seconds(Date.now() - began)})`);
  }

  const after = await api.datasetIds(owner);
  report.check(
    JSON.stringify(after) === JSON.stringify(before),
    `nothing was half-written: the dataset list is as before (${after.length})`,
    `the dataset list changed during the outage: ${before.length} → ${after.length}`,
  );
  const state = await checkConsistency(cluster, ctx.staleSec);
  report.check(
    state.rowsWithoutFile.length === 0,
    'every dataset and model row has its stored file',
    `rows without their file: ${state.rowsWithoutFile.join(', ')}`,
  );
  const again = await api.upload(owner, sharedDataset('cars.csv'), 'cars after outage.csv');
  const ok = report.check(
    again.status === 201,
    'an upload after s3rver came back is stored (201)',
    `an upload after s3rver came back: ${describe(again)}`,
  );
  if (ok) {
    const id = (again.body as { dataset: { id: string } }).dataset.id;
    await ctx.inventory.add('dataset', id, owner);
  }
  return report;
}

export async function fillQuota(ctx: FaultContext, quotaBytes: number): Promise<PhaseReport> {
  const report = new PhaseReport(`5. storage quota filled (USER_QUOTA_BYTES=${quotaBytes})`);
  const { api, cluster } = ctx;
  const user = await createAccount(cluster.baseUrl, 'quota');
  const diamonds = sharedDataset('diamonds.csv');
  const initial = await checkConsistency(cluster, ctx.staleSec);

  const stored: string[] = [];
  let refusal: Answer | undefined;
  for (let i = 1; i <= 8 && !refusal; i++) {
    const answer = await api.upload(user, diamonds, `diamonds ${i}.csv`);
    if (answer.status === 201) stored.push((answer.body as { dataset: { id: string } }).dataset.id);
    else refusal = answer;
  }
  report.did(`uploaded diamonds.csv (${diamonds.length} bytes) until refused`);
  const quotaMessage = /of its .+ quota; delete datasets or models to make room\.$/;
  if (!refusal) {
    report.check(false, '', `${stored.length} uploads were all stored: no quota refusal`);
    return report;
  }
  report.check(
    clearRefusal(refusal, 413, quotaMessage),
    `upload ${stored.length + 1} refused: ${describe(refusal)}`,
    `upload ${stored.length + 1} got ${describe(refusal)}`,
  );
  const listed = await api.datasetIds(user);
  report.check(
    listed.length === stored.length,
    `nothing stored for the refused upload: ${listed.length} datasets listed`,
    `${listed.length} datasets listed after ${stored.length} stored uploads`,
  );
  const split = await api.post(user, `/api/datasets/${stored[0]}/split`, {
    testRatio: 0.2,
    seed: 1,
    shuffle: true,
  });
  report.check(
    clearRefusal(split, 413, quotaMessage),
    `a split is refused too: ${describe(split)}`,
    `a split in the full workspace got ${describe(split)}`,
  );
  const state = await checkConsistency(cluster, ctx.staleSec);
  report.check(
    state.rowsWithoutFile.length === 0 &&
      state.filesWithoutRow.length === initial.filesWithoutRow.length,
    'storage holds exactly the listed datasets (no file left by the refusals)',
    `after the refusals: ${state.rowsWithoutFile.length} rows without file, ` +
      `${state.filesWithoutRow.length} files without row`,
  );

  const removed = await fetch(`${cluster.baseUrl}/api/datasets/${stored[0]}`, {
    method: 'DELETE',
    headers: { cookie: user.cookie },
  });
  const again = await api.upload(user, diamonds, 'diamonds after delete.csv');
  report.check(
    removed.status < 300 && again.status === 201,
    'after deleting a dataset, the same upload is stored (201)',
    `delete answered ${removed.status}, the upload after it ${describe(again)}`,
  );
  return report;
}

/** What users get while the object store is down: clear refusals, a failed training. */
async function duringOutage(ctx: FaultContext, report: PhaseReport): Promise<void> {
  const { api, owner } = ctx;
  const unavailable = /storage is unavailable/i;
  const upload = await api.upload(owner, sharedDataset('cars.csv'), 'cars during outage.csv');
  report.check(
    clearRefusal(upload, 503, unavailable),
    `an upload is refused: ${describe(upload)} after ${seconds(upload.ms)}`,
    `an upload during the outage got ${describe(upload)} (${JSON.stringify(upload.body)})`,
  );
  const download = await api.get(owner, `/api/datasets/${ctx.carsId}/download`);
  report.check(
    clearRefusal(download, 503, unavailable),
    `a dataset download is refused: ${describe(download)}`,
    `a dataset download during the outage got ${describe(download)}`,
  );
  const list = await api.get(owner, '/api/datasets');
  report.check(list.status === 200, 'the dataset list still answers 200 (database only)');

  const training = await api.train(owner, ctx.carsId, 10);
  const job = await api.waitForJob(owner, training.jobId, finished, 120_000);
  report.check(
    job.status === 'FAILED' && unavailable.test(job.error ?? ''),
    `a training queued during the outage failed with '${job.error}'`,
    `a training queued during the outage ended ${job.status} '${job.error ?? job.message}'`,
  );
}
