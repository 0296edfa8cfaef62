// GET /api/datasets: the signed-in user's datasets, newest first.
import { listDatasets } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  return json({ datasets: await listDatasets(user.id) });
});
