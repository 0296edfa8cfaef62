// Case 07: missing-value spellings in numbers, and "NA" that is real data in categories.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, column, mean, readers, values } from './cases';

const file = (name: string) => caseFile('07_missing_value_spellings', name);

describe.each(readers)('case 07 through %s', (_, read) => {
  test('every missing spelling in a numeric column is missing, and the column stays numeric', async () => {
    const result = await read(file('numeric_missing_tokens.csv'));
    const sqft = column(result, 'sqft');

    expect(sqft.kind).toBe('numeric');
    expect(sqft.missing).toBe(7);
    expect(values(result, 'sqft').filter((v) => v !== null)).toEqual([1200, 1500, 900]);
    expect(mean(result, 'sqft')).toBe(1200);
    expect(sqft.notes).toContain(
      "missing-value spellings read as missing: '?', '-', 'N/A', 'null', 'nan', 'NA'",
    );
    expect(column(result, 'price').kind).toBe('numeric');
    expect(mean(result, 'price')).toBe(218900);
    expect(result.rowCount).toBe(10);
  });

  test('a quoted "NA" in a categorical column is the value NA, not missing', async () => {
    const result = await read(file('na_is_a_real_value.csv'));

    expect(result.rowCount).toBe(4);
    expect(column(result, 'country')).toMatchObject({ kind: 'categorical', missing: 0 });
    expect(new Set(values(result, 'country'))).toEqual(new Set(['NA', 'US', 'DE', 'FR']));
    expect(column(result, 'continent')).toMatchObject({ kind: 'categorical', missing: 0 });
    expect(new Set(values(result, 'continent'))).toEqual(new Set(['AF', 'NA', 'EU']));
    expect(column(result, 'country').notes.join()).toMatch(/kept 'NA' as values/);
  });
});
