// Case 06: duplicate, blank, padded, unicode and dotted header names.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, column, readers, values } from './cases';

const file = (name: string) => caseFile('06_header_names', name);

describe.each(readers)('case 06 through %s', (_, read) => {
  test('duplicate and blank names become unique, stable names and each rename is reported', async () => {
    const result = await read(file('duplicate_and_blank_headers.csv'));

    expect(result.columns.map((c) => c.name)).toEqual(['size', 'size_2', 'column_3', 'price']);
    expect(result.columns.map((c) => c.originalName)).toEqual(['size', 'size', '', 'price']);
    expect(values(result, 'size')).toEqual([50, 60, 70]);
    expect(values(result, 'size_2')).toEqual([2, 3, 4]);
    expect(values(result, 'column_3')).toEqual(['a', 'b', 'c']);
    expect(column(result, 'price').kind).toBe('numeric');
    expect(result.warnings.map((w) => [w.code, w.column, w.message])).toEqual([
      ['HEADER_RENAMED', 'size_2', "column 2 repeats the name 'size'; renamed it 'size_2'"],
      ['HEADER_RENAMED', 'column_3', "column 3 has no name; named it 'column_3'"],
    ]);
  });

  test('names are trimmed and keep their unicode and dots', async () => {
    const result = await read(file('whitespace_unicode_dots.csv'));

    expect(result.columns.map((c) => c.name)).toEqual([
      'area m²',
      'no. of rooms',
      'price (€)',
      'Größe.total',
    ]);
    expect(result.columns[0].originalName).toBe(' area m² ');
    expect(result.table.columnNames()).toEqual(result.columns.map((c) => c.name));
    expect(values(result, 'price (€)')).toEqual([100000, 120000, 139000, 161000]);
    expect(values(result, 'Größe.total')).toEqual([1.5, 1.75, 2.0, 2.25]);
    expect(result.warnings.filter((w) => w.code === 'HEADER_RENAMED')).toHaveLength(3);
  });

  test('a prediction file with already-trimmed names gives the same feature names', async () => {
    const training = await read(file('whitespace_unicode_dots.csv'));
    const result = await read(file('predict_header_trimmed.csv'));

    const features = training.columns.map((c) => c.name).filter((n) => n !== 'price (€)');
    expect(result.columns.map((c) => c.name)).toEqual(features);
    expect(result.rowCount).toBe(1);
    expect(result.warnings).toEqual([]);
  });
});
