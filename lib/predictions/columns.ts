// Names of the columns a batch prediction adds to the original ones, never clashing with them.

/**
 * `base`, or `base_2`, `base_3`, … when `existing` already holds it: `price_predicted` becomes
 * `price_predicted_2` on a file that has a `price_predicted` column of its own.
 */
export function uniqueColumnName(base: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base}_${n}`;
    if (!taken.has(name)) return name;
  }
}

/** The prediction column and the reason column for a table with `columns`, for label `label`. */
export function outputColumnNames(
  label: string,
  columns: readonly string[],
): { predictionColumn: string; reasonColumn: string } {
  const predictionColumn = uniqueColumnName(`${label}_predicted`, columns);
  const reasonColumn = uniqueColumnName(`${predictionColumn}_reason`, [
    ...columns,
    predictionColumn,
  ]);
  return { predictionColumn, reasonColumn };
}
