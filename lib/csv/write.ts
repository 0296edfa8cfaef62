// Writing tables back to CSV text that re-parses to the same rows (cells with line breaks quoted).
import type { ColumnTable } from 'arquero';
import Papa from 'papaparse';

/** How `toCsvText` and `csvTextChunks` write. */
export interface CsvWriteOptions {
  /** Rows serialised per piece by `csvTextChunks` (default 10,000). */
  rowsPerChunk?: number;
  /**
   * Prefix cells starting with `= + - @` (and tab, CR) with `'`, so a spreadsheet opening the
   * file does not run them as formulas. For files users open in Excel; off for files the app
   * re-reads, because it changes the text of such cells (and of negative numbers kept as text).
   */
  escapeFormulae?: boolean;
}

/**
 * The table as RFC-4180 CSV text: comma-separated, CRLF records, a cell quoted when it holds a
 * comma, quote or line break; null is an empty cell. For large tables use `csvTextChunks`.
 */
export function toCsvText(table: ColumnTable, options: CsvWriteOptions = {}): string {
  return [...csvTextChunks(table, options)].join('');
}

/**
 * The same text as `toCsvText`, in pieces of `rowsPerChunk` rows (header first), so a download
 * can stream a large table: `Readable.from(csvTextChunks(table))`.
 */
export function* csvTextChunks(
  table: ColumnTable,
  { rowsPerChunk = 10_000, escapeFormulae = false }: CsvWriteOptions = {},
): Generator<string> {
  const config = {
    delimiter: ',',
    newline: '\r\n',
    quoteChar: '"',
    escapeChar: '"',
    escapeFormulae,
  };
  // Filtered or sorted tables index their columns indirectly; materialise them first.
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  const names = table.columnNames();
  const columns = names.map((name) => table.column(name)!);
  yield Papa.unparse([names], config) + '\r\n';
  const rowCount = table.numRows();
  for (let start = 0; start < rowCount; start += rowsPerChunk) {
    const end = Math.min(rowCount, start + rowsPerChunk);
    const rows: unknown[][] = [];
    for (let r = start; r < end; r++) rows.push(columns.map((column) => cellText(column.at(r))));
    yield Papa.unparse(rows, config) + '\r\n';
  }
}

/**
 * Missing and non-finite values as an empty cell. Numbers stay numbers: papaparse writes them with
 * round-trip digits and never formula-escapes them (a negative number is not a formula).
 */
function cellText(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return String(value);
}
