// Values a model cannot use: per row and field, read exactly as the engine's encoders read them.
//
// The engine treats an unreadable cell ('three' in a numeric column) as missing and still predicts,
// reporting only counts per column. A prediction built on a silently dropped value would mislead,
// so batch and manual predictions find those cells here, row by row, and give their rows no
// prediction but a reason instead. Blank cells are not problems: missing values are allowed.
import type { Predictor } from '@/lib/automl';
import type { ColumnEncoder } from '@/lib/automl/features';
import {
  isMissing,
  levelKey,
  toBoolean,
  toNumber,
  toTimestampMs,
} from '@/lib/automl/features/values';
import type { TableLike } from '@/lib/automl';

/** One cell a model cannot read. */
export interface UnusableValue {
  /** 0-based row of the table checked. */
  row: number;
  /** The feature column. */
  field: string;
  /** What is wrong, readable after the value: "'three' is not a number". */
  message: string;
}

/** The encoders of a predictor's feature pipeline, one per source column, in pipeline order. */
export function featureEncoders(predictor: Predictor): ColumnEncoder[] {
  return predictor.parts.pipeline.encoders;
}

/** A short printable form of a cell for messages (long text cut at 40 characters). */
export function shownValue(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

type Check = (value: unknown) => string | undefined;

function numericCheck(value: unknown): string | undefined {
  const x = typeof value === 'number' ? value : toNumber(value);
  if (Number.isNaN(x)) return `'${shownValue(value)}' is not a number`;
  if (!Number.isFinite(x)) return `'${shownValue(value)}' is infinite`;
  return undefined;
}

function dateCheck(value: unknown): string | undefined {
  if (!Number.isNaN(toTimestampMs(value))) return undefined;
  return `'${shownValue(value)}' is not a date (write it as YYYY-MM-DD, optionally with a time)`;
}

function booleanCheck(trueLevels: string[], falseLevels: string[]): Check {
  const known = new Set([...trueLevels, ...falseLevels]);
  const spelling = [...trueLevels, ...falseLevels].join(', ');
  return (value) => {
    if (known.has(levelKey(value)) || !Number.isNaN(toBoolean(value))) return undefined;
    return `'${shownValue(value)}' is not yes/no${spelling ? ` (known: ${spelling})` : ''}`;
  };
}

/** The check for one encoder's column, or undefined when every value is usable (categories, text). */
function checkFor(encoder: ColumnEncoder): Check | undefined {
  switch (encoder.kind) {
    case 'numeric':
      return numericCheck;
    case 'datetime':
      return dateCheck;
    case 'boolean':
      return booleanCheck(encoder.trueLevels, encoder.falseLevels);
    default:
      // Unseen categories are read as an unknown level, and any text has a length: both usable.
      return undefined;
  }
}

/**
 * Every cell of `table` in a feature column that the model would have to treat as missing although
 * it holds something, sorted by row, then by the model's column order. Columns the table lacks are
 * skipped (the caller reports missing columns first). Repeated strings are checked once.
 */
export function findUnusableValues(encoders: ColumnEncoder[], table: TableLike): UnusableValue[] {
  const present = new Set(table.columnNames());
  const found: (UnusableValue & { order: number })[] = [];
  encoders.forEach((encoder, order) => {
    const check = checkFor(encoder);
    if (!check || !present.has(encoder.source)) return;
    const values = table.array(encoder.source);
    const seen = new Map<string, string | undefined>();
    for (let row = 0; row < values.length; row++) {
      const value = values[row];
      // Numbers are the common case in numeric columns: finite ones need no lookup.
      if (typeof value === 'number' && (Number.isFinite(value) || Number.isNaN(value))) continue;
      if (isMissing(value)) continue;
      let message: string | undefined;
      if (typeof value === 'string') {
        if (!seen.has(value)) seen.set(value, check(value));
        message = seen.get(value);
      } else {
        message = check(value);
      }
      if (message !== undefined) found.push({ row, field: encoder.source, message, order });
    }
  });
  return found
    .sort((a, b) => a.row - b.row || a.order - b.order)
    .map(({ row, field, message }) => ({ row, field, message }));
}

/** The reason text of one row's unusable values: "rooms: 'three' is not a number; size: …". */
export function reasonText(values: UnusableValue[]): string {
  return values.map((value) => `${value.field}: ${value.message}`).join('; ');
}
