// Dialect detection from the first part of a file: record terminator and field delimiter.
import Papa from 'papaparse';

/** Delimiters the reader recognises, in order of preference when two fit equally well. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
/** One of the recognised field delimiters. */
export type Delimiter = (typeof DELIMITERS)[number];
/** A record terminator. */
export type Newline = '\r\n' | '\n' | '\r';

/**
 * The record terminator used outside quoted fields, by majority. Papaparse guesses from the first
 * line break anywhere, so a bare LF inside a quoted cell of a CRLF file breaks it (case 03).
 */
export function detectNewline(sample: string): Newline {
  const counts = { '\r\n': 0, '\n': 0, '\r': 0 };
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34)
      quoted = !quoted; // a doubled quote toggles twice, so it cancels out
    else if (quoted) continue;
    else if (c === 13 && sample.charCodeAt(i + 1) === 10) (counts['\r\n']++, i++);
    else if (c === 10) counts['\n']++;
    else if (c === 13 && i + 1 < sample.length) counts['\r']++;
  }
  if (counts['\r\n'] >= counts['\n'] && counts['\r\n'] >= counts['\r'] && counts['\r\n'] > 0) {
    return '\r\n';
  }
  return counts['\r'] > counts['\n'] ? '\r' : '\n';
}

/**
 * The terminator papaparse is given. It splits records on one terminator only, so a file that mixes
 * CRLF and LF lines (an export edited by hand, files concatenated) would have whole rows merged into
 * the last cell of the row before. Text read with CRLF or LF is therefore passed through
 * `lineEndFolder` (CRLF record ends → LF) and parsed with LF; only files of bare CRs keep theirs.
 */
export function parserNewline(newline: Newline): '\n' | '\r' {
  return newline === '\r' ? '\r' : '\n';
}

/**
 * Returns a function turning successive text chunks into text whose CRLF record ends are LF
 * (unchanged for a CR file). CRLF inside quoted cells is kept, so cell text is not altered; quote
 * state carries from chunk to chunk. A CR ending one chunk is held until the next shows whether an
 * LF follows; the last call passes `final` to release it.
 */
export function lineEndFolder(newline: Newline): (text: string, final?: boolean) => string {
  if (newline === '\r') return (text) => text;
  let held = '';
  let quoted = false;
  return (text, final = false) => {
    let chunk = held + text;
    held = '';
    if (!final && chunk.endsWith('\r')) {
      held = '\r';
      chunk = chunk.slice(0, -1);
    }
    let out = '';
    let copiedTo = 0;
    let nextQuote = chunk.indexOf('"');
    let nextCrlf = chunk.indexOf('\r\n');
    while (nextQuote !== -1 || (nextCrlf !== -1 && !quoted)) {
      if (!quoted && nextCrlf !== -1 && (nextQuote === -1 || nextCrlf < nextQuote)) {
        out += chunk.slice(copiedTo, nextCrlf) + '\n';
        copiedTo = nextCrlf + 2;
        nextCrlf = chunk.indexOf('\r\n', copiedTo);
        continue;
      }
      quoted = !quoted; // a doubled quote toggles twice, so it cancels out
      const after = nextQuote + 1;
      nextQuote = chunk.indexOf('"', after);
      if (nextCrlf !== -1 && nextCrlf < after) nextCrlf = chunk.indexOf('\r\n', after);
    }
    return copiedTo === 0 ? chunk : out + chunk.slice(copiedTo);
  };
}

/**
 * The delimiter whose split gives the header more than one field and the most rows with the
 * header's field count. When none splits the header, the file has one column and ',' is returned
 * (a sniffer that insists on finding a delimiter fails on such files, case 01).
 */
export function detectDelimiter(sample: string, newline: Newline, complete: boolean): Delimiter {
  let best: { delimiter: Delimiter; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const score = consistency(sample, newline, delimiter, complete);
    if (score !== undefined && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter ?? ',';
}

/** Share of sample rows with as many fields as the header; undefined when the header is one field. */
function consistency(
  sample: string,
  newline: Newline,
  delimiter: Delimiter,
  complete: boolean,
): number | undefined {
  const rows = Papa.parse<string[]>(sample, { delimiter, newline, quoteChar: '"' }).data;
  // The sample may end inside a row; drop it unless the sample is the whole file.
  if (!complete && rows.length > 1) rows.pop();
  const filled = rows.filter((row) => row.length > 1 || row[0].trim() !== '');
  if (filled.length === 0 || filled[0].length < 2) return undefined;
  const width = filled[0].length;
  const data = filled.slice(1);
  if (data.length === 0) return 1;
  return data.filter((row) => row.length === width).length / data.length;
}
