// /api/evaluations/:id — GET one evaluation with its full result; DELETE it (its running job is
// cancelled and its scored rows removed). Another user's evaluation is 404.
import { getEvaluation, getModel, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { removeEvaluation } from '@/lib/evaluations/start';
import { evaluationDetailView } from '@/lib/evaluations/view';
import { apiRoute, json } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const evaluation = orNotFound(await getEvaluation(user.id, id), 'Evaluation');
  const model = await getModel(user.id, evaluation.modelId);
  return json({ evaluation: evaluationDetailView(evaluation, model?.name ?? '') });
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const evaluation = orNotFound(await removeEvaluation(user.id, id), 'Evaluation');
  return json({ deleted: { id: evaluation.id } });
});
