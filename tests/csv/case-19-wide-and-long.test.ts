// Case 19: a 1,501-column file, a long file, and the column limit.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsvFile } from '@/lib/csv';
import { caseFile, column, mean, readers, values } from './cases';
import { writeLongFile } from './long-file';

const tmp = mkdtempSync(path.join(tmpdir(), 'csv-case19-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(readers)('case 19 through %s', (_, read) => {
  test('the wide file gives 1,501 numeric columns and 60 rows', async () => {
    const result = await read(caseFile('19_wide_and_large_files', 'wide_1500_features.csv'));

    expect(result.columns).toHaveLength(1501);
    expect(result.rowCount).toBe(60);
    expect(result.columns[0].name).toBe('f0000');
    expect(result.columns[1500].name).toBe('y');
    expect(result.columns.every((c) => c.kind === 'numeric' && c.missing === 0)).toBe(true);
    const [f0, f1, y] = ['f0000', 'f0001', 'y'].map((n) => values(result, n) as number[]);
    y.forEach((target, row) => expect(target).toBeCloseTo(f0[row] + 2 * f1[row], 6));
  });

  test('more columns than maxColumns are refused with the count and the limit', async () => {
    const wide = path.join(tmp, 'too-wide.csv');
    const names = Array.from({ length: 5001 }, (_, i) => `c${i}`);
    writeFileSync(wide, `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);

    await expect(read(wide)).rejects.toMatchObject({
      code: 'TOO_MANY_COLUMNS',
      message: 'file has 5,001 columns; the limit is 5,000',
    });
    await expect(read(wide, { maxColumns: 6000 })).resolves.toMatchObject({ rowCount: 1 });
  });
});

describe('case 19 long file', () => {
  test('a 100,000-row file streams through in small chunks with exact statistics', async () => {
    const file = path.join(tmp, 'long.csv');
    await writeLongFile(file, 100_000);

    const result = await readCsvFile(file, { chunkBytes: 64 * 1024 });

    expect(result.rowCount).toBe(100_000);
    expect(mean(result, 'y')).toBe(50_000.5);
    expect(values(result, 'x2')[99_999]).toBe((100_000 * 7) % 101);
    expect(column(result, 'id')).toMatchObject({ kind: 'numeric', missing: 0 });
  }, 30_000);

  // The 2,000,000-row file of the case takes a few seconds of a shared CPU: run it on demand with
  // CSV_LONG_FILE=/tmp/long_2M_rows.csv (written by the case's make_long.py).
  const longFile = process.env.CSV_LONG_FILE;
  (longFile ? test : test.skip)(
    'the 2,000,000-row file of the case reads exactly',
    async () => {
      const result = await readCsvFile(longFile!);
      expect(result.rowCount).toBe(2_000_000);
      expect(mean(result, 'y')).toBe(1_000_000.5);
    },
    120_000,
  );
});
