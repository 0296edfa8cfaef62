// /api/models/:id — GET one of the user's models with its details, PATCH its name or description,
// DELETE it (cancelling its training, removing its files and its results'). Others' are 404.
import { getModelWithJob, orNotFound, updateModel } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { modelPatchSchema } from '@/lib/models/options';
import { removeModel } from '@/lib/models/remove';
import { modelDetails } from '@/lib/models/summary';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  return json({ model: modelDetails(orNotFound(await getModelWithJob(user.id, id), 'Model')) });
});

export const PATCH = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  orNotFound(await getModelWithJob(user.id, id), 'Model');
  const patch = parseInput(modelPatchSchema, await readJson(request));
  orNotFound(await updateModel(user.id, id, patch), 'Model');
  return json({ model: modelDetails(orNotFound(await getModelWithJob(user.id, id), 'Model')) });
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const model = orNotFound(await removeModel(user.id, id), 'Model');
  return json({ deleted: { id: model.id, name: model.name } });
});
