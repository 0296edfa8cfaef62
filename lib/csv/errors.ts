// The error thrown when a file cannot be used as a table; its message is written for users.

/** Why a file was refused. */
export type CsvErrorCode =
  | 'EMPTY_FILE'
  | 'NO_DATA_ROWS'
  | 'NOT_TEXT'
  | 'NOT_CSV'
  | 'RAGGED_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'TOO_MANY_ROWS'
  | 'UNTERMINATED_QUOTE'
  | 'INVALID_ENCODING';

/** A file that cannot be read as a table; `line` (1-based) and `column` point at the culprit. */
export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly line?: number;
  readonly column?: string;

  constructor(
    code: CsvErrorCode,
    message: string,
    where: { line?: number; column?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: where.cause });
    this.name = 'CsvError';
    this.code = code;
    this.line = where.line;
    this.column = where.column;
  }
}
