// GET /api/datasets/:id/download — the dataset as a CSV file, streamed from storage.
import { Readable } from 'node:stream';
import { getDataset, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { attachmentHeader } from '@/lib/datasets/download';
import { getStorage } from '@/lib/storage';
import { apiRoute } from '@/lib/http';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const dataset = orNotFound(await getDataset(user.id, id), 'Dataset');
  const stream = await getStorage().get(dataset.storageKey);
  return new Response(Readable.toWeb(stream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(dataset.sizeBytes),
      'content-disposition': attachmentHeader(`${dataset.name}.csv`),
      'cache-control': 'no-store',
      'x-dataset-id': dataset.id,
    },
  });
});
