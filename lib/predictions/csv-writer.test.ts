// The batch output writer gives exactly the text of lib/csv's writer, on awkward cells too.
import * as aq from 'arquero';
import { csvTextChunks } from '@/lib/csv';
import { csvChunks } from './csv-writer';

const table = aq.table({
  'name, with comma': ['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded ', '\uFEFFbom', null],
  value: Float64Array.from([1.5, -0.1, 1e21, NaN, Infinity, 0.1 + 0.2, 3]),
  flag: [true, false, null, true, false, true, false],
  mixed: [1, 'x', null, 2.25, '=1+2', '', '-3'],
});

describe('csvChunks', () => {
  it('writes the same text as csvTextChunks', () => {
    const ours = [...csvChunks(table, undefined, 3)].join('');
    expect(ours).toBe([...csvTextChunks(table, { rowsPerChunk: 3 })].join(''));
    expect(ours.split('\r\n')[0]).toBe('"name, with comma",value,flag,mixed');
  });

  it('reports the rows written after each piece', () => {
    const seen: number[] = [];
    [...csvChunks(table, (rows) => seen.push(rows), 3)];
    expect(seen).toEqual([3, 6, 7]);
  });

  it('writes a header alone for a table without rows', () => {
    expect([...csvChunks(aq.table({ a: [], b: [] }))].join('')).toBe('a,b\r\n');
  });
});
