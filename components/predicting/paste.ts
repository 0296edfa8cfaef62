// Rows pasted from a spreadsheet: tab-separated lines, with or without a header line.

/** The pasted rows by feature name, and the header columns that are not features. */
export interface PastedRows {
  rows: Record<string, string>[];
  hasHeader: boolean;
  /** Header columns the model does not use (dropped). */
  ignored: string[];
}

function splitLine(line: string, tabs: boolean): string[] {
  return (tabs ? line.split('\t') : line.split(',')).map((cell) => cell.trim());
}

/**
 * Reads pasted text. Cells are split on tabs (what spreadsheets copy), or on commas when the
 * text has no tab at all. The first line is a header when at least half of the features (at
 * least one) appear in it by name; its columns then map by name, in any order, and columns the
 * model does not use are ignored. Without a header, cells map to `features` in order.
 */
export function parsePastedRows(text: string, features: readonly string[]): PastedRows {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { rows: [], hasHeader: false, ignored: [] };
  const tabs = text.includes('\t');
  const first = splitLine(lines[0], tabs);
  const known = new Set(features);
  const matches = first.filter((cell) => known.has(cell)).length;
  const hasHeader = matches >= Math.max(1, Math.ceil(features.length / 2));

  const columns = hasHeader ? first : features;
  const body = hasHeader ? lines.slice(1) : lines;
  const rows = body.map((line) => {
    const cells = splitLine(line, tabs);
    const row: Record<string, string> = {};
    columns.forEach((name, k) => {
      if (known.has(name)) row[name] = cells[k] ?? '';
    });
    return row;
  });
  const ignored = hasHeader ? first.filter((cell) => cell !== '' && !known.has(cell)) : [];
  return { rows, hasHeader, ignored };
}
