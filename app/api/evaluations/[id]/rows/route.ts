// GET /api/evaluations/:id/rows — the scored rows (inputs, real value, prediction, residual) as a
// CSV download, streamed from storage; 409 until the evaluation has completed.
import { Readable } from 'node:stream';
import { getEvaluation, getModel, orNotFound } from '@/lib/access';
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
  const evaluation = orNotFound(await getEvaluation(user.id, id), 'Evaluation');
  if (evaluation.status !== 'COMPLETED' || !evaluation.storageKey) {
    throw new AppError('CONFLICT', 'The scored rows are ready once the evaluation has completed.');
  }
  const model = await getModel(user.id, evaluation.modelId);
  const storage = getStorage();
  const sizeBytes = await storage.size(evaluation.storageKey);
  const stream = await storage.get(evaluation.storageKey);
  const fileName = `${model?.name ?? 'model'} on ${evaluation.datasetName} - scored.csv`;
  return new Response(Readable.toWeb(stream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(sizeBytes),
      'content-disposition': attachmentHeader(fileName),
      'cache-control': 'no-store',
    },
  });
});
