// Small table helpers shared by split and merge: row selection and column descriptions.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { DatasetColumn } from './types';

/** The rows `indices` of `table`, in that order, as a new table. */
export function takeRows(table: ColumnTable, indices: ArrayLike<number>): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const data = table.column(name) as unknown as ArrayLike<unknown>;
    columns[name] = Array.from(indices, (row) => data[row] ?? null);
  }
  return aq.table(columns);
}

/** Missing cells of each column of `table`, for the stored schema. */
export function withMissing(table: ColumnTable, columns: DatasetColumn[]): DatasetColumn[] {
  return columns.map((column) => {
    const data = table.column(column.name) as unknown as ArrayLike<unknown>;
    let missing = 0;
    for (let i = 0; i < data.length; i++) if (data[i] === null || data[i] === undefined) missing++;
    return { ...column, missing };
  });
}
