// Case 03: multi-line quoted cells, doubled quotes, CRLF records with LF inside quotes and back.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { readFileSync } from 'node:fs';
import { parseCsv, toCsvText } from '@/lib/csv';
import { caseFile, mean, readers, values } from './cases';

const file = (name: string) => caseFile('03_quoted_newlines_crlf', name);

describe.each(readers)('case 03 through %s', (_, read) => {
  test('CRLF records with a bare LF inside a quoted cell give 3 rows and no warning', async () => {
    const result = await read(file('crlf_rows_lf_inside_quotes.csv'));

    expect(result.columns.map((c) => c.name)).toEqual(['id', 'comment', 'size', 'price']);
    expect(result.rowCount).toBe(3);
    expect(values(result, 'comment')).toEqual([
      'Sunny flat\nwith balcony',
      'Has "loft", garage',
      'plain',
    ]);
    expect(mean(result, 'size')).toBeCloseTo(61.667, 3);
    expect(mean(result, 'price')).toBe(150000);
    expect(result.warnings).toEqual([]);
  });

  test('LF records with a CRLF inside a quoted cell give 2 rows', async () => {
    const result = await read(file('lf_rows_crlf_inside_quotes.csv'));

    expect(result.columns.map((c) => c.name)).toEqual(['note', 'x', 'y']);
    expect(result.rowCount).toBe(2);
    expect(values(result, 'x')).toEqual([1, 2]);
    expect(values(result, 'y')).toEqual([10, 20]);
    expect(values(result, 'note')[0]).toMatch(/^two\r?\nlines$/);
    expect(result.warnings).toEqual([]);
  });
});

describe('case 03 round trip', () => {
  test.each([
    ['crlf_rows_lf_inside_quotes.csv', '"Sunny flat\nwith balcony"'],
    ['lf_rows_crlf_inside_quotes.csv', '"two\r\nlines"'],
  ])('%s written with toCsvText re-quotes %s and re-parses to the same rows', (name, quoted) => {
    const original = parseCsv(readFileSync(file(name)));
    const text = toCsvText(original.table);
    const again = parseCsv(new TextEncoder().encode(text));

    expect(text).toContain(quoted);
    expect(again.rowCount).toBe(original.rowCount);
    expect(again.table.objects()).toEqual(original.table.objects());
  });
});
