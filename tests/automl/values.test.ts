import { isMissing, toBoolean, toNumber, toTimestampMs } from '@/lib/automl/features/values';
import { columnTable, rowsTable } from '@/lib/automl/table';

describe('cell values', () => {
  it('reads numbers strictly after trimming', () => {
    expect([' 75 ', '-1.5e3', '.5', '+3'].map(toNumber)).toEqual([75, -1500, 0.5, 3]);
    expect(['75m2', '1 000', '1,5', 'three', '0x10', ''].map(toNumber).every(Number.isNaN)).toBe(
      true,
    );
    expect(['inf', '-Infinity'].map(toNumber)).toEqual([Infinity, -Infinity]);
  });

  it('treats blanks and the usual missing words as missing, but not zero or false', () => {
    expect([null, undefined, NaN, '', '  ', 'NA', 'n/a', 'null', '?'].every(isMissing)).toBe(true);
    expect([0, false, 'no', '0'].some(isMissing)).toBe(false);
  });

  it('reads yes/no spellings', () => {
    expect(['Yes', 'no', 'TRUE', 'f', 1, 0, true].map(toBoolean)).toEqual([1, 0, 1, 0, 1, 0, 1]);
    expect(toBoolean('maybe')).toBeNaN();
  });

  it('reads ISO dates as UTC, honouring explicit zones, and refuses impossible ones', () => {
    expect(toTimestampMs('2020-03-04')).toBe(Date.UTC(2020, 2, 4));
    expect(toTimestampMs('2020-03-04 05:06:07.5')).toBe(Date.UTC(2020, 2, 4, 5, 6, 7, 500));
    expect(toTimestampMs('2020-03-04T05:06:07+02:00')).toBe(Date.UTC(2020, 2, 4, 3, 6, 7));
    expect(toTimestampMs(new Date(Date.UTC(1999, 0, 1)))).toBe(Date.UTC(1999, 0, 1));
    expect(toTimestampMs('2020-13-01')).toBeNaN();
    expect(toTimestampMs('March 4')).toBeNaN();
  });
});

describe('tables from plain data', () => {
  it('builds a table from rows, filling absent keys with null', () => {
    const table = rowsTable([{ a: 1 }, { b: 'x', a: 2 }]);
    expect(table.columnNames()).toEqual(['a', 'b']);
    expect(Array.from(table.array('b'))).toEqual([null, 'x']);
    expect(table.numRows()).toBe(2);
  });

  it('refuses columns of different lengths, naming the column', () => {
    expect(() => columnTable({ a: [1, 2], b: [1] })).toThrow("column 'b' has 1 values, expected 2");
  });
});
