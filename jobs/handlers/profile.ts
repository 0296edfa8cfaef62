// The 'profile' job: reads a dataset's file and caches its profile (statistics, charts' data).
import { getDataset } from '@/lib/access';
import { profileKey, readStoredTable } from '@/lib/datasets/files';
import { computeProfile } from '@/lib/datasets/profile';
import { getStorage } from '@/lib/storage';
import type { JobHandler } from '../types';

/** Progress is written at most this often (each write is a database update). */
const PROGRESS_INTERVAL_MS = 500;

const profileJob: JobHandler = async ({ job, signal, progress, log }) => {
  const dataset = job.resourceId ? await getDataset(job.ownerId, job.resourceId) : null;
  // Deleting a dataset while its profile waits is routine: nothing to do, nothing to report.
  if (!dataset) return { datasetId: job.resourceId, deleted: true };

  // Reading is 0–60 % (two passes over the file), statistics 60–100 %.
  let lastReport = 0;
  let reporting: Promise<void> = Promise.resolve();
  const report = (percent: number, message: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    reporting = reporting.then(() => progress(percent, message));
  };

  report(1, 'Reading the file', true);
  // Numeric columns as Float64Arrays (NaN for missing): what the statistics work on, at 8 bytes
  // a cell instead of a boxed number each.
  const read = await readStoredTable(
    dataset,
    {
      signal,
      onProgress: ({ pass, bytesRead, sizeBytes }) =>
        report(
          (pass - 1) * 30 + (30 * bytesRead) / Math.max(1, sizeBytes),
          `Reading the file (pass ${pass} of 2)`,
        ),
    },
    { missingNumbers: 'nan' },
  );
  await reporting;

  const profile = await computeProfile(read, {
    step: async (done, total, what) => {
      signal.throwIfAborted();
      report(60 + (40 * done) / total, what);
      await reporting;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  });
  await getStorage().put(profileKey(dataset), Buffer.from(JSON.stringify(profile)));
  // Deleted meanwhile: its files were removed before this profile existed, so remove it too.
  if (!(await getDataset(job.ownerId, dataset.id))) {
    await getStorage().delete(profileKey(dataset));
    return { datasetId: dataset.id, deleted: true };
  }
  log.info('Dataset profiled', {
    datasetId: dataset.id,
    rows: read.rowCount,
    computeMs: profile.computeMs,
  });
  return { datasetId: dataset.id, columns: profile.columns.length, computeMs: profile.computeMs };
};

export default profileJob;
