/** @jest-environment node */
// Uploading CSV files through POST /api/datasets: what is stored for good files, and that every
// bad file is answered with a message naming the problem (and where) while nothing is stored.
// Jest cannot load arquero's ES module source; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import fs from 'node:fs';
import path from 'node:path';
import { GET as getRows } from '@/app/api/datasets/[id]/rows/route';
import { GET as listRoute, POST as uploadRoute } from '@/app/api/datasets/route';
import { listDatasets } from '@/lib/access';
import type { SessionUser } from '@/lib/auth/session';
import type { DatasetSchema } from '@/lib/datasets/types';
import { useTestDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/session';
import {
  caseFile,
  callItem,
  headersFor,
  scratchFiles,
  sharedDir,
  storedKeys,
  uploadRequest,
} from './datasets-helpers';

useTestDatabase();

let alice: SessionUser;

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice' });
});

async function upload(bytes: Uint8Array | string, fileName = 'data.csv', fields = {}) {
  const response = await uploadRoute(
    await uploadRequest(alice, bytes, fileName, fields),
    undefined,
  );
  return { status: response.status, body: await response.json() };
}

async function rowsOf(id: string, query = 'limit=500') {
  return (await callItem(getRows, id, alice, { suffix: '/rows', query })).json();
}

describe('a good upload', () => {
  it('stores cars.csv with its schema, row and column counts', async () => {
    const bytes = fs.readFileSync(path.join(sharedDir, 'datasets', 'cars.csv'));
    const { status, body } = await upload(bytes, 'cars.csv', { description: 'Classic cars' });

    expect(status).toBe(201);
    expect(body.dataset).toMatchObject({ name: 'cars', description: 'Classic cars' });
    expect(body.dataset).toMatchObject({ rowCount: 406, columnCount: 9, ownerId: alice.id });
    const schema = body.dataset.schema as DatasetSchema;
    const kinds = Object.fromEntries(schema.columns.map((c) => [c.name, c.kind]));
    expect(kinds).toMatchObject({
      Miles_per_Gallon: 'numeric',
      Year: 'datetime',
      Origin: 'categorical',
    });
    const mpg = schema.columns.find((c) => c.name === 'Miles_per_Gallon')!;
    expect(mpg.missing).toBe(8);
    expect(await storedKeys()).toContain(body.dataset.storageKey);
    expect(scratchFiles()).toEqual([]);

    const listed = await (
      await listRoute(
        new Request('http://x/api/datasets', { headers: await headersFor(alice) }),
        undefined,
      )
    ).json();
    expect(listed.datasets.map((d: { id: string }) => d.id)).toContain(body.dataset.id);
  });

  it('pages through the preview', async () => {
    const { body } = await upload(caseFile('13', 'ten_rows.csv'), 'ten_rows.csv', { name: 'ten' });
    const page = await rowsOf(body.dataset.id, 'offset=4&limit=3');

    expect(page.columns[0]).toBe('id');
    expect(page.rows.map((row: string[]) => row[0])).toEqual(['5', '6', '7']);
    expect(page.totalRows).toBe(10);
    expect((await rowsOf(body.dataset.id, 'offset=8&limit=50')).rows).toHaveLength(2);
  });

  it('reads a one-column file back with the rows it stored (case 01)', async () => {
    const single = await upload(caseFile('01', 'single_numeric_column.csv'));
    expect(single.body.dataset).toMatchObject({ rowCount: 3, columnCount: 1 });
    expect((await rowsOf(single.body.dataset.id)).rows).toEqual([['12.5'], ['7.25'], ['3']]);

    const { body } = await upload('value\n1\nNA\n3\n');
    expect(body.dataset.rowCount).toBe(2);
    expect(body.dataset.schema.warnings.map((w: { code: string }) => w.code)).toEqual([
      'EMPTY_ROWS_DROPPED',
    ]);
    expect((await rowsOf(body.dataset.id)).rows).toEqual([['1'], ['3']]);
  });

  it('answers a bad page request with the parameter named', async () => {
    const { body } = await upload('a,b\n1,2\n');
    const response = await callItem(getRows, body.dataset.id, alice, {
      suffix: '/rows',
      query: 'limit=0',
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toHaveProperty('limit');
  });
});

describe('a bad file stores nothing and says why', () => {
  const wide = (columns: number) =>
    Array.from({ length: columns }, (_, i) => `c${i}`).join(',') +
    '\n' +
    Array(columns).fill('1').join(',') +
    '\n';

  const badFiles: [string, Uint8Array | string, RegExp][] = [
    [
      'binary',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /not a text CSV file/,
    ],
    ['empty (0 bytes)', caseFile('12', 'empty_0_bytes.csv'), /file is empty \(0 bytes\)/],
    ['blank lines only', caseFile('12', 'blank_lines_only.csv'), /file is empty/],
    ['header only', caseFile('12', 'header_only.csv'), /no data rows/],
    [
      'ragged rows',
      caseFile('05', 'ragged.csv'),
      /line 3 has 5 fields, the header has 3; line 4 has 2 fields/,
    ],
    ['more than 5,000 columns', wide(5001), /5,001 columns; the limit is 5,000/],
  ];

  it.each(badFiles)('%s', async (_what, bytes, message) => {
    const before = (await listDatasets(alice.id)).length;
    const { status, body } = await upload(bytes, 'bad.csv');

    expect(status).toBe(422);
    expect(body.error.message).toMatch(/^bad\.csv cannot be used: /);
    expect(body.error.message).toMatch(message);
    expect(body.error.message).not.toMatch(/at .*\.ts:\d+/);
    expect((await listDatasets(alice.id)).length).toBe(before);
    expect(scratchFiles()).toEqual([]);
  });

  it('names the line of a ragged row in the field message', async () => {
    const { body } = await upload(caseFile('05', 'ragged.csv'), 'ragged.csv');
    expect(body.error.fields.file).toMatch(/\(line 3\)$/);
  });

  it('leaves no stored file behind for any of them', async () => {
    const keys = await storedKeys();
    const rows = await listDatasets(alice.id);
    // Every stored file belongs to a dataset row: refused uploads added none.
    expect(keys.sort()).toEqual(rows.map((row) => row.storageKey).sort());
  });

  it('asks for a file when the form has none', async () => {
    const form = new FormData();
    form.append('name', 'no file');
    const request = new Request('http://x/api/datasets', {
      method: 'POST',
      body: form,
      headers: await headersFor(alice),
    });
    const response = await uploadRoute(request, undefined);

    expect(response.status).toBe(400);
    expect((await response.json()).error.fields.file).toBe('Choose a CSV file to upload.');
  });

  it('refuses a body that is not multipart form data', async () => {
    const request = new Request('http://x/api/datasets', {
      method: 'POST',
      body: 'a,b\n1,2\n',
      headers: { ...(await headersFor(alice)), 'content-type': 'text/csv' },
    });
    const response = await uploadRoute(request, undefined);

    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/multipart\/form-data/);
  });

  it('answers 401 without a session and reads nothing', async () => {
    const response = await uploadRoute(await uploadRequest(undefined, 'a,b\n1,2\n'), undefined);
    expect(response.status).toBe(401);
  });
});
