// GET /api/datasets/:id/rows?offset=&limit= — a page of the dataset's rows for the preview.
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { readRows, rowsQuerySchema } from '@/lib/datasets/preview';
import { apiRoute, json, parseInput } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { offset, limit } = parseInput(rowsQuerySchema, query);
  return json(await readRows(dataset, offset, limit));
});
