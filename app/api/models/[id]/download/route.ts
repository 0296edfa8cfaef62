// GET /api/models/:id/download: the model zip (engine format plus model_info.txt) as an attachment.
import { getModel, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { attachmentHeader } from '@/lib/datasets/download';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http';
import { downloadName, downloadableZip } from '@/lib/models/download';

export const runtime = 'nodejs';

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
      `Model '${model.name}' is ${model.status.toLowerCase()}: only completed models can be downloaded.`,
    );
  }
  const bytes = await downloadableZip(model);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(bytes.length),
      'content-disposition': attachmentHeader(downloadName(model)),
      'cache-control': 'no-store',
    },
  });
});
