// DELETE /api/tokens/:id: revokes one of the signed-in user's API tokens; it stops working at once.
import { orNotFound, revokeToken } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const token = orNotFound(await revokeToken(user.id, id), 'Token');
  return json({ revoked: { id: token.id, name: token.name, revokedAt: token.revokedAt } });
});
