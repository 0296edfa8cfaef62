// toCsvText and csvTextChunks: output that re-parses to the same rows.
// Jest cannot load arquero's ES module source here; its bundled CommonJS build is the same library.
jest.mock('arquero', () => jest.requireActual('arquero/dist/arquero.js'));

import * as aq from 'arquero';
import { parseCsv } from './parse';
import { csvTextChunks, toCsvText } from './write';

const reparse = (text: string) => parseCsv(new TextEncoder().encode(text)).table.objects();

describe('toCsvText', () => {
  test('quotes cells with delimiters, quotes and line breaks; null is an empty cell', () => {
    const table = aq.table({
      name: ['a,b', 'say "hi"', 'two\nlines', null],
      x: [1.5, null, -2e-7, 3],
    });
    const text = toCsvText(table);

    expect(text).toBe('name,x\r\n"a,b",1.5\r\n"say ""hi""",\r\n"two\nlines",-2e-7\r\n,3\r\n');
    expect(reparse(text)).toEqual(table.objects());
  });

  test('writes the rows a filtered, sorted table shows', () => {
    const table = aq
      .table({ v: [3, 1, 2] })
      .filter((d: { v: number }) => d.v > 1)
      .orderby('v');
    expect(toCsvText(table)).toBe('v\r\n2\r\n3\r\n');
  });
});

describe('csvTextChunks', () => {
  test('pieces join to the same text, header first, then rowsPerChunk rows each', () => {
    const table = aq.table({ i: Array.from({ length: 5 }, (_, i) => i) });
    const pieces = [...csvTextChunks(table, { rowsPerChunk: 2 })];

    expect(pieces).toEqual(['i\r\n', '0\r\n1\r\n', '2\r\n3\r\n', '4\r\n']);
    expect(pieces.join('')).toBe(toCsvText(table));
  });
});

describe('escapeFormulae', () => {
  test('prefixes formula-like text cells for spreadsheets, and leaves numbers alone', () => {
    const table = aq.table({ note: ['=SUM(A1:A9)', '@cmd', 'plain'], n: [-1, 2, 3] });

    expect(toCsvText(table, { escapeFormulae: true })).toBe(
      'note,n\r\n"\'=SUM(A1:A9)",-1\r\n"\'@cmd",2\r\nplain,3\r\n',
    );
    expect(toCsvText(table)).toContain('=SUM(A1:A9)');
  });
});
