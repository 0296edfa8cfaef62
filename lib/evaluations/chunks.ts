// Sub-tables of chosen rows (the test leaderboard's sample).
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
