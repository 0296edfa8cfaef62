// Shared by the predictions integration tests: case 15's files, dataset uploads, calls of the
// predictions routes with a session or a token, and running a batch job in this process.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { log } from '@/lib/log';
import predictJob from '@/jobs/handlers/predict';
import { runJob } from '@/jobs/runner';
import { headersFor, sharedDir, uploadRequest } from './datasets-helpers';

export { sharedDir };

/** The path of a file of shared case 15 (prediction inputs: unseen levels, numbers as text). */
export function case15(name: string): string {
  const folder = fs.readdirSync(path.join(sharedDir, 'cases')).find((f) => f.startsWith('15'))!;
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

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Calls a route handler as `user` (session cookie) or with extra headers; JSON body when given. */
export async function call<C>(
  handler: Handler<C>,
  context: C,
  init: {
    user?: SessionUser;
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    url?: string;
  } = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...(await headersFor(init.user)), ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(init.url ?? 'http://127.0.0.1:3000/api/x', {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await handler(request, context);
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json');
  return {
    status: response.status,
    body: isJson ? JSON.parse(text) : undefined,
    text,
    headers: response.headers,
  };
}

/** The context a `[id]` route handler receives. */
export function idContext(id: string) {
  return { params: Promise.resolve({ id }) };
}

/** Runs a queued job in this process with the predict handler (no worker process needed). */
export async function runPredictJob(jobId: string): Promise<void> {
  await runJob(jobId, { handlers: { predict: predictJob }, heartbeatSec: 5, log });
}

/** Parses CSV text into a header and rows of strings. */
export function parseCsvText(text: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}
