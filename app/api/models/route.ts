// GET /api/models: the signed-in user's models, newest first.
import { listModels } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  return json({ models: await listModels(user.id) });
});
