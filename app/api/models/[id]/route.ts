// GET /api/models/:id: one of the signed-in user's models; anyone else's is 404.
import { getModel, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  return json({ model: orNotFound(await getModel(user.id, id), 'Model') });
});
