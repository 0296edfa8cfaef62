// /api/predictions/:id — GET one batch prediction (status, progress, result summary and preview),
// DELETE it (a running job is cancelled, the output file removed). Others' are 404.
import { getPrediction, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { predictionViews, removePrediction } from '@/lib/predictions/batch';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const row = orNotFound(await getPrediction(user.id, id), 'Prediction');
  const [prediction] = await predictionViews(user.id, [row]);
  return json({ prediction });
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const row = orNotFound(await removePrediction(user.id, id), 'Prediction');
  return json({ deleted: { id: row.id } });
});
