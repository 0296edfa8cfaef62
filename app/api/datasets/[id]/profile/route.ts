// /api/datasets/:id/profile — GET the cached profile (or null) with the job computing it;
// POST starts that job (202), or answers the one already waiting or running.
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { loadProfile, profileJob, startProfile } from '@/lib/datasets/profile-store';
import { apiRoute, json } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  const [profile, job] = await Promise.all([loadProfile(dataset), profileJob(user.id, dataset)]);
  return json({ datasetId: dataset.id, profile, job });
});

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  return json(
    { datasetId: dataset.id, job: await startProfile(user.id, dataset) },
    { status: 202 },
  );
});
