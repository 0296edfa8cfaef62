// The scored rows as CSV text in pieces: the dataset's columns, then the prediction and residual.
import type { TableLike } from '@/lib/automl';

const ROWS_PER_PIECE = 5_000;

/** Names of the two added columns, made unique against the dataset's own. */
export function scoredColumnNames(tableColumns: string[]): {
  prediction: string;
  residual: string;
} {
  const taken = new Set(tableColumns);
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
  return { prediction: unique('prediction'), residual: unique('residual') };
}

/**
 * The header, then the scored rows (those with a target) `ROWS_PER_PIECE` at a time, as
 * RFC-4180 text (CRLF, cells with a comma, quote or line break quoted, missing values empty), so
 * a million rows stream to storage without one huge string.
 */
export function* scoredRowsCsv(
  table: TableLike,
  scoredRows: Uint32Array,
  y: Float64Array,
  predictions: Float64Array,
): Generator<string> {
  const names = table.columnNames();
  const added = scoredColumnNames(names);
  const columns = names.map((name) => table.array(name));
  yield [...names, added.prediction, added.residual].map(quote).join(',') + '\r\n';
  for (let start = 0; start < scoredRows.length; start += ROWS_PER_PIECE) {
    const end = Math.min(scoredRows.length, start + ROWS_PER_PIECE);
    const lines: string[] = [];
    for (let k = start; k < end; k++) {
      const row = scoredRows[k];
      const cells = columns.map((values) => cellText(values[row]));
      cells.push(numberText(predictions[row]), numberText(y[row] - predictions[row]));
      lines.push(cells.join(','));
    }
    yield lines.join('\r\n') + '\r\n';
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (value instanceof Date) return value.toISOString();
  return quote(String(value));
}

/** Round-trip digits; non-finite values as an empty cell. */
function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
