// GET /api/jobs/:id: one job's status and progress, cheap enough for the UI to poll each second.
import { orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { getJobForOwner, jobView } from '@/lib/queue';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const job = orNotFound(await getJobForOwner(user.id, id), 'Job');
  return json({ job: jobView(job) });
});
