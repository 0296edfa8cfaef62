// The regex-free number scanner agrees with the regular expressions on every cell it decides.
import {
  checkNumber,
  isCanonicalNumber,
  parseNumber,
  parseSlowly,
  type NumberFormat,
} from './values';

const ALPHABET = '0123456789+-.,eE %$(),0011';

/** Deterministic random cells of 1–9 characters from the alphabet, plus known shapes. */
function cells(count: number): string[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const out = [
    '1,234.5',
    '1.234,5',
    '123.456',
    '-1,234,567.89e3',
    '1,23',
    '1,2345',
    '.5',
    '5.',
    '.',
    '+.5e-3',
    '1e',
    '1e+',
    '--1',
    '+-1',
    '(1,234.50)',
    '$1,234',
    '12.5%',
    '1,000e400',
    '1e400',
    'inf',
    '-Infinity',
  ];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 9);
    let text = '';
    for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    out.push(text.trim() || '0');
  }
  return out;
}

const format = (): NumberFormat => ({
  percent: false,
  currency: false,
  thousands: false,
  accounting: false,
});

describe('number scanner', () => {
  const all = cells(200_000);

  test.each(['.', ','] as const)(
    'parseNumber equals the regular expressions (decimal %s)',
    (decimal) => {
      for (const text of all) {
        const fast = format();
        const slow = format();
        const a = parseNumber(text, decimal, fast);
        const b = parseSlowly(text, decimal, slow);
        if (!Object.is(a, b) || JSON.stringify(fast) !== JSON.stringify(slow)) {
          throw new Error(
            `'${text}' (${decimal}): ${a} ${JSON.stringify(fast)} vs ${b} ${JSON.stringify(slow)}`,
          );
        }
      }
    },
  );

  test.each(['.', ','] as const)(
    'checkNumber agrees on number, finiteness and format (decimal %s)',
    (decimal) => {
      for (const text of all) {
        const fast = format();
        const slow = format();
        const a = checkNumber(text, decimal, fast);
        const b = parseSlowly(text, decimal, slow);
        const same =
          Number.isNaN(a) === Number.isNaN(b) &&
          Number.isFinite(a) === Number.isFinite(b) &&
          (Number.isFinite(b) || Object.is(a, b)) &&
          JSON.stringify(fast) === JSON.stringify(slow);
        if (!same) throw new Error(`'${text}' (${decimal}): ${a} vs ${b}`);
      }
    },
  );

  test('plain decimals of up to 17 digits read as Number reads them (fast path exact)', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 300_000; i++) {
      const digits = 1 + Math.floor(random() * 17);
      let text = '';
      for (let k = 0; k < digits; k++) text += Math.floor(random() * 10);
      const point = Math.floor(random() * (digits + 1));
      if (point < digits) text = text.slice(0, point) + '.' + text.slice(point);
      if (random() < 0.3) text = '-' + text;
      for (const decimal of ['.', ','] as const) {
        const written = decimal === '.' ? text : text.replace('.', ',');
        if (!Object.is(parseNumber(written, decimal), Number(text))) {
          throw new Error(
            `'${written}' (${decimal}): ${parseNumber(written, decimal)} vs ${Number(text)}`,
          );
        }
      }
    }
  });

  test('isCanonicalNumber only for text that a number writes back unchanged', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const samples = [
      ...all,
      '0',
      '-0',
      '0.0',
      '10',
      '0.5',
      '-0.5',
      '0.000001',
      '0.0000001',
      '123456789012345',
      '1234567890123456',
      '1.10',
      '01',
      '-',
      '1e5',
      '0.1234567890123456',
    ];
    for (let i = 0; i < 100_000; i++) {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 12);
      samples.push(
        String(x),
        x.toFixed(Math.floor(random() * 8)),
        x.toPrecision(1 + Math.floor(random() * 17)),
      );
    }
    let canonical = 0;
    for (const text of samples) {
      if (isCanonicalNumber(text)) {
        canonical++;
        if (String(Number(text)) !== text) throw new Error(`'${text}' is not canonical`);
      }
    }
    expect(canonical).toBeGreaterThan(100_000);
    expect(
      ['0', '10', '0.5', '-0.5', '0.000001', '123456789012345', '123.456'].every(isCanonicalNumber),
    ).toBe(true);
    expect(
      ['-0', '0.0', '1.10', '01', '1e5', '0.0000001', '1234567890123456', '+1', '.5'].some(
        isCanonicalNumber,
      ),
    ).toBe(false);
  });
});
