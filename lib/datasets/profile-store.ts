// Profiles are computed by the `profile` job and cached as JSON beside the dataset's file.
import { updateDataset, type Dataset } from '@/lib/access';
import { enqueueJob, getJobForOwner, jobView, type JobView } from '@/lib/queue';
import { getStorage } from '@/lib/storage';
import { AppError } from '@/lib/errors';
import { profileKey } from './files';
import type { DatasetProfile } from './profile';
import { kindsOf, schemaOf } from './types';

async function readJsonObject(stream: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The cached profile, or null when none was computed for the column kinds now in use. */
export async function loadProfile(dataset: Dataset): Promise<DatasetProfile | null> {
  let profile: DatasetProfile;
  try {
    profile = (await readJsonObject(await getStorage().get(profileKey(dataset)))) as DatasetProfile;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
  const kinds = kindsOf(schemaOf(dataset));
  const current = Object.keys(kinds).every((name) => profile.kinds?.[name] === kinds[name]);
  return current ? profile : null;
}

/** The profile job last started for the dataset, if its row still exists. */
export async function profileJob(ownerId: string, dataset: Dataset): Promise<JobView | null> {
  const jobId = schemaOf(dataset).profileJobId;
  const job = jobId ? await getJobForOwner(ownerId, jobId) : null;
  return job ? jobView(job) : null;
}

/** Starts a profile job unless one is waiting or running; answers the job either way. */
export async function startProfile(ownerId: string, dataset: Dataset): Promise<JobView> {
  const current = await profileJob(ownerId, dataset);
  if (current && (current.status === 'QUEUED' || current.status === 'RUNNING')) return current;
  const job = await enqueueJob({ ownerId, kind: 'profile', resourceId: dataset.id });
  await updateDataset(ownerId, dataset.id, {
    schema: { ...schemaOf(dataset), profileJobId: job.id },
  });
  return jobView(job);
}
