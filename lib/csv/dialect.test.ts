// Unit tests for dialect detection: record terminators outside quotes and the field delimiter.
import { detectDelimiter, detectNewline, lineEndFolder } from './dialect';

describe('detectNewline', () => {
  test('CRLF records with a bare LF inside quotes are CRLF', () => {
    expect(detectNewline('id,comment\r\n1,"Sunny flat\nwith balcony"\r\n2,plain\r\n')).toBe('\r\n');
  });

  test('the majority wins when a quoted cell in the sample is cut off', () => {
    expect(detectNewline('a,b\r\n1,2\r\n3,4\r\n5,"cut\noff')).toBe('\r\n');
  });

  test('LF records with a CRLF inside quotes are LF', () => {
    expect(detectNewline('"note",x\n"two\r\nlines",1\n"one",2\n')).toBe('\n');
  });

  test('old Mac CR records are CR', () => {
    expect(detectNewline('a,b\r1,2\r3,4\r')).toBe('\r');
  });

  test('a single line without terminator defaults to LF', () => {
    expect(detectNewline('a,b')).toBe('\n');
  });
});

describe('lineEndFolder', () => {
  /** Folds `chunks` one after another, as a stream would pass them, and joins the output. */
  const fold = (newline: '\r\n' | '\n' | '\r', chunks: string[]) => {
    const folder = lineEndFolder(newline);
    return chunks.map((chunk, i) => folder(chunk, i === chunks.length - 1)).join('');
  };

  test('CRLF record ends become LF; CRLF inside quotes stays', () => {
    expect(fold('\r\n', ['a,b\r\n"x\r\ny",1\r\nz,2\n'])).toBe('a,b\n"x\r\ny",1\nz,2\n');
  });

  test('a CRLF cut between two chunks is folded, and quote state crosses chunks', () => {
    expect(fold('\n', ['a,b\r', '\n"one\r', '\ntwo', '",1\r\n'])).toBe('a,b\n"one\r\ntwo",1\n');
  });

  test('doubled quotes inside a quoted cell do not end it', () => {
    expect(fold('\r\n', ['"say ""hi""\r\nthere",1\r\n'])).toBe('"say ""hi""\r\nthere",1\n');
  });

  test('a CR held at a chunk end is released by the last call', () => {
    expect(fold('\n', ['a,b\r', ''])).toBe('a,b\r');
  });

  test('CR files are left as they are', () => {
    expect(fold('\r', ['a,b\r\n1,2\r'])).toBe('a,b\r\n1,2\r');
  });
});

describe('detectDelimiter', () => {
  const detect = (text: string) => detectDelimiter(text, '\n', true);

  test.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1,5;2;3\n', ';'],
    ['a\tb\n"x, y; z"\t2\n', '\t'],
    ['a|b\n1|2\n', '|'],
  ])('%j is split on %j', (text, delimiter) => expect(detect(text)).toBe(delimiter));

  test('semicolon rows with decimal commas are not split on the commas', () => {
    expect(detect('area;rooms;age;price\n72,5;3;12;185000,50\n55,0;2;30;142300,00\n')).toBe(';');
  });

  test('a one-column file with decimal points is one column (comma, never ".")', () => {
    expect(detect('value\n12.5\n7.25\n3\n')).toBe(',');
  });

  test('a ragged comma file is still comma-separated, so its rows can be reported', () => {
    expect(detect('x1,x2,y\n1,2,3\n4,5,6,7,8\n9,10\n11,12,13\n')).toBe(',');
  });

  test('an incomplete last sample line is ignored', () => {
    expect(detectDelimiter('a;b\n1;2\n3;4\n5', '\n', false)).toBe(';');
  });
});
