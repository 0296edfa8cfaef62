// Case 08: thousands separators, currency, percent, accounting negatives, exponents, Infinity.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { caseFile, column, mean, readers, values } from './cases';

const file = (name: string) => caseFile('08_numeric_formats', name);

describe.each(readers)('case 08 through %s', (_, read) => {
  test('formatted numbers are parsed, percent as a fraction, each format noted', async () => {
    const result = await read(file('thousands_currency_percent.csv'));

    expect(values(result, 'cost')).toEqual([1234.5, 980.0, 2010.25, -150.0]);
    expect(values(result, 'discount')).toEqual([0.125, 0.05, 0.0, -0.0325]);
    expect(values(result, 'units')).toEqual([1000, 750, 2500, 40]);
    expect(values(result, 'revenue')).toEqual([12345.0, 7350.0, 50256.25, 6000.0]);
    expect(mean(result, 'revenue')).toBe(18987.8125);
    expect(column(result, 'discount').notes).toContain(
      'parsed as percent: values divided by 100 (12.5% → 0.125)',
    );
    expect(column(result, 'cost').notes).toEqual([
      'currency symbols removed',
      'thousands separators removed',
      'accounting negatives such as (150.00) read as negative',
    ]);
    expect(column(result, 'units').notes).toEqual(['thousands separators removed']);
  });

  test('exponents parse, non-finite values are missing and reported, codes stay exact text', async () => {
    const result = await read(file('scientific_inf_codes.csv'));

    expect(values(result, 'conc')).toEqual([1.5e-7, 250000, -310, 4, 70, 0.001]);
    expect(column(result, 'code').kind).toBe('categorical');
    expect(values(result, 'code')).toEqual(['713752e1', 'A12', '00123', 'B7', 'C9', 'D4']);
    expect(values(result, 'ratio')).toEqual([null, null, null, 2, 3, 4]);
    expect(column(result, 'ratio')).toMatchObject({ kind: 'numeric', missing: 3 });
    expect(mean(result, 'ratio')).toBe(3);
    expect(result.warnings).toEqual([
      {
        code: 'NON_FINITE',
        column: 'ratio',
        line: 2,
        message:
          "column 'ratio': 2 infinite and 1 NaN values are not finite numbers and are treated " +
          'as missing (infinite on line 2, 3)',
      },
    ]);
  });

  test('a prediction row with ratio=Infinity reads as missing and names the column', async () => {
    const result = await read(file('predict_inf_row.csv'));

    expect(values(result, 'ratio')).toEqual([null]);
    expect(values(result, 'conc')).toEqual([50]);
    expect(result.warnings[0]).toMatchObject({ code: 'NON_FINITE', column: 'ratio', line: 2 });
  });
});
