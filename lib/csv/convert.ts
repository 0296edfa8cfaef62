// Cells of the normalised copy: each cell converted as the table builders would, written as CSV text.
import type { ColumnPlan } from './decide';
import { trimCell } from './profile';
import type { CsvWarning } from './types';
import { isCanonicalNumber, isMissingToken, parseNumber } from './values';

/** One column's cells as they appear in the normalised file; null for a missing cell. */
export interface CellWriter {
  /** The cell as CSV text (quoted when needed), or null when it is missing. */
  write(cell: string, line: number): string | null;
  /** Cells written as missing so far. */
  readonly missing: number;
  /** Cells of a user-chosen numeric column that were not numbers. */
  readonly warnings: CsvWarning[];
}

// Papaparse's `unparse` rule (which `csvTextChunks` uses): quote a cell holding a quote, comma,
// line break or byte-order mark, or starting or ending with a space.
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/** A text cell as `Papa.unparse` writes it with a comma delimiter; `""` doubles inner quotes. */
export function csvCell(text: string): string {
  if (!NEEDS_QUOTES.test(text)) return text;
  return '"' + text.replaceAll('"', '""') + '"';
}

/**
 * A writer for the planned kind, converting cells exactly as `createBuilder` stores them:
 * numbers in JavaScript's shortest round-trip notation (as `csvTextChunks` writes a number),
 * missing and non-finite numbers as null, text cells unchanged (only quoted when needed).
 */
export function cellWriter(plan: ColumnPlan, name: string, decimal: '.' | ','): CellWriter {
  return plan.kind === 'numeric' ? numberWriter(name, decimal) : textWriter(plan.tokensAreMissing);
}

function numberWriter(name: string, decimal: '.' | ','): CellWriter {
  let notNumbers = 0;
  let first: { text: string; line: number } | undefined;
  const writer = {
    missing: 0,
    write(cell: string, line: number): string | null {
      const text = trimCell(cell);
      if (text === '' || isMissingToken(text)) {
        writer.missing++;
        return null;
      }
      // Most cells are already written as JavaScript writes their number: copy them.
      if (decimal === '.' && isCanonicalNumber(text)) return text;
      const value = parseNumber(text, decimal);
      if (value - value === 0) return String(value);
      // NaN (not a number; only in a column the user made numeric) or ±Infinity.
      if (value !== value) {
        notNumbers++;
        first ??= { text, line };
      }
      writer.missing++;
      return null;
    },
    get warnings(): CsvWarning[] {
      if (!first) return [];
      const message =
        `column '${name}': ${notNumbers} cells are not numbers and were read as missing ` +
        `(first: '${first.text}' on line ${first.line})`;
      return [
        {
          code: 'NOT_A_NUMBER',
          column: name,
          line: first.line,
          count: notNumbers,
          value: first.text,
          message,
        },
      ];
    },
  };
  return writer;
}

function textWriter(tokensAreMissing: boolean): CellWriter {
  const writer = {
    missing: 0,
    warnings: [],
    write(cell: string): string | null {
      const text = trimCell(cell);
      if (text === '' || (tokensAreMissing && isMissingToken(text))) {
        writer.missing++;
        return null;
      }
      return csvCell(cell);
    },
  };
  return writer;
}
