// Case 05: rows with more or fewer fields than the header.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, readers, values } from './cases';

const ragged = caseFile('05_ragged_rows', 'ragged.csv');

describe.each(readers)('case 05 through %s', (_, read) => {
  test('a ragged file is refused with each bad line and its field count', async () => {
    await expect(read(ragged)).rejects.toMatchObject({
      name: 'CsvError',
      code: 'RAGGED_ROWS',
      line: 3,
      message:
        '2 rows do not match the header: line 3 has 5 fields, the header has 3; ' +
        'line 4 has 2 fields, the header has 3',
    });
  });

  test('with raggedRows "skip" the bad lines are dropped and listed in a warning', async () => {
    const result = await read(ragged, { raggedRows: 'skip' });

    expect(result.rowCount).toBe(2);
    expect(values(result, 'x1')).toEqual([1, 11]);
    expect(values(result, 'y')).toEqual([3, 13]);
    const all = result.columns.flatMap((c) => values(result, c.name));
    expect(all).not.toContain(7);
    expect(all).not.toContain(8);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'RAGGED_ROWS_SKIPPED',
        line: 3,
        message: expect.stringContaining(
          'line 3 has 5 fields, the header has 3; line 4 has 2 fields',
        ),
      }),
    ]);
  });
});
