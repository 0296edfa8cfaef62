/** @jest-environment node */
// Split, merge, download, rename and kinds, delete: what each does to stored data, and the shared
// cases where they bite at the route level (round trips through the stored clean CSV).
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { GET as downloadRoute } from '@/app/api/datasets/[id]/download/route';
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from '@/app/api/datasets/[id]/route';
import { GET as rowsRoute } from '@/app/api/datasets/[id]/rows/route';
import { POST as splitRoute } from '@/app/api/datasets/[id]/split/route';
import { POST as mergeRoute } from '@/app/api/datasets/merge/route';
import { POST as uploadRoute } from '@/app/api/datasets/route';
import { createModel, getModel } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import { parseCsv } from '@/lib/csv';
import type { DatasetSchema } from '@/lib/datasets/types';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import { callItem, caseFile, headersFor, storedKeys, uploadRequest } from './datasets-helpers';

useTestDatabase();
let alice: SessionUser;
let bob: SessionUser;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
  bob = await createTestUser({ name: 'Bob' });
});

interface DatasetBody {
  id: string;
  name: string;
  rowCount: number;
  columnCount: number;
  storageKey: string;
  schema: DatasetSchema;
}

async function upload(
  bytes: Uint8Array | string,
  fileName = 'data.csv',
  name = '',
): Promise<DatasetBody> {
  const response = await uploadRoute(
    await uploadRequest(alice, bytes, fileName, { name }),
    undefined,
  );
  const body = await response.json();
  expect(response.status).toBe(201);
  return body.dataset;
}

async function download(id: string, user: SessionUser = alice) {
  return callItem(downloadRoute, id, user, { suffix: '/download' });
}

async function split(id: string, body: unknown, user: SessionUser = alice) {
  const response = await callItem(splitRoute, id, user, { method: 'POST', suffix: '/split', body });
  return { status: response.status, body: await response.json() };
}

async function merge(body: unknown, user: SessionUser = alice) {
  const request = new Request('http://x/api/datasets/merge', {
    method: 'POST',
    headers: { ...(await headersFor(user)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const response = await mergeRoute(request, undefined);
  return { status: response.status, body: await response.json() };
}

/** The ids column of a dataset, read back through its download. */
async function idsOf(id: string): Promise<number[]> {
  const text = await (await download(id)).text();
  return Array.from(parseCsv(Buffer.from(text)).table.array('id') as ArrayLike<number>);
}

describe('split (case 13)', () => {
  let ten: DatasetBody;
  beforeAll(async () => {
    ten = await upload(caseFile('13', 'ten_rows.csv'), 'ten_rows.csv');
  });

  it('splits 0.5 into two disjoint halves named after the source', async () => {
    const { status, body } = await split(ten.id, { testRatio: 0.5, seed: 7 });

    expect(status).toBe(201);
    expect(body.train).toMatchObject({ name: 'ten_rows_train', rowCount: 5 });
    expect(body.test).toMatchObject({ name: 'ten_rows_test', rowCount: 5 });
    const train = await idsOf(body.train.id);
    const test = await idsOf(body.test.id);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(train.filter((id) => test.includes(id))).toEqual([]);
  });

  it('gives the same split for the same seed', async () => {
    const first = await split(ten.id, { testRatio: 0.3, seed: 11 });
    const second = await split(ten.id, { testRatio: 0.3, seed: 11 });

    expect(await idsOf(first.body.test.id)).toEqual(await idsOf(second.body.test.id));
    expect(first.body.test.rowCount).toBe(3);
  });

  it('takes the last rows for testing without shuffle', async () => {
    const { body } = await split(ten.id, { testRatio: 0.2, shuffle: false });
    expect(await idsOf(body.test.id)).toEqual([9, 10]);
  });

  it.each([0, 1, -0.1, 1.5])('refuses ratio %p naming testRatio', async (testRatio) => {
    const { status, body } = await split(ten.id, { testRatio });

    expect(status).toBe(400);
    expect(body.error.fields.testRatio).toBe(
      'testRatio must be strictly between 0 and 1 (1–99 % of rows for testing).',
    );
  });

  it.each([['abc'], [''], [null]])('refuses ratio %p as not a number', async (testRatio) => {
    const { status, body } = await split(ten.id, { testRatio });

    expect(status).toBe(400);
    expect(body.error.fields.testRatio).toMatch(/testRatio must be a number/);
  });

  it('rounds 0.05 of 10 rows to one test row, and refuses a share that empties a part', async () => {
    expect((await split(ten.id, { testRatio: 0.05 })).body.test.rowCount).toBe(1);
    const { status, body } = await split(ten.id, { testRatio: 0.01 });

    expect(status).toBe(422);
    expect(body.error.message).toMatch(/leaves the test part empty/);
  });

  it('refuses a single-row dataset', async () => {
    const one = await upload(caseFile('13', 'single_row.csv'));
    const before = (await storedKeys()).length;
    const { status, body } = await split(one.id, { testRatio: 0.5 });

    expect(status).toBe(422);
    expect(body.error.message).toBe('Need at least 2 rows to split; this dataset has 1.');
    expect((await storedKeys()).length).toBe(before);
  });

  it('answers 404 for another user’s dataset', async () => {
    expect((await split(ten.id, { testRatio: 0.5 }, bob)).status).toBe(404);
  });
});

describe('merge', () => {
  it('appends rows back to the original count, with a union of columns and a note', async () => {
    const cars = await upload(caseFile('03', 'crlf_rows_lf_inside_quotes.csv'), 'a.csv', 'flats');
    const other = await upload('id,size,price,floor\n9,40,90000,3\n', 'b.csv', 'extra');
    const { status, body } = await merge({
      datasetIds: [cars.id, other.id],
      mode: 'append',
      name: 'all flats',
    });

    expect(status).toBe(201);
    expect(body.dataset).toMatchObject({ name: 'all flats', rowCount: 4, columnCount: 5 });
    expect(body.notShared).toEqual([
      { column: 'comment', missingFrom: ['extra'] },
      { column: 'floor', missingFrom: ['flats'] },
    ]);
    expect(body.dataset.schema.origin.note).toMatch(
      /comment \(not in extra\); floor \(not in flats\)/,
    );
    const rows = parseCsv(Buffer.from(await (await download(body.dataset.id)).text()));
    expect(rows.table.array('comment')).toEqual([
      'Sunny flat\nwith balcony',
      'Has "loft", garage',
      'plain',
      null,
    ]);
    expect(rows.table.array('floor')).toEqual([null, null, null, 3]);
  });

  it('appends the two parts of a split back to the original rows', async () => {
    const ten = await upload(caseFile('13', 'ten_rows.csv'), 'ten_rows.csv');
    const parts = (await split(ten.id, { testRatio: 0.2, seed: 3 })).body;
    const { body } = await merge({
      datasetIds: [parts.train.id, parts.test.id],
      mode: 'append',
      name: 'again',
    });

    expect(body.dataset.rowCount).toBe(10);
    expect(body.notShared).toEqual([]);
    expect((await idsOf(body.dataset.id)).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('joins on a key, inner and left', async () => {
    const people = await upload('id,name\n1,Ann\n2,Bo\n3,Cy\n', 'p.csv', 'people');
    const scores = await upload('id,score\n1,10\n3,30\n4,40\n', 's.csv', 'scores');
    const inner = await merge({
      datasetIds: [people.id, scores.id],
      mode: 'join',
      keys: ['id'],
      name: 'inner',
    });
    const left = await merge({
      datasetIds: [people.id, scores.id],
      mode: 'join',
      keys: ['id'],
      how: 'left',
      name: 'left',
    });

    expect(inner.status).toBe(201);
    expect(inner.body.dataset).toMatchObject({ rowCount: 2, columnCount: 3 });
    expect(left.body.dataset).toMatchObject({ rowCount: 3, columnCount: 3 });
    const text = await (await download(left.body.dataset.id)).text();
    // Matched rows first, then the first dataset's rows without a match (empty right-hand cells).
    expect(text).toBe('id,name,score\r\n1,Ann,10\r\n3,Cy,30\r\n2,Bo,\r\n');
  });

  it('names a key column missing from a source', async () => {
    const a = await upload('id,x\n1,2\n', 'a.csv', 'has id');
    const b = await upload('key,y\n1,2\n', 'b.csv', 'no id');
    const { status, body } = await merge({
      datasetIds: [a.id, b.id],
      mode: 'join',
      keys: ['id'],
      name: 'j',
    });

    expect(status).toBe(422);
    expect(body.error.message).toBe('Key column "id" is missing from dataset "no id".');
  });

  it('asks for keys when joining, and for two datasets', async () => {
    const a = await upload('id,x\n1,2\n');
    expect(
      (await merge({ datasetIds: [a.id, a.id], mode: 'join', name: 'j' })).body.error.fields,
    ).toEqual({
      keys: 'Choose at least one key column to join on.',
    });
    expect(
      (await merge({ datasetIds: [a.id], mode: 'append', name: 'j' })).body.error.fields,
    ).toEqual({
      datasetIds: 'Choose at least two datasets to merge.',
    });
  });

  it('answers 404 when one of the datasets is another user’s, storing nothing', async () => {
    const a = await upload('id,x\n1,2\n');
    const before = (await storedKeys()).length;
    const { status } = await merge({ datasetIds: [a.id, a.id], mode: 'append', name: 'm' }, bob);

    expect(status).toBe(404);
    expect((await storedKeys()).length).toBe(before);
  });
});

describe('download and the stored clean CSV', () => {
  it('streams the file with its name, and it re-parses to the same rows (case 03)', async () => {
    const flats = await upload(
      caseFile('03', 'lf_rows_crlf_inside_quotes.csv'),
      'notes.csv',
      'Notes "2024"; ü',
    );
    const response = await download(flats.id);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Notes _2024__ _.csv"; filename*=UTF-8''${encodeURIComponent('Notes "2024"; ü.csv')}`,
    );
    const read = parseCsv(Buffer.from(await response.text()));
    expect(read.rowCount).toBe(2);
    expect(Array.from(read.table.array('x') as ArrayLike<number>)).toEqual([1, 2]);
    expect(String(read.table.array('note')[0])).toContain('\n');
  });

  it('stores a semicolon, decimal-comma file as comma and point (case 01)', async () => {
    const eu = await upload(caseFile('01', 'semicolon_decimal_comma.csv'));
    const text = await (await download(eu.id)).text();

    expect(eu.schema.source).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(eu.schema.columns.map((c) => [c.name, c.kind])).toEqual([
      ['area', 'numeric'],
      ['rooms', 'numeric'],
      ['age', 'numeric'],
      ['price', 'numeric'],
    ]);
    expect(text.split('\r\n')[0]).toBe('area,rooms,age,price');
    expect(text).toContain('72.5,');
    expect(text).toContain('185000.5');
  });

  it('stores a Latin-1 file as UTF-8 and keeps the warning (case 02)', async () => {
    const latin = await upload(caseFile('02', 'latin1_umlauts.csv'));
    const text = await (await download(latin.id)).text();

    expect(text).toContain('Köln');
    expect(text).not.toContain('\ufffd');
    expect(latin.schema.source.encoding).toBe('latin1');
    expect(latin.schema.warnings.map((w) => w.code)).toContain('LATIN1_FALLBACK');
    const bom = await upload(caseFile('02', 'utf8_bom_quoted_header.csv'));
    expect(bom.schema.columns.map((c) => c.name)).toEqual(['id', 'size', 'price']);
  });

  it('shows renamed and trimmed headers the same in schema, preview and file (case 06)', async () => {
    const dup = await upload(caseFile('06', 'duplicate_and_blank_headers.csv'));
    const page = await (await callItem(rowsRoute, dup.id, alice, { suffix: '/rows' })).json();
    const names = dup.schema.columns.map((c) => c.name);

    expect(names).toEqual(['size', 'size_2', 'column_3', 'price']);
    expect(page.columns).toEqual(names);
    expect(page.rows.map((row: string[]) => row[2])).toEqual(['a', 'b', 'c']);
    expect(dup.schema.warnings.filter((w) => w.code === 'HEADER_RENAMED')).toHaveLength(2);
    const spaced = await upload(caseFile('06', 'whitespace_unicode_dots.csv'));
    expect(spaced.schema.columns.map((c) => c.name)).toEqual([
      'area m²',
      'no. of rooms',
      'price (€)',
      'Größe.total',
    ]);
  });

  it('keeps number-like codes exact and non-finite numbers empty (case 08)', async () => {
    const codes = await upload(caseFile('08', 'scientific_inf_codes.csv'));
    const read = parseCsv(Buffer.from(await (await download(codes.id)).text()));

    expect(read.table.array('code')).toEqual(['713752e1', 'A12', '00123', 'B7', 'C9', 'D4']);
    expect(Array.from(read.table.array('conc') as ArrayLike<number>)).toEqual([
      1.5e-7, 250000, -310, 4, 70, 0.001,
    ]);
    expect(codes.schema.warnings.map((w) => w.code)).toContain('NON_FINITE');
  });

  it('accepts 1,501 columns and reports them (case 19)', async () => {
    const wide = await upload(caseFile('19', 'wide_1500_features.csv'));
    expect(wide).toMatchObject({ columnCount: 1501, rowCount: 60 });
  });

  it('answers 404 to another user', async () => {
    const mine = await upload('a,b\n1,2\n');
    expect((await download(mine.id, bob)).status).toBe(404);
  });
});

describe('rename, column kinds and delete', () => {
  it('renames, and overrides a kind by column name, refusing unknown columns', async () => {
    const data = await upload('zip,price\n01234,5\n02345,6\n');
    const patch = (body: unknown) =>
      callItem(patchRoute, data.id, alice, { method: 'PATCH', body });

    const renamed = await (
      await patch({ name: '  <b>Homes</b>  ', kinds: { zip: 'categorical' } })
    ).json();
    expect(renamed.dataset.name).toBe('<b>Homes</b>');
    expect(renamed.dataset.schema.columns[0]).toMatchObject({
      kind: 'categorical',
      detectedKind: 'numeric',
    });

    const unknown = await patch({ kinds: { nope: 'numeric' } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toBe('The dataset has no column "nope".');
    expect(
      (await callItem(patchRoute, data.id, bob, { method: 'PATCH', body: { name: 'x' } })).status,
    ).toBe(404);
  });

  it('refuses making a column numeric while it holds text, naming the count, a value and its row', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 10 === 4 ? 'call us' : 100 + i}`);
    const data = await upload(`id,price\n${rows.join('\n')}\n`);
    expect(data.schema.columns[1]).toMatchObject({ name: 'price', kind: 'categorical' });
    const patch = (body: unknown) =>
      callItem(patchRoute, data.id, alice, { method: 'PATCH', body });

    const refused = await patch({ kinds: { price: 'numeric' } });
    expect(refused.status).toBe(400);
    const { error } = await refused.json();
    expect(error.fields['kinds.price']).toBe(
      "Column 'price' has 3 values that are not numbers, such as 'call us' (row 5); fix them in the file, or keep the column categorical.",
    );
    // Nothing changed: the column is still categorical.
    const kept = await (await callItem(getRoute, data.id, alice)).json();
    expect(kept.dataset.schema.columns[1].kind).toBe('categorical');
    // A column of numbers and missing-value spellings set to categorical may become numeric again.
    const fine = await upload('zip,v\n01234,5\nNA,6\n02345,7\n');
    const patchFine = (kinds: Record<string, string>) =>
      callItem(patchRoute, fine.id, alice, { method: 'PATCH', body: { kinds } });
    expect((await patchFine({ zip: 'categorical' })).status).toBe(200);
    expect((await patchFine({ zip: 'numeric' })).status).toBe(200);
  });

  it('deletes the row and the file; a model trained on it keeps its row with the link cleared', async () => {
    const data = await upload('a,b\n1,2\n3,4\n');
    const model = await createModel(alice.id, {
      name: 'm',
      status: 'COMPLETED',
      datasetId: data.id,
    });

    expect((await callItem(deleteRoute, data.id, bob, { method: 'DELETE' })).status).toBe(404);
    const response = await callItem(deleteRoute, data.id, alice, { method: 'DELETE' });

    expect(response.status).toBe(200);
    expect((await callItem(getRoute, data.id, alice)).status).toBe(404);
    expect(await storedKeys()).not.toContain(data.storageKey);
    expect(await getModel(alice.id, model.id)).toMatchObject({ id: model.id, datasetId: null });
  });
});
