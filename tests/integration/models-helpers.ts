// Shared by the models integration tests: files in the test S3 bucket, datasets uploaded through
// the API, route calls with a minted session, and waiting for a training to end in a real worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GET as getModelRoute } from '@/app/api/models/[id]/route';
import { POST as trainRoute } from '@/app/api/models/route';
import { POST as uploadDatasetRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import { sessionCookie } from '../helpers/session';
import { waitFor } from '../helpers/worker';
import { readTestEnv } from '../setup/services';
import { sharedDir, uploadRequest } from './datasets-helpers';

// Before any module reads the configuration: this file's scratch folder, and the S3 test server
// for stored files (the worker processes inherit both).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-models-test-'));
process.env.DATA_DIR = dataDir;
process.env.S3_ENDPOINT = readTestEnv('s3Endpoint');
process.env.S3_BUCKET = readTestEnv('s3Bucket');
process.env.S3_ACCESS_KEY_ID = 'S3RVER';
process.env.S3_SECRET_ACCESS_KEY = 'S3RVER';
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

export { sharedDir };

/** A file of the shared folder, e.g. `sharedFile('datasets/cars.csv')`. */
export function sharedFile(relative: string): Buffer {
  return fs.readFileSync(path.join(sharedDir, relative));
}

/** A file of a shared case folder, e.g. `caseFile('10', 'target_text.csv')`. */
export function casePath(caseNumber: string, name: string): string {
  const folder = fs
    .readdirSync(path.join(sharedDir, 'cases'))
    .find((f) => f.startsWith(caseNumber));
  return path.join(sharedDir, 'cases', folder!, name);
}

/** Uploads a CSV as `user` through POST /api/datasets; answers the dataset's id. */
export async function uploadDataset(
  user: SessionUser,
  bytes: Uint8Array | string,
  fileName = 'data.csv',
): Promise<string> {
  const response = await uploadDatasetRoute(await uploadRequest(user, bytes, fileName), undefined);
  if (response.status !== 201) throw new Error(`upload failed: ${await response.text()}`);
  return (await response.json()).dataset.id;
}

export type Handler = (
  request: Request,
  context: { params: Promise<{ id: string }> },
) => Promise<Response>;

/** Calls a route handler as `user` with an optional JSON body. */
export async function call(
  handler: Handler,
  user: SessionUser | undefined,
  init: { id?: string; method?: string; body?: unknown; rawBody?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user) } : {};
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = `http://127.0.0.1:3000/api/models${init.id ? `/${init.id}` : ''}`;
  const request = new Request(url, { method: init.method ?? 'GET', headers, body });
  return handler(request, { params: Promise.resolve({ id: init.id ?? '' }) });
}

/** POST /api/models as `user`. */
export async function train(user: SessionUser, body: Record<string, unknown>) {
  const response = await call((r) => trainRoute(r, undefined), user, { method: 'POST', body });
  return { status: response.status, body: await response.json() };
}

/** GET /api/models/:id as `user` (the model's details). */
export async function getModel(user: SessionUser, id: string) {
  const response = await call(getModelRoute, user, { id });
  return (await response.json()).model;
}

/** Waits until the model's status is no longer TRAINING; answers its details. */
export async function waitForModel(user: SessionUser, id: string, timeoutMs = 90_000) {
  return waitFor(
    `model ${id} to finish training`,
    async () => {
      const model = await getModel(user, id);
      return model.status === 'TRAINING' ? undefined : model;
    },
    timeoutMs,
    250,
  );
}

/** Keys stored under the owner's model folder. */
export async function modelKeys(ownerId: string): Promise<string[]> {
  return (await getStorage().list(`models/${ownerId}/`)).map((object) => object.key);
}
