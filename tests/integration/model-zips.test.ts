/** @jest-environment node */
// Hostile and broken model zips through POST /api/models/upload, beyond the shared case 20 that
// models-upload.test.ts covers: each unsafe name, link, count, cut and wrongly typed manifest is
// refused with 400 and the exact message users read, stores nothing, and never answers 500. A zip
// that loads must also predict, or be refused: no model is accepted that fails later.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { GET as listRoute } from '@/app/api/models/route';
import { POST as uploadRoute } from '@/app/api/models/upload/route';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import { useTestDatabase } from '../helpers/db';
import { createCompletedModel } from '../helpers/models';
import { createTestUser, sessionCookie } from '../helpers/session';
import { scratchFiles, uploadRequest } from './datasets-helpers';

useTestDatabase();
jest.setTimeout(30_000);

let alice: SessionUser;
/** A valid model file (gbdt + linear), as the engine saves it. */
let good: Uint8Array;

/** rooms, size and a price that depends on both: 60 rows. */
const trainCsv = [
  'rooms,size,price',
  ...Array.from({ length: 60 }, (_, i) => {
    const rooms = 1 + (i % 6);
    const size = 30 + ((i * 7) % 90);
    return `${rooms},${size},${1000 + rooms * 120 + size * 9}`;
  }),
].join('\n');

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-zips-')), 'train.csv');
  fs.writeFileSync(csv, trainCsv);
  ({ bytes: good } = await createCompletedModel(alice.id, { train: csv, label: 'price' }));
  fs.rmSync(path.dirname(csv), { recursive: true, force: true });
}, 60_000);

async function upload(bytes: Uint8Array) {
  const request = await uploadRequest(alice, bytes, 'hostile.zip', { name: 'hostile' });
  const response = await uploadRoute(request, undefined);
  return { status: response.status, body: await response.json() };
}

async function modelCount(): Promise<number> {
  const request = new Request('http://127.0.0.1:3000/api/models', {
    headers: { cookie: await sessionCookie(alice) },
  });
  return (await (await listRoute(request, undefined)).json()).models.length;
}

async function storedKeys(): Promise<string[]> {
  return (await getStorage().list(`models/${alice.id}/`)).map((o) => o.key).sort();
}

// ---- Zips written byte by byte: names and file modes that zip libraries refuse to write. ----

interface RawEntry {
  name: string;
  data?: Buffer;
  /** Unix mode in the external attributes (0o120777 makes a symbolic link). */
  unixMode?: number;
}

/** A stored (uncompressed) zip of `entries`, with correct sizes and CRCs. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data = Buffer.alloc(0), unixMode = 0o100644 } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE((unixMode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const manifestEntry = (): RawEntry => ({ name: 'manifest.json', data: Buffer.from('{}') });

const unsafePath = (name: string) =>
  `This zip has an entry with an unsafe path ('${name}'): entries must stay inside the archive ` +
  '(no "..", absolute paths, drive letters or backslashes). Nothing was unpacked.';
const notAZip =
  'This file is not a zip archive (or it is damaged or cut off), so it cannot be a Cidra-ML model.';

// ---- The good file with its manifest or arrays changed. ----

type Manifest = {
  formatVersion: unknown;
  preprocessing: { encoders: unknown[] };
  models: { name: string; family: string; parts: { arrays: Record<string, ArrayRef> }[] }[];
  ensemble: { weights: unknown };
  training: Record<string, unknown>;
  [key: string]: unknown;
};
type ArrayRef = { file: string; dtype: string; length: number };

/** The good file after `edit` changed its manifest and, through `zip`, its entries. */
async function edited(
  edit: (manifest: Manifest, zip: JSZip) => void | Promise<void>,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(good);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
  await edit(manifest, zip);
  zip.file('manifest.json', JSON.stringify(manifest));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The array `name` of the first model of `family`. */
function arrayOf(manifest: Manifest, family: string, name: string): ArrayRef {
  const model = manifest.models.find((m) => m.family === family);
  if (!model) throw new Error(`the test model has no ${family} member`);
  return model.parts[0].arrays[name];
}

/** Cuts the array's file and its declared length to `length` values, consistently. */
async function shorten(zip: JSZip, ref: ArrayRef, length: number): Promise<void> {
  const bytes = await zip.file(ref.file)!.async('uint8array');
  const width = bytes.length / ref.length;
  zip.file(ref.file, bytes.subarray(0, length * width));
  ref.length = length;
}

const cannotUse = (reason: string) => `This model file cannot be used: ${reason}.`;
const field = (name: string, problem: string) =>
  cannotUse(`invalid Cidra-ML model file: manifest field '${name}': ${problem}`);

const cases: [string, () => Uint8Array | Promise<Uint8Array>, string][] = [
  // Names that leave the archive, each on its own (case 20's zip_slip has them together).
  [
    'an absolute path',
    () => rawZip([manifestEntry(), { name: '/etc/cron.d/x' }]),
    unsafePath('/etc/cron.d/x'),
  ],
  [
    'a drive letter',
    () => rawZip([manifestEntry(), { name: 'C:/evil.dll' }]),
    unsafePath('C:/evil.dll'),
  ],
  [
    'backslashes',
    () => rawZip([manifestEntry(), { name: '..\\..\\x.txt' }]),
    unsafePath('..\\..\\x.txt'),
  ],
  [
    '.. inside a path',
    () => rawZip([manifestEntry(), { name: 'model/../../x' }]),
    unsafePath('model/../../x'),
  ],
  ['a NUL in a name', () => rawZip([manifestEntry(), { name: 'a\0.bin' }]), unsafePath('a?.bin')],
  [
    'a manifest that is a symbolic link to /etc/passwd',
    () => rawZip([{ name: 'manifest.json', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]),
    "This zip has a symbolic link ('manifest.json'); model files never hold links, so it was refused.",
  ],
  [
    'more entries than the limit',
    () => rawZip(Array.from({ length: 20_001 }, (_, i) => ({ name: `arrays/${i}.bin` }))),
    'This zip holds 20001 entries, more than the limit of 20000 for model files.',
  ],
  // Cut off or damaged archives.
  ['an empty file', () => new Uint8Array(0), notAZip],
  ['the first 100 bytes', () => good.subarray(0, 100), notAZip],
  ['all but the last 10 bytes', () => good.subarray(0, good.length - 10), notAZip],
  [
    'a central directory pointing past the end',
    () => {
      const bytes = Buffer.from(good);
      bytes.writeUInt32LE(bytes.length + 1000, bytes.length - 6);
      return bytes;
    },
    notAZip,
  ],
  // Manifests with wrong types or contents.
  [
    'a manifest that is not JSON',
    () => rawZip([{ name: 'manifest.json', data: Buffer.from('{"format": ') }]),
    cannotUse('not a Cidra-ML model: manifest.json is not valid JSON'),
  ],
  [
    'a manifest that is null',
    () => rawZip([{ name: 'manifest.json', data: Buffer.from('null') }]),
    cannotUse('not a Cidra-ML model: manifest.json does not describe a Cidra-ML model'),
  ],
  [
    'formatVersion as a string',
    () => edited((m) => void (m.formatVersion = '1')),
    cannotUse('unknown model format version "1" (formatVersion must be a whole number)'),
  ],
  [
    'formatVersion missing',
    () => edited((m) => void delete m.formatVersion),
    cannotUse('manifest.json has no formatVersion'),
  ],
  [
    'features that are not an array',
    () => edited((m) => void (m.training.features = 'rooms,size')),
    field('training.features', 'Invalid input: expected array, received string'),
  ],
  [
    'models that are not an array',
    () => edited((m) => void (m.models = {} as Manifest['models'])),
    field('models', 'Invalid input: expected array, received object'),
  ],
  [
    'no encoders',
    () => edited((m) => void (m.preprocessing.encoders = [])),
    field('preprocessing.encoders', 'Too small: expected array to have >=1 items'),
  ],
  [
    'an ensemble weight that is a string',
    () => edited((m) => void (m.ensemble.weights = ['0.5', '0.5'])),
    field('ensemble.weights.0', 'Invalid input: expected number, received string'),
  ],
  [
    'fewer ensemble weights than models',
    () => edited((m) => void (m.ensemble.weights = [1])),
    cannotUse('1 ensemble weights for 2 models'),
  ],
  [
    'an array stored outside arrays/',
    () => edited((m) => void (arrayOf(m, 'gbdt', 'left').file = '../../etc/passwd')),
    field(
      'models.1.parts.0.arrays.left.file',
      'Invalid string: must match pattern /^arrays\\/\\d+\\.bin$/',
    ),
  ],
  [
    'an array entry that is missing',
    () => edited((m) => void (arrayOf(m, 'gbdt', 'left').file = 'arrays/99999.bin')),
    cannotUse('invalid Cidra-ML model file: array entry arrays/99999.bin is missing'),
  ],
  [
    'a tree array shorter than its declared length',
    () => edited((m) => void (arrayOf(m, 'gbdt', 'left').length += 3)),
    cannotUse(
      'invalid Cidra-ML model file: arrays/13.bin holds 4272 bytes, expected 1071 int32 values',
    ),
  ],
  [
    'a tree array of the wrong length',
    () => edited((m, zip) => shorten(zip, arrayOf(m, 'gbdt', 'left'), 1)),
    cannotUse('The tree model in this file is damaged: node arrays have different lengths'),
  ],
  [
    'a tree array of the wrong type',
    () => edited((m) => void (arrayOf(m, 'gbdt', 'left').dtype = 'uint32')),
    cannotUse(
      "The tree model in this file is damaged: array 'left' is missing or of the wrong type",
    ),
  ],
  [
    'linear coefficients of the wrong length',
    () => edited((m, zip) => shorten(zip, arrayOf(m, 'linear', 'coef'), 1)),
    cannotUse("linear model: 'coef' must be 2 float64s"),
  ],
];

describe('refused model zips', () => {
  it.each(cases)('refuses %s with its message, storing nothing', async (_, bytes, message) => {
    const keys = await storedKeys();
    const count = await modelCount();
    const { status, body } = await upload(await bytes());

    expect(status).toBe(400);
    expect(body.error.message).toBe(message);
    expect(body.error.fields.file).toBe(message);
    expect(await modelCount()).toBe(count);
    expect(await storedKeys()).toEqual(keys);
    expect(scratchFiles()).toEqual([]);
  });
});

describe('the unchanged file', () => {
  it('is accepted, so the refusals above come from the changes', async () => {
    const { status, body } = await upload(good);
    expect(status).toBe(201);
    expect(body.model).toMatchObject({ status: 'COMPLETED', label: 'price' });
  });
});

describe('a manifest whose parts disagree', () => {
  it('is refused at upload, not answered 500 at each prediction', async () => {
    const count = await modelCount();
    const bytes = await edited((m) => void m.preprocessing.encoders.pop());
    const { status, body } = await upload(bytes);

    expect(status).toBe(400);
    expect(body.error.message).toBe(
      'This model file is damaged: its models do not match its features, so it cannot predict.',
    );
    expect(await modelCount()).toBe(count);
  });
});

process.stdout.write(`model zips: ${cases.length} hostile inputs\n`);
