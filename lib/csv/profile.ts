// First pass over a column: what its cells look like, kept in counters rather than cell copies.
import {
  BOOLEAN_TOKENS,
  checkNumber,
  isIsoDate,
  isMissingToken,
  parseNumber,
  type NumberFormat,
} from './values';
import { NumberBuffer } from './number-buffer';

/** Cap on remembered distinct values; enough to tell categorical from free text. */
const DISTINCT_CAP = 10_000;

/** How a column's cells parse as numbers with one decimal mark. */
export interface NumberTally {
  count: number;
  percent: number;
  currency: number;
  thousands: number;
  accounting: number;
  /** Lines of ±Infinity cells (first few) and how many there were. */
  infiniteLines: number[];
  infinite: number;
}

/** A value that stopped a column from being numeric, for the note that says so. */
export interface Offender {
  value: string;
  line: number;
  /** Cells that parsed as numbers before it. */
  numbersBefore: number;
}

const newTally = (): NumberTally => ({
  count: 0,
  percent: 0,
  currency: 0,
  thousands: 0,
  accounting: 0,
  infiniteLines: [],
  infinite: 0,
});

const scratch: NumberFormat = {
  percent: false,
  currency: false,
  thousands: false,
  accounting: false,
};

/** Counters for one column, fed one cell at a time by the first pass. */
export class ColumnProfile {
  cells = 0;
  empty = 0;
  /** Missing-value spellings as written, with counts. */
  readonly tokens = new Map<string, number>();
  /** Tallies per decimal mark; null once a cell failed to parse with that mark. */
  dot: NumberTally | null = newTally();
  comma: NumberTally | null = newTally();
  /**
   * The cells read with a decimal point while every cell so far was a number (NaN for missing),
   * dropped at the first cell that is not. A numeric column is then ready without a second pass.
   */
  numbers: NumberBuffer | null;
  firstNonNumeric?: Offender;
  dates = true;
  booleans = true;
  readonly booleanValues = new Set<string>();
  readonly distinct = new Set<string>();
  /** Non-empty cells seen when `distinct` reached its cap (0 while below it). */
  cellsAtCap = 0;
  /** Cells that are not numbers, and how many of them hold whitespace and characters. */
  wordCells = 0;
  withSpace = 0;
  totalLength = 0;

  /**
   * `keepNumbers: false` skips the number buffer, for readers that only need the counters (the
   * streamed normalisation of an upload), so the first pass holds no cell values at all.
   */
  constructor(keepNumbers = true) {
    this.numbers = keepNumbers ? new NumberBuffer() : null;
  }

  /** Records one cell found on file line `line`. */
  add(cell: string, line: number): void {
    this.cells++;
    const text = trimCell(cell);
    if (text === '') {
      this.empty++;
      this.numbers?.push(NaN);
      return;
    }
    this.remember(text);
    if (isMissingToken(text)) {
      this.tokens.set(text, (this.tokens.get(text) ?? 0) + 1);
      this.numbers?.push(NaN);
      return;
    }
    // A number can be neither an ISO date nor yes/no, so the other checks stop here.
    if (this.addNumber(text, line)) {
      this.dates = this.booleans = false;
      return;
    }
    if (this.dates && !isIsoDate(text)) this.dates = false;
    if (this.booleans) this.addBoolean(text);
    this.wordCells++;
    if (/\s/.test(text)) this.withSpace++;
    this.totalLength += text.length;
  }

  /** Cells that are neither empty nor a missing-value spelling. */
  get values(): number {
    return this.cells - this.empty - this.tokenCount;
  }

  get tokenCount(): number {
    let n = 0;
    for (const count of this.tokens.values()) n += count;
    return n;
  }

  /**
   * Counts distinct values up to the cap. Once twice the cap of non-empty cells were seen below
   * it, the share of distinct values can no longer exceed one half (see `nonNumericKind`), so
   * the count stops: hashing every cell of a long categorical column was a fifth of a read.
   */
  private remember(text: string): void {
    if (this.cellsAtCap > 0 || this.cells - this.empty > 2 * DISTINCT_CAP) return;
    if (this.distinct.has(text)) return;
    // A copy: a slice of the parser's chunk would keep the whole chunk alive.
    this.distinct.add(text.length < 13 ? text : (' ' + text).slice(1));
    if (this.distinct.size === DISTINCT_CAP) this.cellsAtCap = this.cells - this.empty;
  }

  /** Tallies the cell under both decimal marks; true when either parsed it. */
  private addNumber(text: string, line: number): boolean {
    const numbersBefore = Math.max(this.dot?.count ?? 0, this.comma?.count ?? 0);
    // The value itself is only needed for the kept numbers; the tallies need its shape.
    const dotValue = !this.dot
      ? NaN
      : this.numbers
        ? parseNumber(text, '.', scratch)
        : checkNumber(text, '.', scratch);
    if (this.dot && !tally(this.dot, dotValue, line)) this.dot = this.numbers = null;
    // Infinite values are stored as missing, like every other non-finite number.
    this.numbers?.push(dotValue - dotValue === 0 ? dotValue : NaN);
    if (this.comma) {
      // Without ',' or '.' both marks read the same digits: reuse the value and `scratch`.
      const same = this.dot !== null && text.indexOf(',') === -1 && text.indexOf('.') === -1;
      const commaValue = same ? dotValue : checkNumber(text, ',', scratch);
      if (!tally(this.comma, commaValue, line)) this.comma = null;
    }
    if (this.dot || this.comma) return true;
    if (!this.firstNonNumeric) this.firstNonNumeric = { value: text, line, numbersBefore };
    return false;
  }

  private addBoolean(text: string): void {
    const lower = text.toLowerCase();
    if (!BOOLEAN_TOKENS.has(lower)) this.booleans = false;
    else this.booleanValues.add(lower);
  }
}

/** Adds a parsed value (formatting in `scratch`) to a tally; false when it is not a number. */
function tally(t: NumberTally, value: number, line: number): boolean {
  if (Number.isNaN(value)) return false;
  t.count++;
  if (!Number.isFinite(value)) {
    t.infinite++;
    if (t.infiniteLines.length < 5) t.infiniteLines.push(line);
  }
  if (scratch.percent) t.percent++;
  if (scratch.currency) t.currency++;
  if (scratch.thousands) t.thousands++;
  if (scratch.accounting) t.accounting++;
  return true;
}

/** The cell without surrounding whitespace; skips the copy in the common untouched case. */
export function trimCell(cell: string): string {
  if (cell.length === 0) return cell;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  return first <= 32 || last <= 32 || first === 160 || last === 160 ? cell.trim() : cell;
}
