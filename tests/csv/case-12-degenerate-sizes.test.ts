// Case 12: empty file, blank lines only, header only, one row, two rows.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { CsvError } from '@/lib/csv';
import { caseFile, readers, values } from './cases';

const file = (name: string) => caseFile('12_empty_headeronly_singlerow', name);

describe.each(readers)('case 12 through %s', (_, read) => {
  test('a 0-byte file is refused as empty', async () => {
    const error = await read(file('empty_0_bytes.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvError);
    expect(error).toMatchObject({ code: 'EMPTY_FILE', message: 'file is empty (0 bytes)' });
  });

  test('a file of blank lines is refused as empty', async () => {
    await expect(read(file('blank_lines_only.csv'))).rejects.toMatchObject({
      code: 'EMPTY_FILE',
      message: 'file is empty: it holds only blank lines',
    });
  });

  test('a header-only file is refused with "no data rows" naming its columns', async () => {
    await expect(read(file('header_only.csv'))).rejects.toMatchObject({
      code: 'NO_DATA_ROWS',
      line: 1,
      message: 'no data rows: the file has a header (size, price) but no rows below it',
    });
  });

  test('a single row gives one row', async () => {
    const result = await read(file('single_row.csv'));
    expect(result.rowCount).toBe(1);
    expect(values(result, 'size')).toEqual([50]);
    expect(values(result, 'price')).toEqual([100000]);
  });

  test('two rows give two rows', async () => {
    const result = await read(file('two_rows.csv'));
    expect(result.rowCount).toBe(2);
    expect(values(result, 'price')).toEqual([100000, 120000]);
  });
});
