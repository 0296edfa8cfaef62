// normaliseCsvFile writes, without building a table, the text csvTextChunks writes of readCsvFile's.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import Papa from 'papaparse';
import { csvTextChunks, normaliseCsvFile, readCsvFile, type CsvOptions } from '@/lib/csv';
import { csvCell } from '@/lib/csv/convert';
import { casesDir } from './cases';

const tmp = mkdtempSync(path.join(tmpdir(), 'csv-normalise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The copy as text, written through a stream that drains slowly (backpressure). */
async function normalise(file: string, options?: CsvOptions) {
  const pieces: string[] = [];
  const out = new PassThrough({ highWaterMark: 1024 });
  out.on('data', (chunk: Buffer) => {
    pieces.push(chunk.toString('utf8'));
    out.pause();
    setImmediate(() => out.resume());
  });
  const result = await normaliseCsvFile(file, out, options);
  out.end();
  await new Promise((resolve) => out.on('end', resolve));
  return { text: pieces.join(''), result };
}

/** What the table path stores: readCsvFile, one-column missing rows dropped, csvTextChunks. */
async function viaTable(file: string, options?: CsvOptions) {
  const read = await readCsvFile(file, options);
  let table = read.table;
  if (table.numCols() === 1) {
    const name = table.columnNames()[0];
    table = table.filter(`d => d['${name}'] != null`).reify();
  }
  return { text: [...csvTextChunks(table)].join(''), read, rows: table.numRows() };
}

/** Every CSV file of the shared cases, small enough for the test. */
function caseFiles(): string[] {
  const files: string[] = [];
  for (const folder of readdirSync(casesDir)) {
    const dir = path.join(casesDir, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (/\.(csv|tsv|txt)$/i.test(name) && statSync(file).size < 5_000_000) files.push(file);
    }
  }
  return files;
}

describe('normaliseCsvFile', () => {
  test.each(caseFiles().map((file) => [path.relative(casesDir, file), file]))(
    '%s: same text, columns and warnings as the table path (or the same error)',
    async (_name, file) => {
      const table = await viaTable(file).catch((error: unknown) => ({ error }));
      if ('error' in table) {
        await expect(normalise(file)).rejects.toEqual(table.error);
        return;
      }
      const { text, result } = await normalise(file);
      expect(text).toBe(table.text);
      expect(result.rowCount).toBe(table.rows);
      expect(result.droppedEmptyRows).toBe(table.read.rowCount - table.rows);
      expect(result.encoding).toBe(table.read.encoding);
      expect(result.delimiter).toBe(table.read.delimiter);
      expect(result.decimal).toBe(table.read.decimal);
      expect(result.warnings).toEqual(table.read.warnings);
      const missing =
        table.rows === table.read.rowCount
          ? table.read.columns
          : table.read.columns.map((c) => ({ ...c, missing: 0 }));
      expect(result.columns).toEqual(missing);
    },
  );

  test('user kinds: cells of a column made numeric that are not numbers are missing, with a warning', async () => {
    const file = path.join(tmp, 'kinds.csv');
    writeFileSync(file, 'code,name\n12,a\nA7,b\n,c\n003,d\n');
    const options: CsvOptions = { kinds: { code: 'numeric', name: 'text' } };
    const { text, result } = await normalise(file, options);
    expect(text).toBe((await viaTable(file, options)).text);
    expect(text).toBe('code,name\r\n12,a\r\n,b\r\n,c\r\n3,d\r\n');
    expect(result.columns[0]).toMatchObject({ kind: 'numeric', missing: 2 });
    expect(result.warnings.map((w) => w.code)).toContain('NOT_A_NUMBER');
  });

  test('chunk boundaries, quoted line breaks, formatted numbers and a semicolon dialect', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      [`"Größe ${i}\r\nzweite ""Zeile""; €"`, `${i},5`, i % 7 ? `${i}%` : 'NA', ` pad ${i} `].join(
        ';',
      ),
    );
    const file = path.join(tmp, 'semicolon.csv');
    writeFileSync(file, `note;x;p;t\r\n${rows.join('\r\n')}\r\n`);
    const options: CsvOptions = { chunkBytes: 1024 };
    const { text, result } = await normalise(file, options);
    expect(text).toBe((await viaTable(file, options)).text);
    expect(result.decimal).toBe(',');
    expect(result.rowCount).toBe(3000);
  });

  test('a one-column file leaves out rows whose only cell is missing, and counts them', async () => {
    const file = path.join(tmp, 'one.csv');
    writeFileSync(file, 'x\n1\nNA\n2.50\n?\n1e3\n');
    const { text, result } = await normalise(file);
    expect(text).toBe((await viaTable(file)).text);
    expect(text).toBe('x\r\n1\r\n2.5\r\n1000\r\n');
    expect(result).toMatchObject({ rowCount: 3, droppedEmptyRows: 2 });
    expect(result.columns[0].missing).toBe(0);
  });

  test('a failing output stops the copy with its error', async () => {
    const file = path.join(tmp, 'long.csv');
    writeFileSync(file, 'a,b\n' + '1,x\n'.repeat(200_000));
    const out = new Writable({
      highWaterMark: 1024,
      write: (_chunk, _encoding, callback) => callback(new Error('disk full')),
    });
    out.on('error', () => undefined);
    await expect(normaliseCsvFile(file, out)).rejects.toThrow('disk full');
  });

  test('csvCell quotes as Papa.unparse does', () => {
    const cells = [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r',
      ' lead',
      'trail ',
      '\uFEFFbom',
      '',
      '\ttab',
      "it's",
      ' ',
    ];
    for (const cell of cells) expect(csvCell(cell)).toBe(Papa.unparse([[cell, 'x']]).slice(0, -2));
  });
});
