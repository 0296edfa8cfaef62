// The shapes the CSV reader returns: the table, a description of each column, and warnings.
import type { ColumnTable } from 'arquero';

/** What a column holds, decided from all its values. */
export type CsvColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';

/** One column as read: its final name, the header text it came from, its kind and findings. */
export interface CsvColumn {
  /** Unique, trimmed name used in the table. */
  name: string;
  /** The header cell exactly as it was in the file. */
  originalName: string;
  kind: CsvColumnKind;
  /** Cells read as missing (null in the table), non-finite numbers included. */
  missing: number;
  /** Human-readable findings, e.g. "parsed as percent (12.5% → 0.125)". */
  notes: string[];
}

/** Something the user should know about that did not stop the read. */
export interface CsvWarning {
  code: string;
  message: string;
  /** 1-based line of the file, when the warning is about one place. */
  line?: number;
  column?: string;
  /** How many cells the warning is about, and the first one's text (NOT_A_NUMBER). */
  count?: number;
  value?: string;
}

/**
 * The result of reading a CSV. Table columns: numeric kinds hold numbers (a Float64Array when no
 * cell is missing, otherwise an array with null for missing); other kinds hold the cell text
 * (null when missing).
 */
export interface CsvReadResult {
  table: ColumnTable;
  columns: CsvColumn[];
  rowCount: number;
  delimiter: string;
  decimal: '.' | ',';
  encoding: 'utf-8' | 'latin1';
  warnings: CsvWarning[];
}
