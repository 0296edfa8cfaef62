/** @jest-environment node */
// Model files in and out: a trained model downloads as the engine's zip plus model_info.txt, that
// zip uploads again and predicts identically, and every unsafe or foreign zip (the shared case 20
// among them) is refused with a message, leaving nothing stored, listed or written anywhere.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { GET as downloadRoute } from '@/app/api/models/[id]/download/route';
import { GET as listRoute } from '@/app/api/models/route';
import { POST as uploadRoute } from '@/app/api/models/upload/route';
import { createModel, getModel as getModelRow } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { readCsvFile } from '@/lib/csv';
import { loadModelPredictor } from '@/lib/models/files';
import type { ModelMetadata } from '@/lib/models/metadata';
import { checkModelZip, MODEL_ZIP_MAX_UNCOMPRESSED_BYTES } from '@/lib/models/zip-check';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { startWorker, stopAllWorkers } from '../helpers/worker';
import { scratchFiles, uploadRequest } from './datasets-helpers';
import {
  call,
  casePath,
  modelKeys,
  sharedDir,
  sharedFile,
  train,
  uploadDataset,
  waitForModel,
} from './models-helpers';

const database = useTestDatabase();
let alice: SessionUser;
let bob: SessionUser;
let trained: { id: string; name: string };
let downloaded: Buffer;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
  const datasetId = await uploadDataset(alice, sharedFile('datasets/cars.csv'), 'cars.csv');
  const worker = startWorker({ DATABASE_URL: database.url() });
  await worker.ready;
  const started = await train(alice, {
    name: 'mpg "best"/model',
    description: 'cars, medium',
    datasetId,
    label: 'Miles_per_Gallon',
    preset: 'medium_quality',
    timeLimitSec: 60,
  });
  trained = await waitForModel(alice, started.body.model.id);
  expect(trained).toMatchObject({ status: 'COMPLETED' });
  await stopAllWorkers();
}, 120_000);
afterAll(() => stopAllWorkers());

async function upload(
  bytes: Uint8Array,
  fileName = 'model.zip',
  fields: Record<string, string> = {},
  user = alice,
) {
  const response = await uploadRoute(await uploadRequest(user, bytes, fileName, fields), undefined);
  return { status: response.status, body: await response.json() };
}

async function listedIds(user = alice): Promise<string[]> {
  const body = await (await call((r) => listRoute(r, undefined), user)).json();
  return body.models.map((m: { id: string }) => m.id);
}

describe('downloading a model', () => {
  it('answers the engine zip plus model_info.txt, named after the model', async () => {
    const response = await call(downloadRoute, alice, { id: trained.id });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('mpg "best"_model.zip')}`,
    );
    downloaded = Buffer.from(await response.arrayBuffer());
    const zip = await JSZip.loadAsync(downloaded);
    expect(zip.file('manifest.json')).not.toBeNull();
    const info = await zip.file('model_info.txt')!.async('string');
    expect(info).toContain('Name:          mpg "best"/model');
    expect(info).toContain('Description:   cars, medium');
    expect(info).toContain('Target:        Miles_per_Gallon');
    expect(info).toContain('  Origin: categorical');
    expect(info).toMatch(/RMSE: \d+\.\d+/);
  });

  it('answers 409 for a model still training and 404 to another user', async () => {
    const training = await createModel(alice.id, { name: 'busy', status: 'TRAINING' });
    const busy = await call(downloadRoute, alice, { id: training.id });
    expect(busy.status).toBe(409);
    expect((await busy.json()).error.message).toContain('only completed models can be downloaded');
    expect((await call(downloadRoute, bob, { id: trained.id })).status).toBe(404);
  });
});

describe('uploading a model', () => {
  it('takes a downloaded zip back: same target and features, identical predictions', async () => {
    const { status, body } = await upload(downloaded, 'mpg.zip', {
      name: 'again',
      description: 'uploaded',
    });
    expect(status).toBe(201);
    expect(body.model).toMatchObject({
      name: 'again',
      description: 'uploaded',
      status: 'COMPLETED',
      source: 'uploaded',
      label: 'Miles_per_Gallon',
      datasetId: null,
      preset: 'medium_quality',
      job: null,
      fileName: 'mpg.zip',
    });
    const original = (await getModelRow(alice.id, trained.id))!;
    const copy = (await getModelRow(alice.id, body.model.id))!;
    const { trained: fit } = original.metadata as ModelMetadata;
    expect(body.model.features).toEqual(fit!.features.map(({ name, kind }) => ({ name, kind })));
    expect(copy.storageKey).not.toBe(original.storageKey);

    const { table } = await readCsvFile(`${sharedDir}/datasets/cars.csv`);
    const a = (await loadModelPredictor(original)).predict(table).predictions;
    const b = (await loadModelPredictor(copy)).predict(table).predictions;
    expect(b).toHaveLength(table.numRows());
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('names the model after the file when no name is given', async () => {
    const { status, body } = await upload(downloaded, 'fuel economy.zip');
    expect(status).toBe(201);
    expect(body.model.name).toBe('fuel economy');
  });

  it('loads a zip whose entries sit in one top folder', async () => {
    const source = await JSZip.loadAsync(downloaded);
    const nested = new JSZip();
    for (const [name, entry] of Object.entries(source.files)) {
      if (!entry.dir) nested.file(`my-model/${name}`, await entry.async('uint8array'));
    }
    const { status, body } = await upload(await nested.generateAsync({ type: 'uint8array' }));
    expect(status).toBe(201);
    expect(body.model.label).toBe('Miles_per_Gallon');
  });
});

/** The downloaded zip with its manifest changed by `edit`. */
async function withManifest(
  edit: (manifest: Record<string, unknown>) => void,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(downloaded);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  edit(manifest);
  zip.file('manifest.json', JSON.stringify(manifest));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array' });
}

/**
 * A one-entry zip whose headers declare `declaredBytes` while its deflated data expands to
 * `actualBytes` of zeros: a bomb that lies about its size.
 */
function lyingZip(name: string, declaredBytes: number, actualBytes: number): Buffer {
  const data = zlib.deflateRawSync(Buffer.alloc(actualBytes));
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredBytes, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredBytes, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directoryOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

const canaries = ['/tmp/agapp_zip_slip_canary.txt', '/tmp/agapp_abs_path_canary.txt'];

describe('refused uploads store nothing', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    [
      'a zip with ../ and absolute entries (case 20, zip_slip.zip)',
      () => fs.readFileSync(casePath('20', 'zip_slip.zip')),
      /unsafe path \('\.\.\/\.\.\/.*agapp_zip_slip_canary\.txt'\)/,
    ],
    [
      'a zip with a symbolic link (case 20, zip_symlink.zip)',
      () => fs.readFileSync(casePath('20', 'zip_symlink.zip')),
      /symbolic link \('model\/learner\.pkl'\)/,
    ],
    [
      'a zip bomb (case 20, zip_bomb_1GiB.zip)',
      () => fs.readFileSync(casePath('20', 'zip_bomb_1GiB.zip')),
      /beyond the size limit of 512 MB for model files/,
    ],
    [
      'a zip whose entry expands beyond its declared size',
      () => lyingZip('manifest.json', 1000, 64 * 1024 ** 2),
      /^This zip is damaged: entry 'manifest\.json' cannot be read\.$/,
    ],
    ['a file that is not a zip', () => sharedFile('datasets/cars.csv'), /not a zip archive/],
    [
      'a truncated zip',
      () => downloaded.subarray(0, Math.floor(downloaded.length / 2)),
      /not a zip archive \(or it is damaged or cut off\)/,
    ],
    [
      'a manifest with wrong types',
      () =>
        withManifest((m) => {
          m.label = 42;
          m.ensemble = { weights: 'all' };
        }),
      /^This model file cannot be used: .*(label|ensemble)/,
    ],
    [
      'a newer format version',
      () => withManifest((m) => (m.formatVersion = 2)),
      /cannot be used: model format version 2 is newer than this Cidra-ML can read \(1\)/,
    ],
    [
      'an AutoGluon predictor',
      () =>
        zipOf({
          'ag_model/predictor.pkl': 'pickle',
          'ag_model/learner.pkl': 'pickle',
          'ag_model/version.txt': '1.1.0',
          'ag_model/models/LightGBM/model.pkl': 'pickle',
        }),
      /AutoGluon \(Python\) predictor.*Python pickles.*downloaded from Cidra-ML.*npm run automl -- fit/,
    ],
    [
      'a zip without manifest.json',
      () => zipOf({ 'readme.txt': 'hello', 'data/x.bin': 'x' }),
      /^This zip is not a Cidra-ML model: it has no manifest\.json\.$/,
    ],
  ];

  it.each(cases)('refuses %s', async (_, bytes, message) => {
    const before = await listedIds();
    const keys = await modelKeys(alice.id);
    const { status, body } = await upload(await bytes(), 'evil.zip', { name: 'evil' });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
    expect(body.error.fields.file).toBe(body.error.message);
    expect(await listedIds()).toEqual(before);
    expect(await modelKeys(alice.id)).toEqual(keys);
    expect(scratchFiles()).toEqual([]);
    for (const canary of canaries) expect(fs.existsSync(canary)).toBe(false);
  });

  it('passes the same hand-made zip when its declared size is true', async () => {
    const file = `${os.tmpdir()}/honest-${process.pid}.zip`;
    fs.writeFileSync(file, lyingZip('manifest.json', 1024 ** 2, 1024 ** 2));
    try {
      await expect(checkModelZip(file)).resolves.toMatchObject({
        root: '',
        names: ['manifest.json'],
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('checks the zip bomb from its directory: fast, with little memory', async () => {
    const bytes = fs.readFileSync(casePath('20', 'zip_bomb_1GiB.zip'));
    const rssBefore = process.memoryUsage().rss;
    const began = Date.now();
    const { status } = await upload(bytes);
    const elapsedMs = Date.now() - began;
    const grownBytes = process.memoryUsage().rss - rssBefore;

    expect(status).toBe(400);
    expect(elapsedMs).toBeLessThan(3000);
    expect(grownBytes).toBeLessThan(MODEL_ZIP_MAX_UNCOMPRESSED_BYTES / 4);
    process.stdout.write(`zip bomb refused in ${elapsedMs} ms, RSS grew ${grownBytes} bytes\n`);
  });

  it('asks for a file when none is sent, and names a too-long name', async () => {
    const form = new FormData();
    form.append('name', 'x');
    const { sessionCookie } = await import('../helpers/session');
    const request = new Request('http://127.0.0.1:3000/api/models/upload', {
      method: 'POST',
      body: form,
      headers: { cookie: await sessionCookie(alice) },
    });
    const response = await uploadRoute(request, undefined);
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields.file).toBe('Choose a model .zip file to upload.');

    const long = await upload(downloaded, 'm.zip', { name: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields.name).toBe('Use at most 200 characters for the name.');
  });

  it('answers 401 without a session, and lists uploads only to their owner', async () => {
    const response = await uploadRoute(await uploadRequest(undefined, downloaded), undefined);
    expect(response.status).toBe(401);
    expect(await listedIds(bob)).toEqual([]);
  });
});
