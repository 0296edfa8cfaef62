/** @jest-environment node */
// The fast part of `npm run faults` that fits the test suite: the object store (an s3rver of this
// file's own, in its own process) dies while the app runs. Uploads and downloads are refused with
// a message saying storage is unavailable, nothing is half-written, and once it is back every
// dataset that existed before downloads with the same bytes. (Killing the worker, the web server
// or PostgreSQL needs a build or the shared test database: the script does those.)
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GET as downloadRoute } from '@/app/api/datasets/[id]/download/route';
import { GET as listRoute, POST as uploadRoute } from '@/app/api/datasets/route';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import { freePort } from '../../scripts/lib/ports';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { callItem, headersFor, scratchFiles, sharedDir, uploadRequest } from './datasets-helpers';

jest.setTimeout(60_000);
useTestDatabase();

const root = path.resolve(__dirname, '..', '..');
const s3Folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-faults-s3-'));
const bucket = 'cidra-faults';
const cars = fs.readFileSync(path.join(sharedDir, 'datasets', 'cars.csv'));
let port = 0;
let s3: ChildProcess | undefined;
let alice: SessionUser;

/** Starts s3rver on `port` with its objects in `s3Folder`; resolves when it listens. */
function startS3(): Promise<void> {
  const script = path.join(root, 'scripts', 'faults', 's3-server.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, s3Folder, String(port), bucket],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  s3 = child;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code})`)));
  });
}

async function killS3(): Promise<void> {
  const child = s3!;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  // Before anything reads the configuration: stored files go to this file's s3rver.
  port = await freePort();
  Object.assign(process.env, {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  await startS3();
  alice = await createTestUser();
});

afterAll(async () => {
  await killS3();
  fs.rmSync(s3Folder, { recursive: true, force: true });
});

async function upload(name: string) {
  const response = await uploadRoute(await uploadRequest(alice, cars, name), undefined);
  return { status: response.status, body: await response.json() };
}

async function download(id: string) {
  const response = await callItem(downloadRoute, id, alice, { suffix: '/download' });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function listedIds(): Promise<string[]> {
  const request = new Request('http://x/api/datasets', { headers: await headersFor(alice) });
  const body = await (await listRoute(request, undefined)).json();
  return (body.datasets as { id: string }[]).map((dataset) => dataset.id).sort();
}

const unavailable = {
  code: 'STORAGE_UNAVAILABLE',
  message: 'File storage is unavailable right now; please try again in a moment.',
};

it('refuses uploads and downloads clearly while storage is down, and loses nothing', async () => {
  const first = await upload('cars.csv');
  expect(first.status).toBe(201);
  const id = first.body.dataset.id as string;
  const before = await download(id);
  expect(before.status).toBe(200);

  await killS3();

  const refused = await upload('cars during outage.csv');
  expect(refused).toEqual({ status: 503, body: { error: unavailable } });
  const failedDownload = await callItem(downloadRoute, id, alice, { suffix: '/download' });
  expect(failedDownload.status).toBe(503);
  expect((await failedDownload.json()).error).toEqual(unavailable);
  expect(await listedIds()).toEqual([id]);
  expect(scratchFiles()).toEqual([]);

  await startS3();

  const after = await download(id);
  expect(after.status).toBe(200);
  expect(after.sha256).toBe(before.sha256);
  const again = await upload('cars after outage.csv');
  expect(again.status).toBe(201);
  // Storage holds the files of the two listed datasets and nothing of the refused upload.
  const stored = (await getStorage().list(`datasets/${alice.id}/`)).map((object) => object.key);
  expect(stored.sort()).toEqual(
    [first.body.dataset.storageKey, again.body.dataset.storageKey].sort(),
  );
});
