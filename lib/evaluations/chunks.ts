// Sub-tables of chosen rows, so long scoring work runs in pieces that yield between them.
import { columnTable, type TableLike } from '@/lib/automl';

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

/** Lets timers (job heartbeats) and I/O run before the next piece of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
