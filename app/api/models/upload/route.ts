// POST /api/models/upload: a model zip (multipart/form-data: file, name, description), streamed to
// a scratch file, checked before the engine reads it, then stored as a COMPLETED model.
import { getModelWithJob, orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { removeScratch } from '@/lib/datasets/files';
import { receiveUpload } from '@/lib/datasets/upload';
import { AppError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http';
import { importModelUpload } from '@/lib/models/upload';
import { modelDetails } from '@/lib/models/summary';
import { assertRoomFor } from '@/lib/storage/quota';

export const runtime = 'nodejs';

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  await assertRoomFor(user.id);
  const upload = await receiveUpload(request, getConfig().UPLOAD_MAX_BYTES).catch(forModels);
  try {
    const model = await importModelUpload(user.id, upload);
    const row = orNotFound(await getModelWithJob(user.id, model.id), 'Model');
    return json({ model: modelDetails(row) }, { status: 201 });
  } finally {
    await removeScratch(upload.file);
  }
});

// The shared receiver speaks of CSV files; here the file is a model zip.
function forModels(error: unknown): never {
  if (error instanceof AppError && error.fields?.file?.startsWith('Choose a CSV')) {
    const message = 'Choose a model .zip file to upload.';
    throw new AppError('VALIDATION', message, { fields: { file: message } });
  }
  throw error;
}
