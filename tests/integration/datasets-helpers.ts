// Shared by the datasets integration tests: a storage folder per test file, upload requests and
// calls of route handlers with a minted session cookie.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionUser } from '@/lib/auth/session';
import { scratchDir } from '@/lib/datasets/files';
import { getStorage } from '@/lib/storage';
import { sessionCookie } from '../helpers/session';

// Before any module reads the configuration: files of this test file go to their own folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-datasets-test-'));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

export const sharedDir = [path.resolve('..', 'shared'), '/work/shared'].find((dir) =>
  fs.existsSync(path.join(dir, 'cases')),
) as string;

/** A file of the shared cases, e.g. `caseFile('05', 'ragged.csv')`. */
export function caseFile(caseNumber: string, name: string): Buffer {
  const folder = fs
    .readdirSync(path.join(sharedDir, 'cases'))
    .find((f) => f.startsWith(caseNumber));
  return fs.readFileSync(path.join(sharedDir, 'cases', folder!, name));
}

export const base = 'http://127.0.0.1:3000/api/datasets';

export async function headersFor(user?: SessionUser): Promise<Record<string, string>> {
  return user ? { cookie: await sessionCookie(user) } : {};
}

/** A multipart upload request as a browser sends it. */
export async function uploadRequest(
  user: SessionUser | undefined,
  bytes: Uint8Array | string,
  fileName = 'data.csv',
  fields: Record<string, string> = {},
): Promise<Request> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes as BlobPart]), fileName);
  return new Request(base, { method: 'POST', body: form, headers: await headersFor(user) });
}

/** Calls an item route handler (`/api/datasets/:id/...`) as `user`. */
export async function callItem(
  handler: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response>,
  id: string,
  user: SessionUser | undefined,
  init: { method?: string; body?: unknown; suffix?: string; query?: string } = {},
): Promise<Response> {
  const headers = await headersFor(user);
  const url = `${base}/${id}${init.suffix ?? ''}${init.query ? `?${init.query}` : ''}`;
  const request = new Request(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve({ id }) });
}

/** Every key under `datasets/` in storage: to prove a refused upload left nothing behind. */
export async function storedKeys(): Promise<string[]> {
  return (await getStorage().list('datasets/')).map((object) => object.key);
}

/** Files left in the upload scratch folder. */
export function scratchFiles(): string[] {
  const dir = scratchDir();
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}
