// Turns parser output into header and data rows with file line numbers, checking the row shape.
import type { ParseResult } from 'papaparse';
import { CsvError } from './errors';
import type { ResolvedCsvOptions } from './options';
import { trimCell } from './profile';
import type { CsvWarning } from './types';

/** Receives the header once, then every data row whose field count matches it. */
export interface RowSink {
  header(cells: string[], line: number): void;
  row(cells: string[], line: number): void;
}

/** A data row whose field count differs from the header's. */
export interface RaggedRow {
  line: number;
  fields: number;
}

/**
 * Feeds parser chunks to a sink. Blank lines are skipped (also in one-column files, as pandas
 * does), so a trailing empty line never becomes a row of missing values. Line numbers count
 * line breaks inside quoted cells, so they match what an editor shows.
 */
export class RowFeeder {
  line = 1;
  width = 0;
  rowCount = 0;
  headerLine = 0;
  raggedCount = 0;
  readonly ragged: RaggedRow[] = [];
  /** Rows that had only empty fields past the header's width (a trailing delimiter). */
  trailingCount = 0;
  trailingFirstLine = 0;
  readonly warnings: CsvWarning[] = [];
  private readonly breakChar: string;

  constructor(
    private readonly sink: RowSink,
    private readonly options: ResolvedCsvOptions,
    newline: string,
  ) {
    this.breakChar = newline === '\r' ? '\r' : '\n';
  }

  /** Handles one parser chunk; throws CsvError for an unterminated quote or too many rows. */
  feed(result: ParseResult<string[]>): void {
    const quoteErrorRows = this.quoteErrors(result);
    result.data.forEach((cells, index) => {
      const line = this.line;
      this.line += 1 + this.breaksInside(cells);
      if (quoteErrorRows.has(index)) this.quoteProblem(quoteErrorRows.get(index)!, line);
      if (cells.length === 1 && trimCell(cells[0]) === '') return;
      if (this.headerLine === 0) return this.takeHeader(cells, line);
      this.takeRow(cells, line);
    });
  }

  private takeHeader(cells: string[], line: number): void {
    const limit = this.options.maxColumns;
    if (cells.length > limit) {
      const count = cells.length.toLocaleString('en-US');
      const message = `file has ${count} columns; the limit is ${limit.toLocaleString('en-US')}`;
      throw new CsvError('TOO_MANY_COLUMNS', message, { line });
    }
    this.headerLine = line;
    this.width = cells.length;
    this.sink.header(cells, line);
  }

  private takeRow(cells: string[], line: number): void {
    // Exports that end every row with a delimiter lose nothing when the empty extras are dropped.
    if (cells.length > this.width && cells.every((c, i) => i < this.width || trimCell(c) === '')) {
      cells.length = this.width;
      if (this.trailingCount++ === 0) this.trailingFirstLine = line;
    }
    if (cells.length !== this.width) {
      this.raggedCount++;
      if (this.ragged.length < this.options.maxListedLines) {
        this.ragged.push({ line, fields: cells.length });
      }
      return;
    }
    if (++this.rowCount > this.options.maxRows) {
      const limit = this.options.maxRows.toLocaleString('en-US');
      throw new CsvError('TOO_MANY_ROWS', `file has more than ${limit} data rows, the limit`, {
        line,
      });
    }
    this.sink.row(cells, line);
  }

  /** Line breaks inside quoted cells of one record. */
  private breaksInside(cells: string[]): number {
    let breaks = 0;
    for (const cell of cells) {
      for (
        let at = cell.indexOf(this.breakChar);
        at !== -1;
        at = cell.indexOf(this.breakChar, at + 1)
      ) {
        breaks++;
      }
    }
    return breaks;
  }

  /** Parser quote error codes by row index within the chunk. */
  private quoteErrors(result: ParseResult<string[]>): Map<number, Set<string>> {
    const rows = new Map<number, Set<string>>();
    for (const error of result.errors) {
      if (error.type !== 'Quotes' || error.row === undefined) continue;
      rows.set(error.row, (rows.get(error.row) ?? new Set<string>()).add(error.code));
    }
    return rows;
  }

  /**
   * An unclosed quote swallows the rest of the file, so it stops the read. Text after a closing
   * quote (`"x"y`) is kept as written with a warning, unless it also left the quote open.
   */
  private quoteProblem(codes: Set<string>, line: number): void {
    if (codes.has('MissingQuotes')) {
      const why = codes.has('InvalidQuotes')
        ? "a quoted field has text after its closing '\"', so the quote never ends"
        : "a quoted field is never closed (a '\"' is missing)";
      const message = `line ${line}: ${why}; inner quotes must be doubled ("")`;
      throw new CsvError('UNTERMINATED_QUOTE', message, { line });
    }
    this.warnings.push({
      code: 'MALFORMED_QUOTES',
      line,
      message: `line ${line}: a quoted field has text after its closing quote; read as written`,
    });
  }
}

/** Throws the error for rows with the wrong field count, or returns the warning for skipping them. */
export function raggedOutcome(feeder: RowFeeder, mode: 'error' | 'skip'): CsvWarning | undefined {
  if (feeder.raggedCount === 0) return undefined;
  const listed = feeder.ragged
    .map((r) => `line ${r.line} has ${r.fields} fields, the header has ${feeder.width}`)
    .join('; ');
  const more = feeder.raggedCount - feeder.ragged.length;
  const rest = more > 0 ? `; and ${more} more` : '';
  const first = feeder.ragged[0].line;
  const rows = feeder.raggedCount === 1 ? '1 row does' : `${feeder.raggedCount} rows do`;
  if (mode === 'error') {
    const message = `${rows} not match the header: ${listed}${rest}`;
    throw new CsvError('RAGGED_ROWS', message, { line: first });
  }
  const message = `skipped ${feeder.raggedCount} ragged row(s): ${listed}${rest}`;
  return { code: 'RAGGED_ROWS_SKIPPED', line: first, message };
}

/** A warning when rows had empty fields past the header's width, which were dropped. */
export function trailingOutcome(feeder: RowFeeder): CsvWarning | undefined {
  if (feeder.trailingCount === 0) return undefined;
  const line = feeder.trailingFirstLine;
  const message =
    `${feeder.trailingCount} row(s) have empty fields past the header's ${feeder.width} ` +
    `(a trailing delimiter), first on line ${line}; the empty fields were dropped`;
  return { code: 'TRAILING_EMPTY_FIELDS', line, message };
}

/** Throws when the file held no header line (only blank lines). */
export function assertHasHeader(feeder: RowFeeder): void {
  if (feeder.headerLine === 0)
    throw new CsvError('EMPTY_FILE', 'file is empty: it holds only blank lines');
}

/** Throws when no data row is left below the header. */
export function assertHasRows(feeder: RowFeeder, header: readonly string[]): void {
  if (feeder.rowCount === 0) {
    const names = header.slice(0, 5).join(', ') + (header.length > 5 ? ', …' : '');
    const message = `no data rows: the file has a header (${names}) but no rows below it`;
    throw new CsvError('NO_DATA_ROWS', message, { line: feeder.headerLine });
  }
}
