// Case 01: semicolon files with decimal commas, tab files with commas in text, one-column files.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, column, mean, readers, values } from './cases';

const file = (name: string) => caseFile('01_delimiter_dialects', name);

describe.each(readers)('case 01 through %s', (_, read) => {
  test('a semicolon file with decimal commas gives 4 numeric columns and reports the decimal mark', async () => {
    const result = await read(file('semicolon_decimal_comma.csv'));

    expect(result.delimiter).toBe(';');
    expect(result.decimal).toBe(',');
    expect(result.columns.map((c) => c.name)).toEqual(['area', 'rooms', 'age', 'price']);
    expect(result.rowCount).toBe(4);
    expect(values(result, 'area')).toEqual([72.5, 55.0, 98.25, 61.4]);
    expect(mean(result, 'area')).toBeCloseTo(71.7875, 10);
    expect(values(result, 'price')).toEqual([185000.5, 142300.0, 260750.75, 150000.0]);
    expect(mean(result, 'price')).toBeCloseTo(184512.8125, 10);
    expect(result.columns.every((c) => c.kind === 'numeric')).toBe(true);
    expect(column(result, 'area').notes.join()).toMatch(/decimal comma/);
    const warning = result.warnings.find((w) => w.code === 'DECIMAL_COMMA');
    expect(warning?.message).toMatch(/'area', 'price'/);
  });

  test('forcing decimal "." keeps such columns as text and says they look numeric with "," decimals', async () => {
    const result = await read(file('semicolon_decimal_comma.csv'), { decimal: '.' });

    expect(column(result, 'area').kind).not.toBe('numeric');
    expect(column(result, 'area').notes).toContain(
      "looks numeric with ',' decimals, but the file uses '.'; not read as numbers",
    );
  });

  test('a tab file keeps commas and semicolons inside its text values', async () => {
    const result = await read(file('tab_with_commas.tsv'));

    expect(result.delimiter).toBe('\t');
    expect(result.columns.map((c) => c.name)).toEqual(['city', 'description', 'size', 'price']);
    expect(result.rowCount).toBe(3);
    expect(values(result, 'description')[0]).toBe('bright, quiet, near park');
    expect(values(result, 'description')[2]).toBe('large; garden, garage');
    expect(column(result, 'size').kind).toBe('numeric');
    expect(column(result, 'price').kind).toBe('numeric');
    expect(mean(result, 'price')).toBeCloseTo(204666.67, 2);
  });

  test('a one-column file is read as one numeric column, not split on "."', async () => {
    const result = await read(file('single_numeric_column.csv'));

    expect(result.columns.map((c) => c.name)).toEqual(['value']);
    expect(result.rowCount).toBe(3);
    expect(values(result, 'value')).toEqual([12.5, 7.25, 3.0]);
    expect(mean(result, 'value')).toBeCloseTo(7.5833, 4);
    expect(column(result, 'value').kind).toBe('numeric');
  });
});
