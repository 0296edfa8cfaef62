// Second pass: fills each column with its final values, sized from the counts of the first pass.
import type { ColumnPlan } from './decide';
import { trimCell } from './profile';
import type { CsvWarning } from './types';
import { isMissingToken, parseNumber } from './values';

/** Collects one column's values; `finish` returns the array for the arquero table. */
export interface ColumnBuilder {
  add(cell: string, line: number): void;
  finish(): ArrayLike<unknown>;
  /** Cells stored as null so far. */
  readonly missing: number;
  /** Cells of a user-chosen numeric column that were not numbers. */
  readonly warnings: CsvWarning[];
}

/**
 * A builder for the planned kind; `rowCount` comes from the first pass. With `nanForMissing`
 * numeric columns are always Float64Arrays, NaN marking missing cells.
 */
export function createBuilder(
  plan: ColumnPlan,
  name: string,
  rowCount: number,
  decimal: '.' | ',',
  nanForMissing = false,
): ColumnBuilder {
  if (plan.kind !== 'numeric') return textBuilder(plan.tokensAreMissing, plan.kind !== 'text');
  // A complete column fits a Float64Array: 8 bytes a cell instead of a boxed number each.
  if (plan.complete) return denseNumbers(rowCount, decimal);
  return sparseNumbers(name, decimal, nanForMissing ? new Float64Array(rowCount) : undefined);
}

/** A column the first pass finished: the second pass, if it runs, leaves it alone. */
export function prebuiltBuilder(values: ArrayLike<unknown>, missing: number): ColumnBuilder {
  return { add: () => undefined, finish: () => values, missing, warnings: [] };
}

function denseNumbers(rowCount: number, decimal: '.' | ','): ColumnBuilder {
  const values = new Float64Array(rowCount);
  let row = 0;
  return {
    add: (cell) => void (values[row++] = parseNumber(trimCell(cell), decimal)),
    finish: () => values,
    missing: 0,
    warnings: [],
  };
}

/**
 * Numbers with null for missing, non-finite and (in a column the user made numeric) text cells;
 * written into `floats` with NaN for those instead, when given.
 */
function sparseNumbers(name: string, decimal: '.' | ',', floats?: Float64Array): ColumnBuilder {
  const values: (number | null)[] = [];
  let row = 0;
  let notNumbers = 0;
  let first: { text: string; line: number } | undefined;
  const builder = {
    missing: 0,
    add(cell: string, line: number) {
      const text = trimCell(cell);
      const value = text === '' || isMissingToken(text) ? NaN : parseNumber(text, decimal);
      if (Number.isNaN(value) && text !== '' && !isMissingToken(text)) {
        notNumbers++;
        first ??= { text, line };
      }
      if (!Number.isFinite(value)) builder.missing++;
      if (floats) floats[row++] = Number.isFinite(value) ? value : NaN;
      else values.push(Number.isFinite(value) ? value : null);
    },
    finish: () => floats ?? values,
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
  return builder;
}

/**
 * Text cells; with `share`, repeated values (categories) share one string. Each kept string is
 * copied out of the parser's chunk: V8 substrings can pin the whole chunk for as long as they live.
 */
function textBuilder(tokensAreMissing: boolean, share: boolean): ColumnBuilder {
  const values: (string | null)[] = [];
  const shared = new Map<string, string>();
  const builder = {
    missing: 0,
    warnings: [],
    add(cell: string) {
      const text = trimCell(cell);
      if (text === '' || (tokensAreMissing && isMissingToken(text))) {
        builder.missing++;
        return void values.push(null);
      }
      let kept = share ? shared.get(cell) : undefined;
      if (kept === undefined) {
        kept = detach(cell);
        if (share && shared.size < 100_000) shared.set(kept, kept);
      }
      values.push(kept);
    },
    finish: () => values,
  };
  return builder;
}

/** A copy of `s` that does not reference the string it was sliced from. */
function detach(s: string): string {
  // Short strings are already copies in V8; longer ones are slices of their parent.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
