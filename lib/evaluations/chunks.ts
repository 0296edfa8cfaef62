// Row ranges and sub-tables, so long scoring work yields to the event loop between pieces.
import { columnTable, type DataWarning, type TableLike } from '@/lib/automl';

/** Rows `start` … `end - 1` of `table` as a table of their own (columns sliced, not copied when typed). */
export function sliceTable(table: TableLike, start: number, end: number): TableLike {
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames())
    columns[name] = sliceValues(table.array(name), start, end);
  return columnTable(columns);
}

/** The listed rows of `table` (0-based, any order) as a table of their own. */
export function takeTableRows(table: TableLike, rows: ArrayLike<number>): TableLike {
  const columns: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const values = table.array(name);
    const out = new Array<unknown>(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
    columns[name] = out;
  }
  return columnTable(columns);
}

function sliceValues(values: ArrayLike<unknown>, start: number, end: number): ArrayLike<unknown> {
  if (ArrayBuffer.isView(values)) return (values as unknown as Float64Array).subarray(start, end);
  if (Array.isArray(values)) return values.slice(start, end);
  return Array.from({ length: end - start }, (_, k) => values[start + k]);
}

/** Lets timers (job heartbeats) and I/O run before the next piece of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const phrases: Record<DataWarning['code'], string> = {
  NOT_A_NUMBER: 'could not be read as numbers and were treated as missing',
  INFINITE_VALUE: 'were infinite and treated as missing',
  NOT_A_DATE: 'could not be read as dates and were treated as missing',
  NOT_A_BOOLEAN: 'could not be read as yes/no and were treated as missing',
  UNSEEN_LEVEL: 'were not seen in training and treated as an unknown level',
  IGNORED_COLUMN: '',
};

/**
 * Adds up the warnings of several pieces per column and problem. A warning seen in one piece only
 * keeps the engine's message when that piece started at row 1 (its row numbers are then right).
 */
export class WarningTotals {
  private readonly byKey = new Map<string, { warning: DataWarning; firstPiece: boolean }>();

  add(warnings: DataWarning[], firstPiece: boolean): void {
    for (const warning of warnings) {
      const key = `${warning.code}\u0000${warning.column}`;
      const seen = this.byKey.get(key);
      if (!seen) this.byKey.set(key, { warning: { ...warning }, firstPiece });
      else {
        seen.warning.count += warning.count;
        seen.firstPiece = false;
      }
    }
  }

  /** One message per column and problem. */
  messages(): string[] {
    return [...this.byKey.values()].map(({ warning, firstPiece }) => {
      if (firstPiece || warning.code === 'IGNORED_COLUMN') return warning.message;
      const noun = warning.count === 1 ? 'value' : 'values';
      const phrase = phrases[warning.code].replace('were', warning.count === 1 ? 'was' : 'were');
      return `column '${warning.column}': ${warning.count.toLocaleString('en-US')} ${noun} ${phrase}`;
    });
  }
}
