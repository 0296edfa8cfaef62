// POST /api/v1/models/:id/predict — the public prediction API: JSON rows in, JSON predictions out.
// Authenticated by `Authorization: Bearer cml_…` (a personal token from /settings) or the session.
import { getModel, orNotFound } from '@/lib/access';
import { requireUserOrToken } from '@/lib/auth/tokens';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { predictRows } from '@/lib/predictions/manual';
import { MANUAL_BODY_MAX_BYTES, manualPredictionSchema } from '@/lib/predictions/schema';

interface Context {
  params: Promise<{ id: string }>;
}

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUserOrToken(request);
  const { id } = await params;
  const model = orNotFound(await getModel(user.id, id), 'Model');
  const { rows } = parseInput(
    manualPredictionSchema,
    await readJson(request, MANUAL_BODY_MAX_BYTES),
  );
  return json({ modelId: model.id, ...(await predictRows(model, rows)) });
});
