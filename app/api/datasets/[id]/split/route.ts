// POST /api/datasets/:id/split {testRatio, seed, shuffle} — creates `<name>_train` and `<name>_test`.
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { splitDataset, splitSchema } from '@/lib/datasets/split';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  const options = parseInput(splitSchema, await readJson(request));
  const { train, test } = await splitDataset(user.id, dataset, options);
  return json({ source: { id: dataset.id, name: dataset.name }, train, test }, { status: 201 });
});
