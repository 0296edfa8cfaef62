// Reading a CSV held in memory: checks, decoding, dialect detection, then the two passes.
import Papa from 'papaparse';
import { detectDelimiter, detectNewline, lineEndFolder, parserNewline } from './dialect';
import { assertText, decodeAll, latin1Warning, locateByte, type CsvEncoding } from './encoding';
import { CsvError } from './errors';
import { resolveCsvOptions, type CsvOptions, type ResolvedCsvOptions } from './options';
import { FirstPass, SecondPass, type Dialect } from './passes';
import type { CsvReadResult } from './types';

/**
 * Parses a whole CSV held in memory. Throws CsvError (code, message, line?, column?) when the file
 * cannot be used: empty, binary, header only, ragged rows, too many columns.
 */
export function parseCsv(bytes: Uint8Array, options?: CsvOptions): CsvReadResult {
  const opts = resolveCsvOptions(options);
  if (bytes.length === 0) throw new CsvError('EMPTY_FILE', 'file is empty (0 bytes)');
  assertText(bytes);

  const decoded = decodeAll(bytes, opts.encoding);
  const fellBack = decoded.invalidAt !== undefined;
  const warnings = fellBack ? [latin1Warning(locateByte(bytes, decoded.invalidAt!))] : [];

  const { text } = decoded;
  const dialect = detectDialect(
    text.slice(0, opts.sampleBytes),
    text.length <= opts.sampleBytes,
    decoded.encoding,
    opts,
  );
  const first = new FirstPass(dialect, opts);
  parseText(text, dialect, opts, first.feed);
  const plan = first.plan(warnings);

  const second = new SecondPass(plan, opts);
  if (plan.needsSecondPass) parseText(text, plan.dialect, opts, second.feed);
  return second.result();
}

// How JSON starts and a CSV header does not: an object's first key or end, or an array of objects,
// arrays, strings or numbers. "[id],[name]" (bracketed names, as SQL Server exports) stays a CSV.
const JSON_START = /^\s*(\{\s*("|\}|$)|\[\s*(\{|\[|"|\]|-?\d))/;

/**
 * Refuses JSON (a JSON file renamed .csv, or JSON lines): read as CSV it would become a table of
 * braces and fragments. A whole sample that parses as JSON is refused too.
 */
function assertNotJson(sample: string, complete: boolean): void {
  const text = sample.replace(/^\uFEFF/, '');
  let json = JSON_START.test(text);
  if (!json && complete && /^\s*[{[]/.test(text)) {
    try {
      JSON.parse(text);
      json = true;
    } catch {
      // Not JSON after all.
    }
  }
  if (json) {
    throw new CsvError(
      'NOT_CSV',
      'it looks like JSON, not CSV: export the data as CSV (a header row, then one line per row)',
    );
  }
}

// How XML, SVG and HTML files start; a CSV header does not start with any of these.
const MARKUP_START = /^\s*<(\?xml|!doctype|!--|html[\s>]|svg[\s>])/i;

/** Refuses XML, SVG and HTML: read as CSV they would become a one-column table of tags. */
function assertNotMarkup(sample: string): void {
  if (!MARKUP_START.test(sample.replace(/^\uFEFF/, ''))) return;
  throw new CsvError(
    'NOT_CSV',
    'it looks like XML or HTML, not CSV: export the data as CSV (a header row, then one line per row)',
  );
}

/** Delimiter (unless given) and record terminator from the start of the text. */
export function detectDialect(
  sample: string,
  complete: boolean,
  encoding: CsvEncoding,
  options: ResolvedCsvOptions,
): Dialect {
  assertNotJson(sample, complete);
  assertNotMarkup(sample);
  const newline = detectNewline(sample);
  const delimiter = options.delimiter ?? detectDelimiter(sample, newline, complete);
  return { delimiter, newline, encoding };
}

/** Papaparse settings for a known dialect; nothing is left for it to guess. */
export function papaConfig(dialect: Dialect, options: ResolvedCsvOptions) {
  return {
    delimiter: dialect.delimiter,
    newline: parserNewline(dialect.newline),
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    chunkSize: options.chunkBytes,
  } as const;
}

/** Runs papaparse over in-memory text in chunks; errors thrown by `feed` propagate. */
function parseText(
  text: string,
  dialect: Dialect,
  options: ResolvedCsvOptions,
  feed: (result: Papa.ParseResult<string[]>) => void,
): void {
  let failure: unknown;
  Papa.parse<string[]>(lineEndFolder(dialect.newline)(text, true), {
    ...papaConfig(dialect, options),
    chunk: (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      if (failure) return;
      try {
        feed(result);
      } catch (error) {
        failure = error;
        parser.abort();
      }
    },
    // Papaparse runs string input synchronously: by now every chunk has been fed.
    complete: () => undefined,
  });
  if (failure) throw failure;
}
