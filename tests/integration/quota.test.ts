/** @jest-environment node */
// The per-user storage quota (USER_QUOTA_BYTES): uploads, splits, merges, model uploads and
// trainings that would take a workspace past it are refused with a message saying how full it is,
// and nothing is stored; other users are not affected.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import path from 'node:path';
import { POST as splitRoute } from '@/app/api/datasets/[id]/split/route';
import { POST as mergeRoute } from '@/app/api/datasets/merge/route';
import { GET as listRoute, POST as uploadRoute } from '@/app/api/datasets/route';
import { POST as trainRoute } from '@/app/api/models/route';
import { POST as modelUploadRoute } from '@/app/api/models/upload/route';
import { createDataset, createModel, createPrediction, deleteDataset } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import { workspaceBytes } from '@/lib/storage/quota';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers, waitFor } from '../helpers/worker';
import {
  callItem,
  headersFor,
  scratchFiles,
  sharedDir,
  storedKeys,
  uploadRequest,
} from './datasets-helpers';

const quota = 40_000;
process.env.USER_QUOTA_BYTES = String(quota);

const database = useTestDatabase();
let alice: SessionUser;
let bob: SessionUser;
let carsId: string;
let carsBytes: number;

const cars = fs.readFileSync(path.join(sharedDir, 'datasets', 'cars.csv'));

async function upload(user: SessionUser, bytes: Uint8Array | string, fileName = 'data.csv') {
  const response = await uploadRoute(await uploadRequest(user, bytes, fileName), undefined);
  return { status: response.status, body: await response.json() };
}

async function postJson(
  handler: (request: Request, context: never) => Promise<Response>,
  url: string,
  user: SessionUser,
  body: unknown,
) {
  const headers = { ...(await headersFor(user)), 'content-type': 'application/json' };
  const request = new Request(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const response = await handler(request, undefined as never);
  return { status: response.status, body: await response.json() };
}

async function datasetNames(user: SessionUser): Promise<string[]> {
  const request = new Request('http://x/api/datasets', { headers: await headersFor(user) });
  const response = await listRoute(request, undefined);
  return ((await response.json()).datasets as { name: string }[]).map((d) => d.name).sort();
}

/** A row claiming `sizeBytes` in alice's workspace, so it is full; removed by the caller. */
async function filler(sizeBytes: number) {
  return createDataset(alice.id, { name: 'filler', storageKey: 'datasets/none.csv', sizeBytes });
}

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  const first = await upload(alice, cars, 'cars.csv');
  expect(first.status).toBe(201);
  carsId = first.body.dataset.id;
  carsBytes = first.body.dataset.sizeBytes;
  // The test relies on one cars.csv fitting the quota and two not.
  expect(carsBytes).toBeLessThan(quota);
  expect(2 * carsBytes).toBeGreaterThan(quota);
});
afterAll(() => stopAllWorkers());

describe('workspaceBytes', () => {
  it("adds up the owner's datasets, model files and prediction files, no one else's", async () => {
    const model = await createModel(bob.id, {
      name: 'm',
      status: 'COMPLETED',
      metadata: { sizeBytes: 1234 },
    });
    await createPrediction(bob.id, {
      modelId: model.id,
      datasetName: 'd',
      result: { sizeBytes: 100 },
    });
    const legacy = await createModel(bob.id, { name: 'old', status: 'COMPLETED', metadata: {} });

    expect(await workspaceBytes(bob.id)).toBe(1334);
    expect(await workspaceBytes(alice.id)).toBe(carsBytes);
    expect(legacy.metadata).toEqual({});
  });
});

describe('a dataset that does not fit', () => {
  it('is refused with 413 saying how full the workspace is, and nothing is stored', async () => {
    const keysBefore = await storedKeys();
    const { status, body } = await upload(alice, cars, 'cars again.csv');

    expect(status).toBe(413);
    expect(body.error.code).toBe('QUOTA_EXCEEDED');
    expect(body.error.message).toMatch(
      /^This needs 2\d KB more, but your workspace holds 2\d KB of its 39 KB quota; delete datasets or models to make room\.$/,
    );
    expect(await storedKeys()).toEqual(keysBefore);
    expect(scratchFiles()).toEqual([]);
    expect(await datasetNames(alice)).toEqual(['cars']);
  });

  it('refuses a split whose parts would not fit, storing neither part', async () => {
    const keysBefore = await storedKeys();
    const response = await callItem(splitRoute, carsId, alice, {
      method: 'POST',
      suffix: '/split',
      body: { testRatio: 0.2, seed: 1, shuffle: true },
    });

    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/of its 39 KB quota; delete datasets/);
    expect(await storedKeys()).toEqual(keysBefore);
    expect(await datasetNames(alice)).toEqual(['cars']);
  });

  it('refuses a merge whose result would not fit, after storing it, and removes the file', async () => {
    const small = await upload(alice, 'Miles_per_Gallon,Name\n18,x\n', 'small.csv');
    expect(small.status).toBe(201);
    const keysBefore = await storedKeys();

    const { status, body } = await postJson(mergeRoute, 'http://x/api/datasets/merge', alice, {
      datasetIds: [carsId, small.body.dataset.id],
      mode: 'append',
      name: 'merged',
    });

    expect({ status, code: body.error?.code }).toEqual({ status: 413, code: 'QUOTA_EXCEEDED' });
    expect(await storedKeys()).toEqual(keysBefore);
    expect(await datasetNames(alice)).toEqual(['cars', 'small']);
  });

  it("leaves other users' room alone", async () => {
    const { status } = await upload(bob, cars, 'cars.csv');
    expect(status).toBe(201);
  });
});

describe('a full workspace', () => {
  it('refuses uploads, model uploads and trainings before reading anything', async () => {
    const full = await filler(2 * 1024 ** 3);
    try {
      const dataset = await upload(alice, 'a,b\n1,2\n', 'tiny.csv');
      expect(dataset.status).toBe(413);
      expect(dataset.body.error.message).toBe(
        'Your workspace holds 2 GB of its 39 KB quota; delete datasets or models to make room.',
      );

      const zip = await modelUploadRoute(
        await uploadRequest(alice, 'PK not really a zip', 'model.zip'),
        undefined,
      );
      expect(zip.status).toBe(413);

      const training = await postJson(trainRoute, 'http://x/api/models', alice, {
        name: 'mpg',
        datasetId: carsId,
        label: 'Miles_per_Gallon',
      });
      expect(training.status).toBe(413);
      expect(training.body.error.message).toMatch(/^Your workspace holds 2 GB of its 39 KB quota/);
      expect(await datasetNames(alice)).toEqual(['cars', 'filler', 'small']);
    } finally {
      await deleteDataset(alice.id, full.id);
    }
  });
});

describe('a training whose model no longer fits when it ends', () => {
  it('fails with the quota message and stores no model file', async () => {
    const worker = startWorker({ DATABASE_URL: database.url(), USER_QUOTA_BYTES: String(quota) });
    await worker.ready;
    const started = await postJson(trainRoute, 'http://x/api/models', alice, {
      name: 'mpg',
      datasetId: carsId,
      label: 'Miles_per_Gallon',
      preset: 'medium_quality',
      timeLimitSec: 10,
      families: ['linear'],
    });
    expect(started.status).toBe(201);
    // The workspace fills up while the model trains.
    const full = await filler(quota);
    try {
      const job = await waitFor(
        'the training job to end',
        async () => {
          const response = await fetchJob(started.body.job.id);
          return ['QUEUED', 'RUNNING'].includes(response.status) ? undefined : response;
        },
        90_000,
        250,
      );
      expect(job.status).toBe('FAILED');
      expect(job.error).toMatch(
        /^This needs .+ more, but your workspace holds .+ of its 39 KB quota/,
      );
      expect(await getStorage().list(`models/${alice.id}/`)).toEqual([]);
    } finally {
      await deleteDataset(alice.id, full.id);
    }
  }, 120_000);
});

async function fetchJob(id: string): Promise<{ status: string; error: string | null }> {
  const { getJobForOwner } = await import('@/lib/queue');
  const row = await getJobForOwner(alice.id, id);
  return { status: row!.status, error: row!.error };
}
