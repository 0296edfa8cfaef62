// Reading and checking the label column: numbers only, missing rows counted, bad values named.

import { AutoMLError } from './errors';
import { isMissing, toNumber } from './features/values';
import type { TableLike } from './table';

/** Fewest labelled rows a fit accepts. */
export const MIN_TRAINING_ROWS = 10;

/** The label as numbers (NaN where missing) and the rows that have one. */
export interface LabelColumn {
  /** One value per table row; NaN where the label is missing. */
  y: Float64Array;
  /** Indices of rows with a label, ascending. */
  rows: Uint32Array;
  /** Rows skipped because the label is missing. */
  missingCount: number;
}

const SAMPLE_SIZE = 5;

/**
 * Reads `label` from `table`. Missing labels are skipped and counted; text or infinite labels stop
 * the work with an error naming the column and up to five offending values with their rows.
 */
export function readLabel(table: TableLike, label: string): LabelColumn {
  if (!table.columnNames().includes(label)) {
    throw new AutoMLError('LABEL_MISSING', `label column '${label}' not found`, { column: label });
  }
  const values = table.array(label);
  const y = new Float64Array(values.length);
  const notNumbers = new Offenders();
  const infinite = new Offenders();
  let missingCount = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      y[i] = NaN;
      missingCount++;
      continue;
    }
    y[i] = toNumber(value);
    if (Number.isNaN(y[i])) notNumbers.add(i, value);
    else if (!Number.isFinite(y[i])) infinite.add(i, value);
  }
  if (notNumbers.count > 0) {
    throw labelError('LABEL_NOT_NUMERIC', label, notNumbers, 'not a number');
  }
  if (infinite.count > 0) {
    throw labelError('LABEL_NOT_FINITE', label, infinite, 'infinite');
  }
  const rows = new Uint32Array(values.length - missingCount);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(y[i])) rows[k++] = i;
  return { y, rows, missingCount };
}

/** Refuses a fit with fewer than MIN_TRAINING_ROWS labelled rows. */
export function checkEnoughRows(label: string, column: LabelColumn): void {
  if (column.rows.length >= MIN_TRAINING_ROWS) return;
  const missing = column.missingCount > 0 ? ` (${column.missingCount} missing)` : '';
  throw new AutoMLError(
    'TOO_FEW_ROWS',
    `only ${column.rows.length} rows have a value in label column '${label}'${missing}; at least ${MIN_TRAINING_ROWS} are needed`,
    { column: label, usableRows: column.rows.length, missingLabelRows: column.missingCount },
  );
}

class Offenders {
  count = 0;
  readonly samples: { row: number; value: string }[] = [];

  add(index: number, value: unknown) {
    this.count++;
    if (this.samples.length < SAMPLE_SIZE)
      this.samples.push({ row: index + 1, value: String(value) });
  }
}

function labelError(
  code: 'LABEL_NOT_NUMERIC' | 'LABEL_NOT_FINITE',
  label: string,
  offenders: Offenders,
  what: string,
): AutoMLError {
  const list = offenders.samples.map(({ row, value }) => `row ${row}: '${value}'`).join(', ');
  const more = offenders.count > offenders.samples.length ? ', …' : '';
  const noun = offenders.count === 1 ? 'value is' : 'values are';
  const kind = code === 'LABEL_NOT_NUMERIC' ? 'must be numeric' : 'must hold finite numbers';
  return new AutoMLError(
    code,
    `label column '${label}' ${kind}: ${offenders.count} ${noun} ${what} (${list}${more})`,
    { column: label, count: offenders.count, samples: offenders.samples },
  );
}
