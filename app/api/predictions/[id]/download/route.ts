// GET /api/predictions/:id/download — the output CSV of a completed batch prediction, streamed.
import { Readable } from 'node:stream';
import { getModel, getPrediction, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { attachmentHeader } from '@/lib/datasets/download';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http';
import { getStorage } from '@/lib/storage';

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const prediction = orNotFound(await getPrediction(user.id, id), 'Prediction');
  if (prediction.status !== 'COMPLETED' || !prediction.storageKey) {
    throw new AppError(
      'CONFLICT',
      `This prediction is ${prediction.status.toLowerCase()}: its file exists once it completes.`,
    );
  }
  const model = await getModel(user.id, prediction.modelId);
  const storage = getStorage();
  const sizeBytes = await storage.size(prediction.storageKey);
  const stream = await storage.get(prediction.storageKey);
  const base = `${prediction.datasetName}_predicted${model ? `_${model.name}` : ''}`;
  return new Response(Readable.toWeb(stream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(sizeBytes),
      'content-disposition': attachmentHeader(`${base}.csv`),
      'cache-control': 'no-store',
    },
  });
});
