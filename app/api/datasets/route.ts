// GET /api/datasets: the signed-in user's datasets, newest first.
// POST /api/datasets: upload a CSV (multipart/form-data: file, name, description), streamed.
import { listDatasets } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { removeScratch } from '@/lib/datasets/files';
import { importUpload } from '@/lib/datasets/import';
import { receiveUpload } from '@/lib/datasets/upload';
import { apiRoute, json } from '@/lib/http';
import { assertRoomFor } from '@/lib/storage/quota';

// Uploads can take minutes; the body is streamed to a scratch file, never held in memory.
export const runtime = 'nodejs';

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  return json({ datasets: await listDatasets(user.id) });
});

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  // A full workspace is refused before the body is read; the exact size is checked once stored.
  await assertRoomFor(user.id);
  const upload = await receiveUpload(request, getConfig().UPLOAD_MAX_BYTES);
  try {
    return json({ dataset: await importUpload(user.id, upload) }, { status: 201 });
  } finally {
    await removeScratch(upload.file);
  }
});
