// Unit tests for single-cell reading: missing spellings, formatted numbers, ISO dates, yes/no.
import { isBooleanPair, isIsoDate, isMissingToken, parseNumber, type NumberFormat } from './values';

describe('isMissingToken', () => {
  test.each([
    'NA',
    'na',
    'N/A',
    'n/a',
    'null',
    'NULL',
    'NaN',
    'nan',
    'None',
    '?',
    '-',
    '#N/A',
    'nil',
  ])('%s is a missing-value spelling', (token) => expect(isMissingToken(token)).toBe(true));

  test.each(['0', 'NAN1', 'Nairobi', 'no', 'n', '-1', 'none of them'])('%s is a value', (text) =>
    expect(isMissingToken(text)).toBe(false),
  );
});

describe('parseNumber with decimal point', () => {
  test.each([
    ['12.5', 12.5],
    ['-3.1e2', -310],
    ['2.5E+05', 250000],
    ['1E-3', 0.001],
    ['.5', 0.5],
    ['+7', 7],
    ['713752e1', 7137520],
    ['1,234.50', 1234.5],
    ['$1,234.50', 1234.5],
    ['-$150', -150],
    ['($150.00)', -150],
    ['(987.65)', -987.65],
    ['12.5%', 0.125],
    ['-3.25%', -0.0325],
    ['€ 12', 12],
    ['12 €', 12],
    ['1 000 000', 1000000],
  ])('%s reads as %d', (text, expected) =>
    expect(parseNumber(text, '.')).toBeCloseTo(expected, 12),
  );

  test.each(['abc', 'A12', '1,2', '12,5', '1,23,456', '--5', '(-5)', '$$5', '5%%', '1.2.3', ''])(
    '%s is not a number',
    (text) => expect(parseNumber(text, '.')).toBeNaN(),
  );

  test('infinite spellings give ±Infinity so callers can report them', () => {
    expect(parseNumber('Infinity', '.')).toBe(Infinity);
    expect(parseNumber('-inf', '.')).toBe(-Infinity);
    expect(parseNumber('+INF', '.')).toBe(Infinity);
  });

  test('the format object says what was stripped', () => {
    const format: NumberFormat = {
      percent: true,
      currency: true,
      thousands: true,
      accounting: true,
    };
    parseNumber('($1,150.00)', '.', format);
    expect(format).toEqual({ percent: false, currency: true, thousands: true, accounting: true });
    parseNumber('42', '.', format);
    expect(format).toEqual({
      percent: false,
      currency: false,
      thousands: false,
      accounting: false,
    });
  });
});

describe('parseNumber with decimal comma', () => {
  test.each([
    ['72,5', 72.5],
    ['185000,50', 185000.5],
    ['1.234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['-0,25', -0.25],
    ['12,5%', 0.125],
  ])('%s reads as %d', (text, expected) =>
    expect(parseNumber(text, ',')).toBeCloseTo(expected, 12),
  );

  test('a decimal point is not a decimal mark here', () => {
    expect(parseNumber('1.5', ',')).toBeNaN();
  });
});

describe('isIsoDate', () => {
  test.each([
    '2024-02-29',
    '2024/01/31',
    '2024-02-29T13:05',
    '2024-02-29 13:05:59.123Z',
    '2024-01-01T00:00:00+02:00',
  ])('%s is an ISO date', (text) => expect(isIsoDate(text)).toBe(true));

  test.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-01-01T24:00',
    '01/02/2024',
    '2024-1-1',
    '20240101',
  ])('%s is not', (text) => expect(isIsoDate(text)).toBe(false));
});

describe('isBooleanPair', () => {
  test('values from one pair form a yes/no column', () => {
    expect(isBooleanPair(new Set(['yes', 'no']))).toBe(true);
    expect(isBooleanPair(new Set(['true']))).toBe(true);
    expect(isBooleanPair(new Set(['y', 'n']))).toBe(true);
  });

  test('values from two pairs do not', () => {
    expect(isBooleanPair(new Set(['yes', 'false']))).toBe(false);
  });
});
