// Seeded generators of broken and hostile CSV uploads for the upload fuzz run and its fast test:
// each input has a class (what kind of damage), the file's bytes, a file name and form fields.
// The same seed and index always give the same input, so any failure can be replayed.

/** One upload to try. `raw` replaces the well-formed multipart form (damaged form data). */
export interface FuzzInput {
  index: number;
  kind: string;
  file: Buffer;
  fileName: string;
  fields: Record<string, string>;
  raw?: { contentType: string; body: Buffer };
}

/** `full` for the script against a running app; `small` keeps the in-process test fast. */
export type FuzzScale = 'full' | 'small';

/** A seeded generator (mulberry32): floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tools {
  random: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** Bytes for `full`, divided by 8 for `small`. */
  size: (full: number) => number;
}

function tools(random: () => number, scale: FuzzScale): Tools {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    random,
    int,
    pick: (items) => items[Math.floor(random() * items.length)],
    size: (full) => (scale === 'full' ? full : Math.max(16, Math.floor(full / 8))),
  };
}

/** A well-formed CSV: numeric and text columns, a few missing cells. */
export function validCsv(t: Tools, rows = t.int(2, 40), columns = t.int(1, 8)): string {
  const header = Array.from({ length: columns }, (_, c) => (c % 3 === 2 ? `name${c}` : `x${c}`));
  const lines = [header.join(',')];
  for (let r = 0; r < rows; r++) {
    const cells = header.map((name) => {
      if (t.random() < 0.05) return '';
      return name.startsWith('name')
        ? t.pick(['red', 'green', '"a, b"', 'blue'])
        : (t.random() * 100).toFixed(2);
    });
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Inserts `piece` at `count` random places of `base`. */
function sprinkle(t: Tools, base: Buffer, piece: () => Buffer, count: number): Buffer {
  const parts: Buffer[] = [];
  const cuts = Array.from({ length: count }, () => t.int(0, base.length)).sort((a, b) => a - b);
  let from = 0;
  for (const cut of cuts) {
    parts.push(base.subarray(from, cut), piece());
    from = cut;
  }
  parts.push(base.subarray(from));
  return Buffer.concat(parts);
}

type Generator = (t: Tools) => Buffer | Omit<FuzzInput, 'index' | 'kind'>;

/** Each class of damage and how to make one input of it. */
export const generators: Record<string, Generator> = {
  'random-bytes': (t) =>
    Buffer.from(Array.from({ length: t.int(1, t.size(65_536)) }, () => t.int(0, 255))),
  'flipped-bytes': (t) => {
    const file = bytes(validCsv(t));
    for (let i = t.int(1, 12); i > 0; i--) file[t.int(0, file.length - 1)] = t.int(0, 255);
    return file;
  },
  'huge-field': (t) => {
    const field = 'x'.repeat(t.size(t.int(1, 8) * 1024 * 1024));
    return bytes(
      t.pick([`a,b\n1,${field}\n2,3\n`, `a,b\n1,"${field}\n${field}"\n`, `${field},b\n1,2\n`]),
    );
  },
  'deep-quoting': (t) => {
    const quotes = '"'.repeat(t.int(1, t.size(200_000)));
    return bytes(
      t.pick([
        `a,b\n${quotes},1\n`,
        `a,b\n"${'""'.repeat(t.int(1, t.size(100_000)))}",1\n`,
        `a,b\n"unclosed,1\n2,3\n`,
        `a,b\n1,"x"y"z"\n`,
        `"a""b",c\n"1\n,2",3\n`,
        `a,b\n${'"x",'.repeat(t.int(1, 500))}1\n`,
      ]),
    );
  },
  'many-columns': (t) => {
    const columns = t.pick([10_000, 10_000, 5_000, 5_001, 4_999]);
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
    const row = Array.from({ length: columns }, () => String(t.int(0, 9))).join(',');
    return bytes(`${header}\n${Array(t.int(1, 5)).fill(row).join('\n')}\n`);
  },
  'invalid-utf8': (t) => {
    const bad = [
      [0xc3, 0x28],
      [0xff],
      [0xfe, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ];
    return sprinkle(t, bytes(validCsv(t)), () => Buffer.from(t.pick(bad)), t.int(1, 20));
  },
  'mixed-line-ends': (t) => {
    const lines = validCsv(t, t.int(2, 200)).split('\n');
    return bytes(
      lines.map((line) => line + t.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'])).join(''),
    );
  },
  'nul-bytes': (t) =>
    sprinkle(t, bytes(validCsv(t)), () => Buffer.alloc(t.int(1, 4)), t.int(1, 10)),
  'bom-middle': (t) => {
    const bom = () =>
      Buffer.from(
        t.pick([
          [0xef, 0xbb, 0xbf],
          [0xff, 0xfe],
          [0xfe, 0xff],
        ]),
      );
    const file = sprinkle(t, bytes(validCsv(t)), bom, t.int(1, 5));
    return t.random() < 0.5 ? Buffer.concat([bom(), file]) : file;
  },
  empty: (t) => bytes(t.pick(['', '\n', '\r\n\r\n', '   ', '\uFEFF', ',,,\n', '""\n', '\t\n\n'])),
  'header-only': (t) => bytes(t.pick(['a,b,c', 'a,b,c\n', 'a;b;c\r\n', 'a\n\n\n', 'x,y\n,\n'])),
  'long-line': (t) => {
    const cells = Math.floor(t.size(t.int(2, 16) * 1024 * 1024) / 6);
    const line = Array.from({ length: Math.min(cells, 50_000) }, () => t.int(10_000, 99_999)).join(
      ',',
    );
    const long = line.repeat(Math.max(1, Math.floor(cells / 50_000)));
    return bytes(t.pick([`a\n${long}`, `${long}\n1\n`, `a,b\n1,2\n${long}\n`]));
  },
  ragged: (t) => {
    const lines = validCsv(t, t.int(5, 50), t.int(2, 6)).split('\n');
    const at = t.int(1, lines.length - 2);
    lines[at] += t.pick([',extra', ',,,,', '']);
    if (t.random() < 0.5) lines[at] = lines[at].split(',')[0];
    return bytes(lines.join('\n'));
  },
  'odd-headers': (t) =>
    bytes(
      t.pick([
        'a,a,a\n1,2,3\n',
        ',,\n1,2,3\n',
        '<script>alert(1)</script>,b\n1,2\n',
        `${'h'.repeat(t.size(100_000))},b\n1,2\n`,
        '"a\nb",c\n1,2\n',
        '=cmd|/C calc!A0,b\n1,2\n',
      ]),
    ),
  'odd-values': (t) =>
    bytes(
      `x,y\n${Array.from({ length: t.int(3, 30) }, () =>
        t.pick([
          '1e999',
          '-1e999',
          'NaN',
          'Infinity',
          '-0',
          '0x1F',
          '1,5',
          '１２',
          '9'.repeat(400),
          '1.2.3',
          'null',
          '',
        ]),
      )
        .map((v, i) => `${v},${i}`)
        .join('\n')}\n`,
    ),
  'other-encodings': (t) => {
    const rows = Array.from(
      { length: t.int(2, 40) },
      (_, i) => `${t.pick(['René', 'Jürgen', 'Zoë', 'Ålborg'])},${i}`,
    );
    const text = `name,value\n${rows.join('\n')}\n`;
    return t.pick([
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(text, 'utf16le'),
      Buffer.from(text, 'latin1'),
    ]);
  },
  truncated: (t) => {
    const file = bytes(`a,b\n1,"two\nlines"\n${validCsv(t).split('\n').slice(1).join('\n')}`);
    return file.subarray(0, t.int(1, file.length - 1));
  },
  'odd-form': (t) => {
    const file = bytes(validCsv(t));
    return t.pick<Omit<FuzzInput, 'index' | 'kind'>>([
      { file, fileName: `${'n'.repeat(t.int(250, 5000))}.csv`, fields: {} },
      { file, fileName: '../../etc/passwd', fields: { name: 'x'.repeat(t.int(201, 70_000)) } },
      { file, fileName: 'ü<b>.csv', fields: { description: '<img src=x onerror=alert(1)>' } },
      { file, fileName: '', fields: {} },
      { file, fileName: 'a.csv', fields: {}, raw: rawForm(file, 'cut') },
      { file, fileName: 'a.csv', fields: {}, raw: rawForm(file, 'no-file') },
      { file, fileName: 'a.csv', fields: {}, raw: { contentType: 'text/csv', body: file } },
      { file, fileName: 'a.csv', fields: {}, raw: rawForm(file, 'no-boundary') },
    ]);
  },
};

/** Damaged multipart bodies: cut before its end, without a file part, or with a wrong boundary. */
function rawForm(file: Buffer, how: 'cut' | 'no-file' | 'no-boundary') {
  const boundary = 'fuzzboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`;
  const whole = Buffer.concat([bytes(head), file, bytes(`\r\n--${boundary}--\r\n`)]);
  if (how === 'cut') {
    return {
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: whole.subarray(0, whole.length - 20),
    };
  }
  if (how === 'no-file') {
    const body = bytes(
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--${boundary}--\r\n`,
    );
    return { contentType: `multipart/form-data; boundary=${boundary}`, body };
  }
  return { contentType: 'multipart/form-data; boundary=other', body: whole };
}

/** The classes in a fixed order; input i is of class i mod their number. */
export const KINDS = Object.keys(generators);

/** Input `index` of the run seeded with `seed`: the same pair always gives the same input. */
export function fuzzInput(seed: number, index: number, scale: FuzzScale = 'full'): FuzzInput {
  const kind = KINDS[index % KINDS.length];
  const t = tools(seededRandom(seed * 1_000_003 + index), scale);
  const made = generators[kind](t);
  const input = Buffer.isBuffer(made) ? { file: made, fileName: `${kind}.csv`, fields: {} } : made;
  return { index, kind, ...input };
}
