// /api/datasets/:id — GET one of the user's datasets, PATCH its name, description or column
// kinds, DELETE it (models trained on it keep working; their link is set null). Others' are 404.
import { deleteDataset, getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { removeStoredFiles } from '@/lib/datasets/files';
import { patchDataset } from '@/lib/datasets/patch';
import { datasetPatchSchema } from '@/lib/datasets/types';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { log } from '@/lib/log';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  return json({ dataset: orNotFound(await getDataset(user.id, id), 'Dataset') });
});

export const PATCH = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  const patch = parseInput(datasetPatchSchema, await readJson(request));
  return json({ dataset: await patchDataset(user.id, dataset, patch) });
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await deleteDataset(user.id, id), 'Dataset');
  // The row is gone first, so nothing points at a missing file; a leftover file is only waste.
  await removeStoredFiles(dataset).catch((error: unknown) =>
    log.warn('Dataset file not removed', { error, datasetId: dataset.id, key: dataset.storageKey }),
  );
  return json({ deleted: { id: dataset.id, name: dataset.name } });
});
