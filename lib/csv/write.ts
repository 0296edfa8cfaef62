// Writing tables back to CSV text that re-parses to the same rows (cells with line breaks quoted).
import type { ColumnTable } from 'arquero';
import Papa from 'papaparse';

/** Rows serialised per chunk by `csvTextChunks`. */
const ROWS_PER_CHUNK = 10_000;

const unparseConfig = { delimiter: ',', newline: '\r\n', quoteChar: '"', escapeChar: '"' } as const;

/**
 * The table as RFC-4180 CSV text: comma-separated, CRLF records, a cell quoted when it holds a
 * comma, quote or line break; null is an empty cell. For large tables use `csvTextChunks`.
 */
export function toCsvText(table: ColumnTable): string {
  return [...csvTextChunks(table)].join('');
}

/**
 * The same text as `toCsvText`, in pieces of `rowsPerChunk` rows (header first), so a download
 * can stream a large table: `Readable.from(csvTextChunks(table))`.
 */
export function* csvTextChunks(
  table: ColumnTable,
  rowsPerChunk = ROWS_PER_CHUNK,
): Generator<string> {
  // Filtered or sorted tables index their columns indirectly; materialise them first.
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  const names = table.columnNames();
  const columns = names.map((name) => table.column(name)!);
  yield Papa.unparse([names], unparseConfig) + '\r\n';
  const rowCount = table.numRows();
  for (let start = 0; start < rowCount; start += rowsPerChunk) {
    const end = Math.min(rowCount, start + rowsPerChunk);
    const rows: unknown[][] = [];
    for (let r = start; r < end; r++) rows.push(columns.map((column) => cellText(column.at(r))));
    yield Papa.unparse(rows, unparseConfig) + '\r\n';
  }
}

/** Numbers in full precision (String keeps round-trip digits); missing as an empty cell. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}
