// Second pass: fills each column with its final values, sized from the counts of the first pass.
import { trimCell } from './profile';
import type { ColumnPlan } from './decide';
import { isMissingToken, parseNumber } from './values';

/** Collects one column's values; `finish` returns the array for the arquero table. */
export interface ColumnBuilder {
  add(cell: string): void;
  finish(): ArrayLike<unknown>;
}

/** A builder for the planned kind; `missing` and `rowCount` come from the first pass. */
export function createBuilder(
  plan: ColumnPlan,
  rowCount: number,
  missing: number,
  decimal: '.' | ',',
): ColumnBuilder {
  if (plan.kind !== 'numeric') return textBuilder(plan.tokensAreMissing);
  // A complete column fits a Float64Array: 8 bytes a cell instead of a boxed number each.
  return missing === 0 ? denseNumbers(rowCount, decimal) : sparseNumbers(decimal);
}

function denseNumbers(rowCount: number, decimal: '.' | ','): ColumnBuilder {
  const values = new Float64Array(rowCount);
  let row = 0;
  return {
    add: (cell) => void (values[row++] = parseNumber(trimCell(cell), decimal)),
    finish: () => values,
  };
}

function sparseNumbers(decimal: '.' | ','): ColumnBuilder {
  const values: (number | null)[] = [];
  return {
    add(cell) {
      const text = trimCell(cell);
      const value = text === '' || isMissingToken(text) ? NaN : parseNumber(text, decimal);
      values.push(Number.isFinite(value) ? value : null);
    },
    finish: () => values,
  };
}

/**
 * Text cells, with repeated values sharing one string. Each kept string is copied out of the
 * parser's chunk: V8 substrings can pin the whole chunk in memory for as long as they live.
 */
function textBuilder(tokensAreMissing: boolean): ColumnBuilder {
  const values: (string | null)[] = [];
  const shared = new Map<string, string>();
  return {
    add(cell) {
      const text = trimCell(cell);
      if (text === '' || (tokensAreMissing && isMissingToken(text))) return void values.push(null);
      let kept = shared.get(cell);
      if (kept === undefined) {
        kept = detach(cell);
        if (shared.size < 100_000) shared.set(kept, kept);
      }
      values.push(kept);
    },
    finish: () => values,
  };
}

/** A copy of `s` that does not reference the string it was sliced from. */
function detach(s: string): string {
  // Short strings are already copies in V8; longer ones are slices of their parent.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
