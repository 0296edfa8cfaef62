// The engine's view of a data table: arquero's ColumnTable fits it, and so does a plain object of arrays.

/** The three table methods the engine reads; an arquero `ColumnTable` satisfies this interface. */
export interface TableLike {
  numRows(): number;
  columnNames(): string[];
  /** All values of one column in row order: numbers, strings, booleans, Dates or null. */
  array(name: string): ArrayLike<unknown>;
}

/**
 * Wraps plain column arrays as a table, for manually entered rows, tests and stacking inputs.
 * All columns must have the same length.
 */
export function columnTable(columns: Record<string, ArrayLike<unknown>>): TableLike {
  const names = Object.keys(columns);
  const numRows = names.length === 0 ? 0 : columns[names[0]].length;
  for (const name of names) {
    if (columns[name].length !== numRows) {
      throw new Error(`column '${name}' has ${columns[name].length} values, expected ${numRows}`);
    }
  }
  return { numRows: () => numRows, columnNames: () => names, array: (name) => columns[name] };
}

/** Turns row objects (e.g. a JSON request body) into a table; absent keys become null. */
export function rowsTable(rows: Record<string, unknown>[]): TableLike {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = rows.map((row) => (name in row ? row[name] : null));
  return columnTable(columns);
}
