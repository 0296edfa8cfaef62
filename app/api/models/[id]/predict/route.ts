// /api/models/:id/predict — the manual fast path for the signed-in user (no queue):
// GET: the model's inputs (kinds, training ranges, known levels) for the manual table;
// POST { rows: [{feature: value}] } (at most 1,000): predictions, null for rows with field errors.
import { getModel, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { modelInputs } from '@/lib/predictions/inputs';
import { predictRows } from '@/lib/predictions/manual';
import { MANUAL_BODY_MAX_BYTES, manualPredictionSchema } from '@/lib/predictions/schema';
import { AppError } from '@/lib/errors';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const model = orNotFound(await getModel(user.id, id), 'Model');
  if (model.status !== 'COMPLETED') {
    throw new AppError(
      'CONFLICT',
      'This model has not finished training, so it cannot be used yet.',
    );
  }
  return json({ modelId: model.id, ...(await modelInputs(model)) });
});

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const model = orNotFound(await getModel(user.id, id), 'Model');
  const { rows } = parseInput(
    manualPredictionSchema,
    await readJson(request, MANUAL_BODY_MAX_BYTES),
  );
  return json({ modelId: model.id, ...(await predictRows(model, rows)) });
});
