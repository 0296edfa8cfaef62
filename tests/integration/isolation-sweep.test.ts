/** @jest-environment node */
// The isolation sweep: every route handler under app/api, found by walking the folder rather than
// listed by hand, is called with every HTTP method it exports, as nobody (401) and as Bob with
// Alice's ids in its dynamic segments (404, none of Alice's names or values in the answer). A
// route whose dynamic segment this file cannot fill fails the sweep until it is mapped below.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POST as startEvaluationRoute } from '@/app/api/evaluations/route';
import { POST as startPredictionRoute } from '@/app/api/predictions/route';
import { POST as createTokenRoute } from '@/app/api/tokens/route';
import evaluateJob from '@/jobs/handlers/evaluate';
import predictJob from '@/jobs/handlers/predict';
import { runJob } from '@/jobs/runner';
import { getDataset, getEvaluation, getModel, getPrediction } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser, sessionCookie } from '../helpers/session';
import { headersFor } from './datasets-helpers';
import { uploadDataset } from './evaluations-helpers';

useTestDatabase();
jest.setTimeout(60_000);

const apiDir = path.join(process.cwd(), 'app', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** Routes reachable without a session on purpose, each with the reason. */
const PUBLIC_ROUTES: Record<string, string> = {
  'auth/[...nextauth]': 'next-auth itself: sign-in, sign-out, session and CSRF endpoints',
  register: 'creates an account, so it must work before anyone is signed in',
};

/** Alice's resources; the keys are what a dynamic segment's parent folder names. */
type Resource = 'datasets' | 'models' | 'evaluations' | 'predictions' | 'jobs' | 'tokens';

/**
 * Which of Alice's ids fills `[id]`, by the folder just above it (`models/[id]/predict` and
 * `v1/models/[id]/predict` both take a model id). A new dynamic segment must be added here.
 */
const SEGMENT_RESOURCES: Record<string, Resource> = {
  'datasets/[id]': 'datasets',
  'models/[id]': 'models',
  'evaluations/[id]': 'evaluations',
  'predictions/[id]': 'predictions',
  'jobs/[id]': 'jobs',
  'tokens/[id]': 'tokens',
};

// Alice's data: names and values unlike anything Bob has, so a leak is found by searching text.
const SECRET = 'qx7-alice-only';
const aliceCsv = [
  `${SECRET}_rooms,${SECRET}_city,price`,
  ...Array.from({ length: 40 }, (_, i) => `${1 + (i % 5)},Town${SECRET}${i % 3},${1000 + i * 37}`),
].join('\n');

let alice: SessionUser;
let bob: SessionUser;
const ids = {} as Record<Resource, string>;
/** Strings that only Alice's data contains; no answer to Bob or nobody may include any. */
let markers: string[];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-sweep-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function post(
  handler: (r: Request, c: undefined) => Promise<Response>,
  user: SessionUser,
  body: unknown,
) {
  const headers = { ...(await headersFor(user)), 'content-type': 'application/json' };
  const request = new Request('http://127.0.0.1:3000/api/x', {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const response = await handler(request, undefined);
  if (response.status >= 300) throw new Error(`set-up call failed: ${await response.text()}`);
  return response.json();
}

async function runInProcess(jobId: string) {
  const handlers = { evaluate: evaluateJob, predict: predictJob };
  await runJob(jobId, { handlers, heartbeatSec: 5, log });
}

beforeAll(async () => {
  alice = await createTestUser({ name: `Alice ${SECRET}` });
  bob = await createTestUser({ name: 'Bob' });

  // A dataset, a completed model fitted on it, a completed evaluation and prediction, a token.
  const dataset = await uploadDataset(alice, aliceCsv, `dataset ${SECRET}`);
  ids.datasets = dataset.id;
  const csvFile = path.join(dataDir, 'alice.csv');
  fs.writeFileSync(csvFile, aliceCsv);
  const { model } = await createCompletedModel(alice.id, {
    train: csvFile,
    label: 'price',
    name: `model ${SECRET}`,
    datasetId: dataset.id,
  });
  ids.models = model.id;
  const pair = { modelId: model.id, datasetId: dataset.id };
  const evaluation = await post(startEvaluationRoute, alice, pair);
  await runInProcess(evaluation.job.id);
  ids.evaluations = evaluation.evaluation.id;
  const prediction = await post(startPredictionRoute, alice, pair);
  await runInProcess(prediction.prediction.job.id);
  ids.predictions = prediction.prediction.id;
  ids.jobs = prediction.prediction.job.id;
  const token = await post(createTokenRoute, alice, { name: `token ${SECRET}` });
  ids.tokens = token.token.id;

  markers = [SECRET, alice.email, ...Object.values(ids)];
}, 60_000);

/** A route file: its folder under app/api (`datasets/[id]/rows`) and its exported methods. */
interface RouteFile {
  folder: string;
  methods: Method[];
  handlers: Partial<Record<Method, Function>>;
}

function routeFolders(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const folder = prefix ? `${prefix}/${entry.name}` : entry.name;
    const here = fs.existsSync(path.join(dir, entry.name, 'route.ts')) ? [folder] : [];
    return [...here, ...routeFolders(path.join(dir, entry.name), folder)];
  });
}

// Found when the file loads, so that each route and method is a test of its own.
const allFolders = routeFolders(apiDir).sort();
const sweptFolders = allFolders.filter((folder) => !(folder in PUBLIC_ROUTES));

async function loadRoute(folder: string): Promise<RouteFile> {
  const module = (await import(path.join(apiDir, folder, 'route.ts'))) as Record<string, unknown>;
  const handlers: RouteFile['handlers'] = {};
  for (const method of METHODS) {
    if (typeof module[method] === 'function') handlers[method] = module[method] as Function;
  }
  return { folder, methods: METHODS.filter((m) => handlers[m]), handlers };
}

/** `[id]` segments of a folder with the resource each one takes; throws when one is unmapped. */
function dynamicSegments(folder: string): { segment: string; resource: Resource }[] {
  const parts = folder.split('/');
  return parts.flatMap((part, i) => {
    if (!part.startsWith('[')) return [];
    const key = `${parts[i - 1]}/${part}`;
    const resource = SEGMENT_RESOURCES[key];
    if (!resource) {
      throw new Error(
        `app/api/${folder}/route.ts has the dynamic segment '${key}', which the isolation sweep ` +
          'cannot fill: add it to SEGMENT_RESOURCES in tests/integration/isolation-sweep.test.ts ' +
          '(or to PUBLIC_ROUTES with a reason, if it is public on purpose).',
      );
    }
    return [{ segment: part, resource }];
  });
}

/**
 * A body for state-changing methods that carries Alice's ids wherever a route reads them, so
 * routes taking ids in the body (merge, evaluations, predictions, training) are swept as well.
 */
function hostileBody(): string {
  return JSON.stringify({
    name: 'swept',
    modelId: ids.models,
    datasetId: ids.datasets,
    datasetIds: [ids.datasets, ids.datasets],
    mode: 'append',
    label: 'price',
    preset: 'medium_quality',
    timeLimitSec: 10,
    rows: [{ price: 1 }],
  });
}

async function call(route: RouteFile, method: Method, user?: SessionUser) {
  const segments = dynamicSegments(route.folder);
  let url = `http://127.0.0.1:3000/api/${route.folder}`;
  const params: Record<string, string> = {};
  for (const { segment, resource } of segments) {
    url = url.replace(segment, ids[resource]);
    params[segment.slice(1, -1)] = ids[resource];
  }
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user) } : {};
  const hasBody = method !== 'GET' && method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  const request = new Request(url, { method, headers, body: hasBody ? hostileBody() : undefined });
  const handler = route.handlers[method] as (r: Request, c: unknown) => Promise<Response>;
  const response = await handler(request, { params: Promise.resolve(params) });
  // Read to the end (an event stream of a finished job ends by itself).
  const text = await response.text();
  return { status: response.status, text };
}

function leaked(text: string): string[] {
  return markers.filter((marker) => text.includes(marker));
}

describe('the route tree', () => {
  it('is found: routes with and without dynamic segments', () => {
    expect(sweptFolders.length).toBeGreaterThan(20);
    expect(sweptFolders).toContain('datasets/[id]/rows');
    expect(sweptFolders).toContain('v1/models/[id]/predict');
  });

  it.each(sweptFolders)('%s: every dynamic segment maps to one of Alice’s resources', (folder) => {
    expect(() => dynamicSegments(folder)).not.toThrow();
  });

  it('names the public routes it leaves out, and each one exists', () => {
    for (const folder of Object.keys(PUBLIC_ROUTES)) expect(allFolders).toContain(folder);
  });
});

const swept: string[] = [];

describe.each(sweptFolders)('/api/%s', (folder) => {
  let route: RouteFile;
  beforeAll(async () => {
    route = await loadRoute(folder);
  });

  it('exports at least one HTTP method', () => {
    expect(route.methods.length).toBeGreaterThan(0);
  });

  it('answers 401 to nobody, for every method, without Alice’s data', async () => {
    for (const method of route.methods) {
      const { status, text } = await call(route, method);
      expect({ method, status, leaked: leaked(text) }).toEqual({ method, status: 401, leaked: [] });
    }
  });

  it('answers Bob 404 for Alice’s ids (or refuses without her data), for every method', async () => {
    const dynamic = dynamicSegments(folder).length > 0;
    for (const method of route.methods) {
      const { status, text } = await call(route, method, bob);
      swept.push(`${method} /api/${folder}`);
      expect({ method, leaked: leaked(text) }).toEqual({ method, leaked: [] });
      if (dynamic) expect({ method, status }).toEqual({ method, status: 404 });
      else expect({ method, status: status < 500 }).toEqual({ method, status: true });
    }
  });

  // A 404 for Bob proves nothing if the id were wrong: Alice reads the same URL.
  it('answers Alice something other than 404 on GET (the ids are the right ones)', async () => {
    if (!route.methods.includes('GET')) return;
    const { status } = await call(route, 'GET', alice);
    expect(status).not.toBe(404);
    expect(status).toBeLessThan(500);
  });
});

describe('after the sweep', () => {
  it('left every resource of Alice’s in place', async () => {
    expect(await getDataset(alice.id, ids.datasets)).not.toBeNull();
    expect(await getModel(alice.id, ids.models)).not.toBeNull();
    expect(await getEvaluation(alice.id, ids.evaluations)).toMatchObject({ status: 'COMPLETED' });
    expect(await getPrediction(alice.id, ids.predictions)).toMatchObject({ status: 'COMPLETED' });
    process.stdout.write(`isolation sweep: ${swept.length} route methods swept\n`);
  });
});
