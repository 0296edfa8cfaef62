/** @jest-environment node */
// Private workspaces: every API route answers 401 without a session and 404 for another user's
// resource, and the data-access layer never returns, changes or deletes another user's rows.
// Jest cannot load arquero's ES module source (dataset routes read CSV); its CommonJS build is the same.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { GET as downloadDatasetRoute } from '@/app/api/datasets/[id]/download/route';
import {
  DELETE as deleteDatasetRoute,
  GET as getDatasetRoute,
  PATCH as patchDatasetRoute,
} from '@/app/api/datasets/[id]/route';
import {
  GET as datasetProfileRoute,
  POST as startDatasetProfileRoute,
} from '@/app/api/datasets/[id]/profile/route';
import { GET as datasetRowsRoute } from '@/app/api/datasets/[id]/rows/route';
import { POST as splitDatasetRoute } from '@/app/api/datasets/[id]/split/route';
import { POST as mergeDatasetsRoute } from '@/app/api/datasets/merge/route';
import { GET as listDatasetsRoute } from '@/app/api/datasets/route';
import { GET as evaluationRowsRoute } from '@/app/api/evaluations/[id]/rows/route';
import {
  DELETE as deleteEvaluationRoute,
  GET as getEvaluationRoute,
} from '@/app/api/evaluations/[id]/route';
import { GET as listEvaluationsRoute } from '@/app/api/evaluations/route';
import { GET as downloadModelRoute } from '@/app/api/models/[id]/download/route';
import {
  DELETE as deleteModelRoute,
  GET as getModelRoute,
  PATCH as patchModelRoute,
} from '@/app/api/models/[id]/route';
import { POST as uploadModelRoute } from '@/app/api/models/upload/route';
import { GET as listModelsRoute } from '@/app/api/models/route';
import { POST as cancelJobRoute } from '@/app/api/jobs/[id]/cancel/route';
import { GET as jobEventsRoute } from '@/app/api/jobs/[id]/events/route';
import { GET as getJobRoute } from '@/app/api/jobs/[id]/route';
import {
  GET as modelInputsRoute,
  POST as manualPredictRoute,
} from '@/app/api/models/[id]/predict/route';
import { GET as downloadPredictionRoute } from '@/app/api/predictions/[id]/download/route';
import {
  DELETE as deletePredictionRoute,
  GET as getPredictionRoute,
} from '@/app/api/predictions/[id]/route';
import { GET as listPredictionsRoute } from '@/app/api/predictions/route';
import { DELETE as revokeTokenRoute } from '@/app/api/tokens/[id]/route';
import { GET as listTokensRoute } from '@/app/api/tokens/route';
import { POST as apiPredictRoute } from '@/app/api/v1/models/[id]/predict/route';
import { createPrediction, createToken } from '@/lib/access';
import {
  createDataset,
  createEvaluation,
  createModel,
  deleteDataset,
  deleteModel,
  getDataset,
  getJob,
  getModel,
  listDatasets,
  listJobs,
  listModels,
  updateDataset,
  updateModel,
  type Dataset,
  type Model,
} from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jobs, type JobStatus } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createTestUser, sessionCookie } from '../helpers/session';

// Routes that read dataset files find them in a storage folder of this test file.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-isolation-'));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

useTestDatabase();

let alice: SessionUser;
let bob: SessionUser;
let aliceDataset: Dataset;
let aliceModel: Model;
let aliceQueuedJob: { id: string };
let aliceFinishedJob: { id: string };
let aliceEvaluation: { id: string };

async function insertJob(ownerId: string, status: JobStatus) {
  const [job] = await getDb().insert(jobs).values({ ownerId, kind: 'test', status }).returning();
  return job;
}

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  aliceDataset = await createDataset(alice.id, {
    name: 'houses.csv',
    storageKey: 'k/houses.csv',
    rowCount: 2,
    columnCount: 2,
  });
  await getStorage().put('k/houses.csv', Buffer.from('id,price\r\n1,100\r\n2,200\r\n'));
  aliceModel = await createModel(alice.id, {
    name: 'price model',
    status: 'COMPLETED',
    datasetId: aliceDataset.id,
  });
  await createDataset(bob.id, { name: 'bob.csv', storageKey: 'k/bob.csv' });
  aliceQueuedJob = await insertJob(alice.id, 'QUEUED');
  aliceFinishedJob = await insertJob(alice.id, 'COMPLETED');
});

beforeAll(async () => {
  aliceEvaluation = await createEvaluation(alice.id, {
    modelId: aliceModel.id,
    datasetId: aliceDataset.id,
    datasetName: aliceDataset.name,
  });
});

// Predictions and API tokens (the Predicting section and /settings).
let alicePrediction: { id: string };
let aliceToken: { id: string };

beforeAll(async () => {
  alicePrediction = await createPrediction(alice.id, {
    modelId: aliceModel.id,
    datasetId: aliceDataset.id,
    datasetName: aliceDataset.name,
  });
  aliceToken = await createToken(alice.id, {
    name: 'script',
    tokenHash: 'f'.repeat(64),
    prefix: 'cml_abcdef',
  });
});

const missingId = '00000000-0000-4000-8000-000000000000';

describe('the data-access layer', () => {
  it('gives each owner their own rows and null for the other owner’s', async () => {
    expect(await getDataset(alice.id, aliceDataset.id)).toEqual(aliceDataset);
    expect(await getDataset(bob.id, aliceDataset.id)).toBeNull();
    expect(await getModel(alice.id, aliceModel.id)).toEqual(aliceModel);
    expect(await getModel(bob.id, aliceModel.id)).toBeNull();
  });

  it('lists only the owner’s rows', async () => {
    expect((await listDatasets(alice.id)).map((d) => d.name)).toEqual(['houses.csv']);
    expect((await listDatasets(bob.id)).map((d) => d.name)).toEqual(['bob.csv']);
    expect(await listModels(bob.id)).toEqual([]);
  });

  it('neither updates nor deletes another owner’s rows', async () => {
    expect(await updateDataset(bob.id, aliceDataset.id, { name: 'stolen' })).toBeNull();
    expect(await updateModel(bob.id, aliceModel.id, { name: 'stolen' })).toBeNull();
    expect(await deleteDataset(bob.id, aliceDataset.id)).toBeNull();
    expect(await deleteModel(bob.id, aliceModel.id)).toBeNull();

    expect(await getDataset(alice.id, aliceDataset.id)).toEqual(aliceDataset);
    expect(await getModel(alice.id, aliceModel.id)).toEqual(aliceModel);
  });

  it('updates and deletes the owner’s own rows', async () => {
    const dataset = await createDataset(bob.id, { name: 'temp.csv', storageKey: 'k/temp.csv' });

    expect(await updateDataset(bob.id, dataset.id, { name: 'renamed.csv' })).toMatchObject({
      name: 'renamed.csv',
    });
    expect(await deleteDataset(bob.id, dataset.id)).toMatchObject({ id: dataset.id });
    expect(await getDataset(bob.id, dataset.id)).toBeNull();
  });

  it('refuses to attach a model to another owner’s dataset', async () => {
    const error = await createModel(bob.id, {
      name: 'sneaky',
      status: 'TRAINING',
      datasetId: aliceDataset.id,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    expect((error as AppError).fields).toEqual({ datasetId: 'No such dataset.' });
    expect(await listModels(bob.id)).toEqual([]);
  });

  it('treats ids that are not UUIDs as missing rather than failing', async () => {
    expect(await getDataset(alice.id, 'not-a-uuid')).toBeNull();
    expect(await getModel(alice.id, "1' OR '1'='1")).toBeNull();
    expect(await listDatasets('not-a-uuid')).toEqual([]);
  });

  it('shows jobs only to their owner', async () => {
    const job = aliceQueuedJob;

    expect(await getJob(alice.id, job.id)).toMatchObject({ id: job.id, kind: 'test' });
    expect(await getJob(bob.id, job.id)).toBeNull();
    expect((await listJobs(alice.id)).map((j) => j.id).sort()).toEqual(
      [aliceQueuedJob.id, aliceFinishedJob.id].sort(),
    );
    expect(await listJobs(bob.id)).toEqual([]);
  });
});

type Handler = (
  request: Request,
  context: { params: Promise<{ id: string }> },
) => Promise<Response>;

/**
 * Every API route on an owned resource: how to call it for a given id. `id` is a resource of
 * Alice's that Alice may act on (a finished job for cancel, so that no worker is involved).
 */
const itemRoutes: {
  name: string;
  /** The route's folder under app/api. */
  folder: string;
  handler: Handler;
  path: string;
  method?: string;
  id: () => string;
  /**
   * What the owner gets: a status other than 200 when the call carries no body, the text that
   * proves it is the resource (default: its id), or `skip` when the owner's call would destroy
   * the shared fixture (DELETE: the owner's case is in tests/integration/datasets-*.test.ts).
   */
  owner?: { status?: number; contains?: () => string } | 'skip';
}[] = [
  {
    name: 'GET /api/datasets/:id',
    folder: 'datasets/[id]',
    handler: getDatasetRoute,
    path: 'datasets',
    id: () => aliceDataset.id,
  },
  {
    name: 'PATCH /api/datasets/:id',
    folder: 'datasets/[id]',
    handler: patchDatasetRoute,
    path: 'datasets',
    method: 'PATCH',
    id: () => aliceDataset.id,
    owner: { status: 400, contains: () => 'JSON' },
  },
  {
    name: 'DELETE /api/datasets/:id',
    folder: 'datasets/[id]',
    handler: deleteDatasetRoute,
    path: 'datasets',
    method: 'DELETE',
    id: () => aliceDataset.id,
    owner: 'skip',
  },
  {
    name: 'GET /api/datasets/:id/rows',
    folder: 'datasets/[id]/rows',
    handler: datasetRowsRoute,
    path: 'datasets',
    id: () => aliceDataset.id,
  },
  {
    name: 'GET /api/datasets/:id/download',
    folder: 'datasets/[id]/download',
    handler: downloadDatasetRoute,
    path: 'datasets',
    id: () => aliceDataset.id,
    owner: { contains: () => 'id,price\r\n1,100' },
  },
  {
    name: 'GET /api/datasets/:id/profile',
    folder: 'datasets/[id]/profile',
    handler: datasetProfileRoute,
    path: 'datasets',
    id: () => aliceDataset.id,
  },
  {
    name: 'POST /api/datasets/:id/profile',
    folder: 'datasets/[id]/profile',
    handler: startDatasetProfileRoute,
    path: 'datasets',
    method: 'POST',
    id: () => aliceDataset.id,
    owner: { status: 202 },
  },
  {
    name: 'POST /api/datasets/:id/split',
    folder: 'datasets/[id]/split',
    handler: splitDatasetRoute,
    path: 'datasets',
    method: 'POST',
    id: () => aliceDataset.id,
    owner: { status: 400, contains: () => 'JSON' },
  },
  {
    // The ids travel in the body: the dataset is merged with itself.
    name: 'POST /api/datasets/merge',
    folder: 'datasets/merge',
    handler: async (request, { params }) => {
      const { id } = await params;
      const body = JSON.stringify({ datasetIds: [id, id], mode: 'append', name: 'merged' });
      const headers = new Headers(request.headers);
      headers.set('content-type', 'application/json');
      const post = new Request('http://127.0.0.1:3000/api/datasets/merge', {
        method: 'POST',
        headers,
        body,
      });
      return mergeDatasetsRoute(post, undefined);
    },
    path: 'datasets/merge',
    method: 'POST',
    id: () => aliceDataset.id,
    owner: { status: 201 },
  },
  {
    name: 'GET /api/models/:id',
    folder: 'models/[id]',
    handler: getModelRoute,
    path: 'models',
    id: () => aliceModel.id,
  },
  {
    name: 'PATCH /api/models/:id',
    folder: 'models/[id]',
    handler: patchModelRoute,
    path: 'models',
    method: 'PATCH',
    id: () => aliceModel.id,
    owner: { status: 400, contains: () => 'JSON' },
  },
  {
    name: 'DELETE /api/models/:id',
    folder: 'models/[id]',
    handler: deleteModelRoute,
    path: 'models',
    method: 'DELETE',
    id: () => aliceModel.id,
    owner: 'skip',
  },
  {
    // The fixture model has no file: the owner learns that, another user only 404.
    name: 'GET /api/models/:id/download',
    folder: 'models/[id]/download',
    handler: downloadModelRoute,
    path: 'models',
    id: () => aliceModel.id,
    owner: { status: 409, contains: () => 'not finished' },
  },
  {
    name: 'GET /api/evaluations/:id',
    folder: 'evaluations/[id]',
    handler: getEvaluationRoute,
    path: 'evaluations',
    id: () => aliceEvaluation.id,
  },
  {
    name: 'DELETE /api/evaluations/:id',
    folder: 'evaluations/[id]',
    handler: deleteEvaluationRoute,
    path: 'evaluations',
    method: 'DELETE',
    id: () => aliceEvaluation.id,
    owner: 'skip',
  },
  {
    // Still queued: the owner is told the rows come once it has completed.
    name: 'GET /api/evaluations/:id/rows',
    folder: 'evaluations/[id]/rows',
    handler: evaluationRowsRoute,
    path: 'evaluations',
    id: () => aliceEvaluation.id,
    owner: { status: 409, contains: () => 'completed' },
  },
  {
    name: 'GET /api/jobs/:id',
    folder: 'jobs/[id]',
    handler: getJobRoute,
    path: 'jobs',
    id: () => aliceQueuedJob.id,
  },
  {
    name: 'POST /api/jobs/:id/cancel',
    folder: 'jobs/[id]/cancel',
    handler: cancelJobRoute,
    path: 'jobs',
    method: 'POST',
    id: () => aliceFinishedJob.id,
  },
  {
    // A finished job: the event stream sends its state once and ends.
    name: 'GET /api/jobs/:id/events',
    folder: 'jobs/[id]/events',
    handler: jobEventsRoute,
    path: 'jobs',
    id: () => aliceFinishedJob.id,
  },
  {
    name: 'GET /api/predictions/:id',
    folder: 'predictions/[id]',
    handler: getPredictionRoute,
    path: 'predictions',
    id: () => alicePrediction.id,
  },
  {
    name: 'DELETE /api/predictions/:id',
    folder: 'predictions/[id]',
    handler: deletePredictionRoute,
    path: 'predictions',
    method: 'DELETE',
    id: () => alicePrediction.id,
    owner: 'skip',
  },
  {
    // Still queued: the owner is told the file exists once it completes.
    name: 'GET /api/predictions/:id/download',
    folder: 'predictions/[id]/download',
    handler: downloadPredictionRoute,
    path: 'predictions',
    id: () => alicePrediction.id,
    owner: { status: 409, contains: () => 'queued' },
  },
  {
    // The fixture model has no file, so its inputs cannot be read.
    name: 'GET /api/models/:id/predict',
    folder: 'models/[id]/predict',
    handler: modelInputsRoute,
    path: 'models',
    id: () => aliceModel.id,
    owner: { status: 409, contains: () => 'not finished' },
  },
  {
    name: 'POST /api/models/:id/predict',
    folder: 'models/[id]/predict',
    handler: manualPredictRoute,
    path: 'models',
    method: 'POST',
    id: () => aliceModel.id,
    owner: { status: 400, contains: () => 'JSON' },
  },
  {
    name: 'POST /api/v1/models/:id/predict',
    folder: 'v1/models/[id]/predict',
    handler: apiPredictRoute,
    path: 'v1/models',
    method: 'POST',
    id: () => aliceModel.id,
    owner: { status: 400, contains: () => 'JSON' },
  },
  {
    name: 'DELETE /api/tokens/:id',
    folder: 'tokens/[id]',
    handler: revokeTokenRoute,
    path: 'tokens',
    method: 'DELETE',
    id: () => aliceToken.id,
    owner: 'skip',
  },
];
const listRoutes: {
  name: string;
  folder: string;
  handler: (request: Request) => Promise<Response>;
  key: string;
}[] = [
  {
    name: 'GET /api/datasets',
    folder: 'datasets',
    handler: (r) => listDatasetsRoute(r, undefined),
    key: 'datasets',
  },
  {
    name: 'GET /api/evaluations',
    folder: 'evaluations',
    handler: (r) => listEvaluationsRoute(r, undefined),
    key: 'evaluations',
  },
  {
    name: 'GET /api/models',
    folder: 'models',
    handler: (r) => listModelsRoute(r, undefined),
    key: 'models',
  },
  {
    name: 'GET /api/predictions',
    folder: 'predictions',
    handler: (r) => listPredictionsRoute(r, undefined),
    key: 'predictions',
  },
  {
    name: 'GET /api/tokens',
    folder: 'tokens',
    handler: (r) => listTokensRoute(r, undefined),
    key: 'tokens',
  },
];

async function call(
  { handler, path, method = 'GET' }: { handler: Handler; path: string; method?: string },
  id: string,
  user?: SessionUser,
) {
  const headers = user ? { cookie: await sessionCookie(user) } : undefined;
  const request = new Request(`http://127.0.0.1:3000/api/${path}/${id}`, { method, headers });
  const response = await handler(request, { params: Promise.resolve({ id }) });
  // Errors are JSON; a success may be a stream (server-sent events), read here to its end.
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json');
  return { status: response.status, text, body: isJson ? JSON.parse(text) : undefined };
}

describe.each(itemRoutes)('$name', (route) => {
  const { id } = route;
  it('answers 401 as JSON without a session', async () => {
    const { status, body } = await call(route, id());
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 404 for another user’s resource, without any of its data', async () => {
    const { status, body, text } = await call(route, id(), bob);
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(text).not.toContain(id());
  });

  it('answers 404 for a missing or malformed id', async () => {
    expect((await call(route, missingId, alice)).status).toBe(404);
    expect((await call(route, 'nonsense', alice)).status).toBe(404);
  });

  const owner = route.owner === 'skip' ? undefined : (route.owner ?? {});
  (owner ? it : it.skip)('answers the resource to its owner', async () => {
    const { status, text } = await call(route, id(), alice);
    expect(status).toBe(owner?.status ?? 200);
    expect(text).toContain(owner?.contains?.() ?? id());
  });
});

describe.each(listRoutes)('$name', ({ handler, key }) => {
  const request = async (user?: SessionUser) =>
    new Request('http://127.0.0.1:3000/api/x', {
      headers: user ? { cookie: await sessionCookie(user) } : undefined,
    });

  it('answers 401 as JSON without a session', async () => {
    const response = await handler(await request());
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it('lists only the session user’s rows', async () => {
    const aliceRows = (await (await handler(await request(alice))).json())[key];
    const bobRows = (await (await handler(await request(bob))).json())[key];

    expect(aliceRows.length).toBeGreaterThan(0);
    expect(aliceRows.every((row: { ownerId: string }) => row.ownerId === alice.id)).toBe(true);
    expect(bobRows.every((row: { ownerId: string }) => row.ownerId === bob.id)).toBe(true);
  });
});

/**
 * Routes without an id that only create or read the session user's own rows (their owner
 * scoping is tested in their feature's tests, e.g. models-upload.test.ts): they need a session.
 */
const sessionRoutes: {
  name: string;
  folder: string;
  handler: (request: Request) => Promise<Response>;
}[] = [
  {
    name: 'POST /api/models/upload',
    folder: 'models/upload',
    handler: (r) => uploadModelRoute(r, undefined),
  },
];

describe.each(sessionRoutes)('$name', ({ handler }) => {
  it('answers 401 as JSON without a session', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.zip');
    const response = await handler(
      new Request('http://127.0.0.1:3000/api/x', { method: 'POST', body: form }),
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  });
});

describe('cancelling another user’s job', () => {
  it('answers 404 and leaves the job running its course', async () => {
    const request = new Request(`http://127.0.0.1:3000/api/jobs/${aliceQueuedJob.id}/cancel`, {
      method: 'POST',
      headers: { cookie: await sessionCookie(bob) },
    });
    const response = await cancelJobRoute(request, {
      params: Promise.resolve({ id: aliceQueuedJob.id }),
    });

    expect(response.status).toBe(404);
    expect(await getJob(alice.id, aliceQueuedJob.id)).toMatchObject({
      status: 'QUEUED',
      cancelRequested: false,
    });
  });
});

describe('coverage of this file', () => {
  /** Routes reachable without a session, on purpose. */
  const publicRoutes = ['auth/[...nextauth]', 'register'];
  const covered = [
    ...new Set([...itemRoutes, ...listRoutes, ...sessionRoutes].map((route) => route.folder)),
  ];

  function routeFolders(dir: string, prefix = ''): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (!entry.isDirectory()) return [];
      const folder = prefix ? `${prefix}/${entry.name}` : entry.name;
      const here = fs.existsSync(path.join(dir, entry.name, 'route.ts')) ? [folder] : [];
      return [...here, ...routeFolders(path.join(dir, entry.name), folder)];
    });
  }

  it('tests every API route: a new route must join itemRoutes or listRoutes (or publicRoutes)', () => {
    const routes = routeFolders(path.join(process.cwd(), 'app/api')).sort();
    expect(routes).toEqual([...publicRoutes, ...covered].sort());
  });
});
