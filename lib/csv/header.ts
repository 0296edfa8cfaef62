// Header hygiene: trimmed, non-empty, unique column names, with a warning for every change.
import type { CsvWarning } from './types';

/** Final names for the header cells, plus one warning per renamed column. */
export interface CleanHeader {
  names: string[];
  warnings: CsvWarning[];
}

/**
 * Trims names, names blank cells `column_N` (N = 1-based position) and suffixes repeats `_2`,
 * `_3`… Names are otherwise kept as written (unicode, dots, spaces inside). A suffix never takes a
 * name that appears elsewhere in the header, so renaming is stable whatever the column order.
 */
export function cleanHeader(cells: readonly string[], line = 1): CleanHeader {
  const base = cells.map((cell, i) => cell.trim() || `column_${i + 1}`);
  const taken = new Set(base);
  const seen = new Set<string>();
  const warnings: CsvWarning[] = [];

  const names = base.map((name, i) => {
    let unique = name;
    if (seen.has(name)) {
      let k = 2;
      while (taken.has(`${name}_${k}`)) k++;
      unique = `${name}_${k}`;
      taken.add(unique);
    }
    seen.add(unique);
    const warning = renameWarning(cells[i], unique, i + 1, line);
    if (warning) warnings.push(warning);
    return unique;
  });
  return { names, warnings };
}

function renameWarning(
  cell: string,
  name: string,
  position: number,
  line: number,
): CsvWarning | undefined {
  if (cell === name) return undefined;
  const column = name;
  const code = 'HEADER_RENAMED';
  if (cell.trim() === '') {
    return { code, column, line, message: `column ${position} has no name; named it '${name}'` };
  }
  if (cell.trim() === name) {
    return {
      code,
      column,
      line,
      message: `column ${position} name '${cell}' trimmed to '${name}'`,
    };
  }
  return {
    code,
    column,
    line,
    message: `column ${position} repeats the name '${cell.trim()}'; renamed it '${name}'`,
  };
}
