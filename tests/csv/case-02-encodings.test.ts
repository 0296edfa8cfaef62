// Case 02: a UTF-8 BOM before a quoted header, and a Latin-1 file from Excel on Windows.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, column, mean, readers, values } from './cases';

const file = (name: string) => caseFile('02_encodings_bom_latin1', name);

describe.each(readers)('case 02 through %s', (_, read) => {
  test('the BOM is dropped and quoted header names come out clean', async () => {
    const result = await read(file('utf8_bom_quoted_header.csv'));

    expect(result.columns.map((c) => c.name)).toEqual(['id', 'size', 'price']);
    expect(result.columns[0].name).toHaveLength(2);
    expect(result.columns[0].originalName).toBe('id');
    expect(result.encoding).toBe('utf-8');
    expect(result.rowCount).toBe(3);
    expect(mean(result, 'price')).toBeCloseTo(129833.33, 2);
    expect(Math.min(...(values(result, 'price') as number[]))).toBe(100000);
    expect(Math.max(...(values(result, 'price') as number[]))).toBe(158500);
    expect(result.warnings).toEqual([]);
  });

  test('a Latin-1 file is decoded as Latin-1 with a warning naming the first bad byte', async () => {
    const result = await read(file('latin1_umlauts.csv'));

    expect(result.encoding).toBe('latin1');
    expect(result.columns.map((c) => c.name)).toEqual(['Ort', 'Fläche', 'Preis']);
    expect(values(result, 'Ort')).toEqual(['Köln', 'München', 'Düsseldorf', 'Zürich']);
    expect(mean(result, 'Preis')).toBe(313750);
    expect(JSON.stringify(result.table.objects())).not.toMatch(/\uFFFD|Ã/);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'LATIN1_FALLBACK',
        line: 1,
        message: expect.stringMatching(/not valid UTF-8 \(byte 0xE4 on line 1\).*Latin-1/),
      }),
    ]);
    expect(column(result, 'Ort').kind).toBe('categorical');
  });

  test('a Latin-1 file declared UTF-8 is refused with the line of the bad byte', async () => {
    await expect(read(file('latin1_umlauts.csv'), { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'INVALID_ENCODING',
      line: 1,
      message: expect.stringContaining('not valid UTF-8 (byte 0xE4 on line 1)'),
    });
  });
});
