// Byte-level checks and decoding: refuse binary files, read UTF-8 strictly, fall back to Latin-1.
import { CsvError } from './errors';
import type { CsvWarning } from './types';

/** The encodings the reader produces; 'latin1' is decoded as Windows-1252, its common superset. */
export type CsvEncoding = 'utf-8' | 'latin1';

/**
 * Throws NOT_TEXT when `bytes` hold a NUL: binary files and UTF-16 text both do, and no CSV does.
 * `offset` is where `bytes` start in the file, for the message.
 */
export function assertText(bytes: Uint8Array, offset = 0): void {
  const nul = bytes.indexOf(0);
  if (nul === -1) return;
  const format = offset === 0 ? binaryFormat(bytes) : undefined;
  if (format) throw new CsvError('NOT_TEXT', `it is ${format}, not a CSV file: ${saveAsCsv}`);
  const utf16 = offset === 0 && looksLikeUtf16(bytes);
  const hint = utf16 ? ' It looks like UTF-16; save it as UTF-8.' : '';
  const message = `not a text CSV file: it contains a NUL byte at byte ${offset + nul}.${hint}`;
  throw new CsvError('NOT_TEXT', message);
}

const saveAsCsv =
  'open it in its program and save or export the table as CSV (in Excel: File → Save As → CSV UTF-8)';

/**
 * The binary formats people upload instead of a CSV, by their first bytes, so that the message
 * names the format instead of a NUL byte's position. Excel workbooks (.xlsx) are zip archives.
 */
const signatures: Array<[bytes: number[], format: string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (an Excel .xlsx or OpenDocument .ods workbook is one)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Excel workbook (.xls)'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];

function binaryFormat(bytes: Uint8Array): string | undefined {
  const match = signatures.find(([magic]) => magic.every((byte, i) => bytes[i] === byte));
  return match?.[1];
}

/**
 * A UTF-16 byte-order mark, or (without one) NUL bytes in every other position of the start, as
 * ASCII text saved as UTF-16 has.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return true;
  }
  const end = Math.min(bytes.length, 512) & ~1;
  if (end < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = end / 2;
  return Math.max(even, odd) >= 0.8 * pairs && Math.min(even, odd) === 0;
}

/**
 * Returns a function decoding successive chunks of one file. UTF-8 is decoded strictly (invalid
 * bytes throw TypeError) because silently replacing them with U+FFFD loses data; the BOM is dropped.
 */
export function createDecoder(encoding: CsvEncoding): (chunk?: Uint8Array) => string {
  // WHATWG maps the 'latin1' label to windows-1252, which Excel on Windows writes.
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252', {
    fatal: encoding === 'utf-8',
  });
  return (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
}

/** Decodes a whole buffer: UTF-8 when valid (or when forced), otherwise Windows-1252. */
export function decodeAll(
  bytes: Uint8Array,
  forced?: CsvEncoding,
): { text: string; encoding: CsvEncoding; invalidAt?: number } {
  try {
    return { text: decodeWith(bytes, forced ?? 'utf-8'), encoding: forced ?? 'utf-8' };
  } catch (cause) {
    // Some invalid sequences (surrogates, overlongs) pass the quick scan; then point at byte 0.
    const invalidAt = Math.max(0, findInvalidUtf8(bytes));
    if (forced) throw invalidUtf8Error(locateByte(bytes, invalidAt), cause);
    return { text: decodeWith(bytes, 'latin1'), encoding: 'latin1', invalidAt };
  }
}

function decodeWith(bytes: Uint8Array, encoding: CsvEncoding): string {
  const decode = createDecoder(encoding);
  return decode(bytes) + decode();
}

/** Where UTF-8 broke: the offending byte's value and its 1-based line. */
export interface BadByte {
  byte: number;
  line: number;
}

/** INVALID_ENCODING for a file the caller declared UTF-8. */
export function invalidUtf8Error(bad: BadByte, cause?: unknown): CsvError {
  const message = `file is not valid UTF-8 (byte ${hex(bad.byte)} on line ${bad.line}); save it as UTF-8 or choose Latin-1`;
  return new CsvError('INVALID_ENCODING', message, { line: bad.line, cause });
}

/** The warning for a file read as Latin-1 because UTF-8 broke at `bad`. */
export function latin1Warning(bad: BadByte): CsvWarning {
  const message =
    `file is not valid UTF-8 (byte ${hex(bad.byte)} on line ${bad.line}); ` +
    'read it as Latin-1 (Windows-1252). Save it as UTF-8 if characters look wrong.';
  return { code: 'LATIN1_FALLBACK', line: bad.line, message };
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Offset of the first byte that breaks UTF-8, or -1. Used to tell the user where the file stopped
 * being UTF-8; TextDecoder only says that it did.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need === -1) return i;
    for (let k = 1; k <= need; k++) {
      // A sequence cut by the end of the buffer counts as invalid only at the real end of file.
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The byte at `offset` and its 1-based line (LF bytes before it, plus one). */
export function locateByte(bytes: Uint8Array, offset: number): BadByte {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return { byte: bytes[offset] ?? 0, line };
}
