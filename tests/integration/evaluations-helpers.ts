// Shared by the evaluations integration tests: uploads through the datasets route, calls of the
// evaluations routes with a minted session cookie.
import fs from 'node:fs';
import path from 'node:path';
import { POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { headersFor, sharedDir, uploadRequest } from './datasets-helpers';

export { sharedDir };

/** A file of shared case 14 (train/test files with reordered, missing and extra columns). */
export function case14(name: string): string {
  const folder = fs.readdirSync(path.join(sharedDir, 'cases')).find((f) => f.startsWith('14'))!;
  return path.join(sharedDir, 'cases', folder, name);
}

/** Uploads CSV bytes as `user`'s dataset and returns its id and name. */
export async function uploadDataset(
  user: SessionUser,
  bytes: Uint8Array | string,
  name: string,
): Promise<{ id: string; name: string }> {
  const response = await uploadRoute(
    await uploadRequest(user, bytes, `${name}.csv`, { name }),
    undefined,
  );
  if (response.status !== 201) throw new Error(`upload failed: ${await response.text()}`);
  return (await response.json()).dataset;
}

const base = 'http://127.0.0.1:3000/api/evaluations';

/** A request to `/api/evaluations{suffix}` as `user`, with a JSON body when given. */
export async function evaluationsRequest(
  user: SessionUser | undefined,
  init: { method?: string; body?: unknown; suffix?: string } = {},
): Promise<Request> {
  const headers = await headersFor(user);
  return new Request(`${base}${init.suffix ?? ''}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The context a `[id]` route handler receives. */
export function idContext(id: string) {
  return { params: Promise.resolve({ id }) };
}
