// POST /api/datasets/merge {datasetIds, mode, keys, how, name} — a new dataset from the user's
// datasets, rows appended or joined on key columns. Another user's dataset is 404.
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { mergeDatasets, mergeSchema } from '@/lib/datasets/merge';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const options = parseInput(mergeSchema, await readJson(request));
  const datasets = [];
  for (const id of options.datasetIds) {
    datasets.push(orNotFound(await getDataset(user.id, id), 'Dataset'));
  }
  const { dataset, notShared } = await mergeDatasets(user.id, datasets, options);
  const sources = datasets.map(({ id, name }) => ({ id, name }));
  return json({ dataset, notShared, sources }, { status: 201 });
});
