// Unit tests for byte-level checks and decoding.
import { assertText, decodeAll, findInvalidUtf8, locateByte } from './encoding';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('assertText', () => {
  test('a NUL byte means binary', () => {
    expect(() => assertText(bytes(0x61, 0x2c, 0x62, 0x0a, 0x00))).toThrow(
      'not a text CSV file: it contains a NUL byte at byte 4.',
    );
  });

  test('an Excel workbook (a zip archive) is named, with how to save it as CSV', () => {
    expect(() => assertText(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toThrow(
      'it is a zip archive (an Excel .xlsx or OpenDocument .ods workbook is one), not a CSV file: ' +
        'open it in its program and save or export the table as CSV (in Excel: File → Save As → CSV UTF-8)',
    );
    expect(() => assertText(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0x00))).toThrow(
      /^it is an old-style Excel workbook \(\.xls\), not a CSV file/,
    );
  });

  test('a signature further into the file is only a NUL byte', () => {
    expect(() => assertText(bytes(0x50, 0x4b, 0x03, 0x04, 0x00), 100)).toThrow(
      'not a text CSV file: it contains a NUL byte at byte 104.',
    );
  });

  test('UTF-16 gets a hint to save as UTF-8', () => {
    expect(() => assertText(bytes(0xff, 0xfe, 0x61, 0x00))).toThrow(/looks like UTF-16/);
  });

  test('UTF-16 without a byte-order mark is recognised by its NUL bytes', () => {
    const littleEndian = Buffer.from('price,carat\n326,0.23\n', 'utf16le');
    expect(() => assertText(littleEndian)).toThrow(/looks like UTF-16; save it as UTF-8/);
    const bigEndian = Buffer.from(littleEndian).swap16();
    expect(() => assertText(bigEndian)).toThrow(/looks like UTF-16/);
  });

  test('text passes', () => {
    expect(() => assertText(new TextEncoder().encode('a,b\n1,2\n'))).not.toThrow();
  });
});

describe('findInvalidUtf8', () => {
  test('valid UTF-8 gives -1', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('Größe €'))).toBe(-1);
  });

  test('a Latin-1 byte is found at its offset', () => {
    expect(findInvalidUtf8(bytes(0x4b, 0xf6, 0x6c, 0x6e))).toBe(1);
  });

  test('a sequence cut by the end is invalid', () => {
    expect(findInvalidUtf8(bytes(0x61, 0xe2, 0x82))).toBe(1);
  });
});

describe('decodeAll', () => {
  test('drops a UTF-8 BOM', () => {
    const { text, encoding } = decodeAll(bytes(0xef, 0xbb, 0xbf, 0x22, 0x69, 0x64, 0x22));
    expect(text).toBe('"id"');
    expect(encoding).toBe('utf-8');
  });

  test('falls back to Windows-1252 and says where UTF-8 broke', () => {
    const result = decodeAll(bytes(0x61, 0x0a, 0x4b, 0xf6, 0x6c, 0x6e, 0x0a, 0x80));
    expect(result).toEqual({ text: 'a\nKöln\n€', encoding: 'latin1', invalidAt: 3 });
    expect(locateByte(bytes(0x61, 0x0a, 0x4b, 0xf6), 3)).toEqual({ byte: 0xf6, line: 2 });
  });

  test('a forced encoding is used as given', () => {
    expect(decodeAll(new TextEncoder().encode('Köln'), 'latin1').text).toBe('KÃ¶ln');
  });
});
