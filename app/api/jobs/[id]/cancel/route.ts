// POST /api/jobs/:id/cancel: cancels a queued job at once, or asks a running job's worker to stop.
import { orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { cancelJob, jobView } from '@/lib/queue';

interface Context {
  params: Promise<{ id: string }>;
}

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const job = orNotFound(await cancelJob(user.id, id), 'Job');
  return json({ job: jobView(job) });
});
