// parseCsv on small inline files: refusals, line numbers, column kinds and the missing-value rule.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import { parseCsv } from './parse';

const read = (text: string, options?: Parameters<typeof parseCsv>[1]) =>
  parseCsv(new TextEncoder().encode(text), options);
const kinds = (text: string) => Object.fromEntries(read(text).columns.map((c) => [c.name, c.kind]));
const col = (text: string, name: string) =>
  Array.from(read(text).table.array(name) as ArrayLike<unknown>);

describe('refusals', () => {
  test('a file with NUL bytes is not a text CSV file', () => {
    expect(() => parseCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'NOT_TEXT' }),
    );
  });

  test.each([
    ['an object', '{\n  "name": "cidra-ml",\n  "version": "0.1.0"\n}\n'],
    ['an array of objects', '[{"a": 1, "b": 2}, {"a": 3, "b": 4}]'],
    ['JSON lines', '{"a": 1}\n{"a": 2}\n'],
    ['a bare array of numbers', '[1, 2, 3]'],
  ])('JSON (%s) is refused as not CSV', (_, text) => {
    expect(() => read(text)).toThrow(
      expect.objectContaining({
        code: 'NOT_CSV',
        message:
          'it looks like JSON, not CSV: export the data as CSV (a header row, then one line per row)',
      }),
    );
  });

  test.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\n<rect/>\n</svg>\n'],
    ['XML', '<?xml version="1.0"?>\n<rows><row a="1"/></rows>\n'],
    ['HTML', '\uFEFF<!DOCTYPE html>\n<html><body><table></table></body></html>\n'],
  ])('%s is refused as not CSV', (_, text) => {
    expect(() => read(text)).toThrow(
      expect.objectContaining({
        code: 'NOT_CSV',
        message:
          'it looks like XML or HTML, not CSV: export the data as CSV (a header row, then one line per row)',
      }),
    );
  });

  test('a header starting with an angle bracket that is no tag is still CSV', () => {
    expect(read('<5 km,price\n1,2\n').columns.map((c) => c.name)).toEqual(['<5 km', 'price']);
  });

  test('bracketed header names, as SQL Server exports them, are still CSV', () => {
    expect(read('[id],[name]\n1,a\n2,b\n').columns.map((c) => c.name)).toEqual(['[id]', '[name]']);
  });

  test('an unterminated quote names the line where the field starts', () => {
    expect(() => read('a,b\n1,2\n3,"open\n4,5\n')).toThrow(
      expect.objectContaining({ code: 'UNTERMINATED_QUOTE', line: 3 }),
    );
  });

  test('text after a closing quote that leaves the quote open says so', () => {
    expect(() => read('a,b\n1,"x"y\n2,3\n')).toThrow(
      "line 2: a quoted field has text after its closing '\"', so the quote never ends; " +
        'inner quotes must be doubled ("")',
    );
  });

  test('more rows than maxRows are refused with the limit', () => {
    expect(() => read('a\n1\n2\n3\n', { maxRows: 2 })).toThrow(
      expect.objectContaining({
        code: 'TOO_MANY_ROWS',
        message: 'file has more than 2 data rows, the limit',
      }),
    );
  });

  test('only the first maxListedLines ragged lines are named, then a count of the rest', () => {
    expect(() => read('a,b\n1\n2\n3\n4,4\n', { maxListedLines: 2 })).toThrow(
      '3 rows do not match the header: line 2 has 1 fields, the header has 2; line 3 has 1 fields, ' +
        'the header has 2; and 1 more',
    );
  });
});

describe('line numbers', () => {
  test('count line breaks inside quoted cells and skipped blank lines', () => {
    expect(() => read('\n\na,b\n"x\ny\nz",1\n\n5,6,7\n')).toThrow(
      expect.objectContaining({ line: 8, message: expect.stringContaining('line 8 has 3 fields') }),
    );
  });

  test('CRLF files count the same as LF files', () => {
    expect(() => read('a,b\r\n"x\r\ny",1\r\n5,6,7\r\n')).toThrow(
      expect.objectContaining({ line: 4 }),
    );
  });
});

describe('rows', () => {
  test('blank and whitespace-only lines, trailing ones included, are not rows', () => {
    const result = read('a,b\n1,2\n\n   \n3,4\n\n\n');
    expect(result.rowCount).toBe(2);
  });

  test('empty fields past the header (a trailing delimiter) are dropped with a warning', () => {
    const result = read('a,b\n1,2,\n3,4, \n');
    expect(result.rowCount).toBe(2);
    expect(result.warnings).toEqual([
      {
        code: 'TRAILING_EMPTY_FIELDS',
        line: 2,
        message:
          "2 row(s) have empty fields past the header's 2 (a trailing delimiter), first on line 2; " +
          'the empty fields were dropped',
      },
    ]);
  });

  test('a non-empty field past the header is still a ragged row', () => {
    expect(() => read('a,b\n1,2,x\n')).toThrow(expect.objectContaining({ code: 'RAGGED_ROWS' }));
  });

  test('a row of empty fields is a row of missing values', () => {
    expect(read('a,b\n1,2\n,\n').rowCount).toBe(2);
  });

  test('complete numeric columns are Float64Array, incomplete ones hold null', () => {
    const result = read('a,b\n1,\n2,5\n');
    expect(result.table.column('a')).toBeInstanceOf(Float64Array);
    expect(Array.from(result.table.array('b') as ArrayLike<unknown>)).toEqual([null, 5]);
  });
});

describe('column kinds', () => {
  test('yes/no values are boolean; 0/1 stays numeric', () => {
    expect(kinds('a,b,c\nyes,1,TRUE\nno,0,false\nYes,1,true\n')).toEqual({
      a: 'boolean',
      b: 'numeric',
      c: 'boolean',
    });
  });

  test('ISO dates and date-times are datetime, kept as text', () => {
    const text = 'd,t\n2024-01-31,2024-01-31T10:00:00Z\n2024-02-29,2024-02-29 23:59\n';
    expect(kinds(text)).toEqual({ d: 'datetime', t: 'datetime' });
    expect(col(text, 'd')).toEqual(['2024-01-31', '2024-02-29']);
  });

  test('mostly distinct phrases are text, repeated labels categorical', () => {
    const text = 'note,city\nbig sunny flat,Rome\nsmall and dark,Rome\nnear the park,Oslo\n';
    expect(kinds(text)).toEqual({ note: 'text', city: 'categorical' });
  });

  test('a column of only empty cells is numeric with every cell missing', () => {
    const result = read('a,b\n1,\n2,\n');
    expect(result.columns[1]).toMatchObject({ kind: 'numeric', missing: 2 });
  });

  test('percent mixed with plain numbers is not read as numbers, and says why', () => {
    const result = read('p\n5%\n0.3\n');
    expect(result.columns[0].kind).toBe('categorical');
    expect(result.columns[0].notes).toContain(
      'mixes percent and plain numbers; not read as numbers',
    );
  });

  test('a numeric column with one stray word points at it', () => {
    const rows = Array.from({ length: 12 }, (_, i) => String(i)).join('\n');
    const result = read(`n\n${rows}\noops\n`);
    expect(result.columns[0].notes).toContain(
      "mostly numeric, but 'oops' on line 14 is not a number",
    );
  });

  test('semicolon files read thousands dots with decimal commas', () => {
    const result = read('a;b\n1.234,5;x\n2,25;y\n');
    expect(result.decimal).toBe(',');
    expect(Array.from(result.table.array('a') as ArrayLike<unknown>)).toEqual([1234.5, 2.25]);
  });
});

describe('missing values', () => {
  test('missing spellings are missing in numeric, datetime and boolean columns', () => {
    const result = read('n,d,b\n1,2024-01-01,yes\nNA,null,?\n3,N/A,no\n');
    expect(result.columns.map((c) => [c.kind, c.missing])).toEqual([
      ['numeric', 1],
      ['datetime', 2],
      ['boolean', 1],
    ]);
    expect(Array.from(result.table.array('d') as ArrayLike<unknown>)).toEqual([
      '2024-01-01',
      null,
      null,
    ]);
  });

  test('in categorical columns only empty cells are missing; spellings are kept as values', () => {
    const result = read('c,n\nNA,1\nnull,2\n,3\nEU,4\n');
    expect(result.columns[0]).toMatchObject({ kind: 'categorical', missing: 1 });
    expect(Array.from(result.table.array('c') as ArrayLike<unknown>)).toEqual([
      'NA',
      'null',
      null,
      'EU',
    ]);
  });
});

describe('kinds chosen by the user', () => {
  test('a numeric-looking code column chosen as categorical keeps its exact text', () => {
    const result = read('zip,n\n00123,1\n04567,2\n', { kinds: { zip: 'categorical' } });
    expect(result.columns[0]).toMatchObject({ kind: 'categorical', missing: 0 });
    expect(result.columns[0].notes).toContain(
      'kind set to categorical by the user (detected: numeric)',
    );
    expect(Array.from(result.table.array('zip') as ArrayLike<unknown>)).toEqual(['00123', '04567']);
  });

  test('a column chosen as numeric reads non-numbers as missing and reports them', () => {
    const result = read('x\n1\nabc\nNA\n4\n', { kinds: { x: 'numeric' } });
    expect(result.columns[0]).toMatchObject({ kind: 'numeric', missing: 2 });
    expect(Array.from(result.table.array('x') as ArrayLike<unknown>)).toEqual([1, null, null, 4]);
    expect(result.warnings).toContainEqual({
      code: 'NOT_A_NUMBER',
      column: 'x',
      line: 3,
      count: 1,
      value: 'abc',
      message:
        "column 'x': 1 cells are not numbers and were read as missing (first: 'abc' on line 3)",
    });
  });

  test('a kind for a column the file lacks is ignored (a prediction file may lack one)', () => {
    expect(read('a\n1\n', { kinds: { b: 'text' } }).columns.map((c) => c.name)).toEqual(['a']);
  });
});
