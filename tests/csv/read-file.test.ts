// readCsvFile streams in chunks: values cut by chunk boundaries must come out as parseCsv reads them.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv, readCsvFile } from '@/lib/csv';

const tmp = mkdtempSync(path.join(tmpdir(), 'csv-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `bytes` to a fresh file and reads it with 1 KiB chunks, the smallest allowed. */
async function readSmallChunks(name: string, bytes: Uint8Array) {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return readCsvFile(file, { chunkBytes: 1024 });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('readCsvFile with chunks smaller than the file', () => {
  test('multi-line quoted cells, CRLF pairs and multibyte characters across boundaries', async () => {
    const rows = Array.from({ length: 400 }, (_, i) =>
      [i, `"Größe ${i}\r\nzweite ""Zeile"", €"`, (i * 1.5).toFixed(1)].join(','),
    );
    const bytes = utf8(`id,note,x\r\n${rows.join('\r\n')}\r\n`);

    const streamed = await readSmallChunks('boundaries.csv', bytes);
    const whole = parseCsv(bytes);

    expect(streamed.rowCount).toBe(400);
    expect(streamed.table.objects()).toEqual(whole.table.objects());
    expect(streamed.table.get('note', 399)).toBe('Größe 399\r\nzweite "Zeile", €');
    expect(streamed.warnings).toEqual([]);
  });

  test('a file mixing CRLF and LF record ends keeps every row, streamed or in memory', async () => {
    // CRLF first, so CRLF wins detection; LF rows appended later (a hand-edited export).
    const crlf = Array.from({ length: 300 }, (_, i) => `${i},"a\r\nb ${i}",${i * 2}`).join('\r\n');
    const lf = Array.from({ length: 100 }, (_, i) => `${300 + i},plain,${(300 + i) * 2}`).join('\n');
    const bytes = utf8(`id,note,x\r\n${crlf}\r\n${lf}\n`);

    const streamed = await readSmallChunks('mixed-ends.csv', bytes);
    const whole = parseCsv(bytes);

    for (const read of [streamed, whole]) {
      expect(read.rowCount).toBe(400);
      expect(read.columns.map((c) => c.kind)).toEqual(['numeric', 'text', 'numeric']);
      expect(read.table.get('note', 5)).toBe('a\r\nb 5');
      expect(read.table.get('x', 399)).toBe(798);
      expect(read.warnings).toEqual([]);
    }
  });

  test('a Latin-1 byte far into the file restarts the read as Latin-1 and names its line', async () => {
    const ascii = utf8(`city,n\n${'Oslo,1\n'.repeat(1000)}`);
    const latin1 = new Uint8Array([0x4b, 0xf6, 0x6c, 0x6e, 0x2c, 0x32, 0x0a]); // "Köln,2\n"
    const bytes = new Uint8Array([...ascii, ...latin1]);

    const streamed = await readSmallChunks('late-latin1.csv', bytes);

    expect(streamed.encoding).toBe('latin1');
    expect(streamed.table.get('city', 1000)).toBe('Köln');
    expect(streamed.warnings).toEqual([
      expect.objectContaining({ code: 'LATIN1_FALLBACK', line: 1002 }),
    ]);
    expect(streamed.warnings[0].message).toContain('byte 0xF6 on line 1002');
    expect(parseCsv(bytes).warnings).toEqual(streamed.warnings);
  });

  test('errors found in a later chunk carry the same line as with parseCsv', async () => {
    const bytes = utf8(`a,b\n${'1,2\n'.repeat(800)}3,4,5\n`);

    await expect(readSmallChunks('late-ragged.csv', bytes)).rejects.toMatchObject({
      code: 'RAGGED_ROWS',
      line: 802,
    });
  });

  test('a NUL byte past the first chunk is still found, with its offset', async () => {
    const bytes = new Uint8Array([...utf8(`a,b\n${'1,2\n'.repeat(1000)}`), 0, 0x31]);
    const message = 'not a text CSV file: it contains a NUL byte at byte 4004.';

    await expect(readSmallChunks('late-nul.csv', bytes)).rejects.toMatchObject({
      code: 'NOT_TEXT',
      message,
    });
    expect(() => parseCsv(bytes)).toThrow(message);
  });

  test('a file not found is the usual ENOENT, not a CSV error', async () => {
    await expect(readCsvFile(path.join(tmp, 'absent.csv'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('readCsvFile hooks', () => {
  const bytes = utf8(`a,b\n${'1,x\n'.repeat(5000)}`);
  const file = path.join(tmp, 'hooks.csv');
  const numericFile = path.join(tmp, 'hooks-numeric.csv');
  beforeAll(() => {
    writeFileSync(file, bytes);
    writeFileSync(numericFile, utf8(`a,b\n${'1,2\n'.repeat(5000)}`));
  });

  test('progress climbs to the file size in pass 1, then again in pass 2', async () => {
    const seen: string[] = [];
    await readCsvFile(
      file,
      { chunkBytes: 1024 },
      {
        onProgress: ({ pass, bytesRead, sizeBytes }) =>
          seen.push(`${pass}:${bytesRead}/${sizeBytes}`),
      },
    );

    expect(seen.length).toBeGreaterThan(10);
    expect(seen[0]).toBe(`1:1024/${bytes.length}`);
    expect(seen).toContain(`1:${bytes.length}/${bytes.length}`);
    expect(seen[seen.length - 1]).toBe(`2:${bytes.length}/${bytes.length}`);
  });

  test('a file of numeric columns is read once: the first pass already holds the numbers', async () => {
    const passes = new Set<number>();
    const result = await readCsvFile(
      numericFile,
      { chunkBytes: 1024 },
      {
        onProgress: ({ pass }) => passes.add(pass),
      },
    );

    expect([...passes]).toEqual([1]);
    expect(result.table.column('b')).toBeInstanceOf(Float64Array);
    expect(result.table.get('b', 4999)).toBe(2);
  });

  test('an aborted signal stops the read with its reason', async () => {
    const controller = new AbortController();
    const reading = readCsvFile(
      file,
      { chunkBytes: 1024 },
      {
        signal: controller.signal,
        onProgress: ({ bytesRead }) =>
          bytesRead > 4096 && controller.abort(new Error('job cancelled')),
      },
    );

    await expect(reading).rejects.toThrow('job cancelled');
  });
});
