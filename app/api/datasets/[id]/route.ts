// GET /api/datasets/:id: one of the signed-in user's datasets; anyone else's is 404.
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  return json({ dataset: orNotFound(await getDataset(user.id, id), 'Dataset') });
});
