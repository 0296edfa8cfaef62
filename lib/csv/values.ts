// Reading single cells: missing-value spellings, formatted numbers, ISO dates and yes/no values.

/**
 * Spellings of "no value" written by common tools (pandas, R, Excel, SQL dumps, ARFF), compared
 * lower-case. They count as missing only in numeric, datetime and boolean columns; see decide.ts.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  'na',
  'n/a',
  'n.a.',
  '#n/a',
  'null',
  'nan',
  '-nan',
  'none',
  'nil',
  '?',
  '-',
  '--',
  '.',
  'missing',
]);

/** True when the (trimmed) cell is a missing-value spelling such as NA, null or `?`. */
export function isMissingToken(trimmed: string): boolean {
  // Cells starting with a digit are the common case and never a token: skip the lower-casing.
  const first = trimmed.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  return trimmed.length <= 7 && MISSING_TOKENS.has(trimmed.toLowerCase());
}

/** Formatting found while parsing one number; reused across calls to avoid an object per cell. */
export interface NumberFormat {
  percent: boolean;
  currency: boolean;
  thousands: boolean;
  accounting: boolean;
}

const PLAIN_DOT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PLAIN_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
const INFINITE = /^[+-]?inf(inity)?$/i;
const CURRENCY = '[$€£¥₹]';
// sign, currency, sign, digits with optional group separators, currency, percent
const FORMATTED = {
  '.': new RegExp(
    `^([+-])?\\s*(${CURRENCY})?\\s*([+-])?(\\d{1,3}(?:([,'\u00a0 ])\\d{3})(?:\\5\\d{3})*(?:\\.\\d*)?|\\d+(?:\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*(${CURRENCY})?\\s*(%)?$`,
  ),
  ',': new RegExp(
    `^([+-])?\\s*(${CURRENCY})?\\s*([+-])?(\\d{1,3}(?:([.'\u00a0 ])\\d{3})(?:\\5\\d{3})*(?:,\\d*)?|\\d+(?:,\\d*)?|,\\d+)([eE][+-]?\\d+)?\\s*(${CURRENCY})?\\s*(%)?$`,
  ),
};

/**
 * Parses a trimmed, non-missing cell as a number with the given decimal mark. Accepts scientific
 * notation, thousands separators in groups of three, currency symbols, a trailing `%` (divided by
 * 100) and accounting negatives `(987.65)`; `Infinity`/`-inf` give ±Infinity. Returns NaN when the
 * cell is not a number. `format`, when given, is overwritten with what was found.
 */
export function parseNumber(text: string, decimal: '.' | ',', format?: NumberFormat): number {
  if (format) format.percent = format.currency = format.thousands = format.accounting = false;
  const shape = numberShape(text, decimal);
  if (shape === PLAIN) {
    if (shapeValue === shapeValue) return shapeValue;
    return Number(decimal === '.' ? text : text.replace(',', '.'));
  }
  if (shape === NONE) return NaN;
  if (shape === GROUPED) {
    if (format) format.thousands = true;
    return Number(decimal === '.' ? text.replaceAll(',', '') : groupedComma(text));
  }
  return parseSlowly(text, decimal, format);
}

/**
 * As `parseNumber`, but only tells whether the cell is a number: NaN when not, ±Infinity for
 * infinite values, otherwise a finite number that is the value only when working it out was
 * needed (numbers without an exponent are finite without converting them). For counters.
 */
export function checkNumber(text: string, decimal: '.' | ',', format?: NumberFormat): number {
  if (format) format.percent = format.currency = format.thousands = format.accounting = false;
  const shape = numberShape(text, decimal);
  if (shape === NONE) return NaN;
  if (shape === OTHER) return parseSlowly(text, decimal, format);
  if (shape === GROUPED && format) format.thousands = true;
  if (!shapeExponent) return 0;
  if (shape === PLAIN) return Number(decimal === '.' ? text : text.replace(',', '.'));
  return Number(decimal === '.' ? text.replaceAll(',', '') : groupedComma(text));
}

/**
 * True when `String(Number(text))` is `text` itself, checked without converting: a plain
 * decimal ('.' mark) with no '+', no superfluous zeros, at most 15 significant digits (which
 * always read back to the same digits) and a size JavaScript writes without an exponent. Such
 * cells are copied as written into the normalised file.
 */
export function isCanonicalNumber(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let c = text.charCodeAt(i);
  let digits = 0;
  const wholeNonZero = c !== 48;
  if (!wholeNonZero) {
    i++;
  } else {
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      digits++;
    }
    if (digits === 0) return false;
  }
  // An integer: "0" (not "-0"), or digits without a leading zero.
  if (i === n) return wholeNonZero ? digits <= 15 : n === 1;
  if (text.charCodeAt(i) !== 46 || ++i === n) return false;
  let leadingZeros = 0;
  let nonZero = wholeNonZero;
  let last = 0;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    if (nonZero || c !== 48) {
      nonZero = true;
      digits++;
    } else {
      leadingZeros++;
    }
    last = c;
    i++;
  }
  if (i !== n || last === 0 || last === 48 || !nonZero) return false;
  // JavaScript writes 0.000001 in full but 0.0000001 as 1e-7.
  return digits <= 15 && (wholeNonZero || leadingZeros <= 5);
}

/** The shapes `numberShape` tells apart. */
const NONE = 0;
const PLAIN = 1;
const GROUPED = 2;
const OTHER = 3;
/** Whether the last cell `numberShape` saw as PLAIN or GROUPED had an exponent. */
let shapeExponent = false;
/** The value of the last PLAIN cell when worked out on the way, else NaN. */
let shapeValue = NaN;

/**
 * Classifies a cell without regular expressions: PLAIN (what PLAIN_DOT / PLAIN_COMMA accept),
 * GROUPED (digits in groups of three separated by the other mark: `1,234.5`), NONE (certainly
 * not a number: only digits, signs, marks and 'e' are used, in no accepted order), or OTHER
 * (currency, percent, spaces, parentheses, words: the regular expressions decide).
 */
function numberShape(text: string, decimal: '.' | ','): number {
  const mark = decimal === '.' ? 46 : 44;
  const group = decimal === '.' ? 44 : 46;
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 || c === 45) i = 1;
  const negative = c === 45;
  const intStart = i;
  // The digits as an integer, exact while there are at most 15 of them.
  let mantissa = 0;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    i++;
  }
  const intLength = i - intStart;
  shapeValue = NaN;
  let grouped = false;
  if (i < n && c === group) {
    if (intLength < 1 || intLength > 3) return fallback(text);
    while (i < n && text.charCodeAt(i) === group) {
      // Past the end charCodeAt gives NaN, which is no digit.
      for (let k = 1; k <= 3; k++) {
        const d = text.charCodeAt(i + k);
        if (!(d >= 48 && d <= 57)) return fallback(text);
      }
      i += 4;
    }
    grouped = true;
  }
  let fraction = 0;
  let hasMark = false;
  if (i < n && text.charCodeAt(i) === mark) {
    hasMark = true;
    i++;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      i++;
      fraction++;
    }
  }
  if (intLength === 0 && !(hasMark && fraction > 0)) return fallback(text);
  shapeExponent = false;
  if (i < n && ((c = text.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = text.charCodeAt(i)) === 43 || c === 45)) i++;
    const expStart = i;
    while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === expStart) return fallback(text);
    shapeExponent = true;
  }
  if (i !== n) return fallback(text);
  if (grouped) return GROUPED;
  // At most 15 digits and no exponent: the digits and the power of ten are exact doubles, so
  // their quotient is the correctly rounded value, the one Number(text) gives (Clinger's fast path).
  if (!shapeExponent && intLength + fraction <= 15) {
    const value = mantissa / POWERS_OF_TEN[fraction];
    shapeValue = negative ? -value : value;
  }
  return PLAIN;
}

/** 10^0 … 10^15, by multiplication (each one exact). */
const POWERS_OF_TEN: number[] = [1];
for (let k = 1; k <= 15; k++) POWERS_OF_TEN.push(POWERS_OF_TEN[k - 1] * 10);

/** NONE when the cell only holds characters the scanner understands fully, else OTHER. */
function fallback(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 0-9 + - . , e E
    if (!(
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 45 ||
      c === 46 ||
      c === 44 ||
      c === 101 ||
      c === 69
    )) {
      return OTHER;
    }
  }
  return NONE;
}

/** A grouped number with a decimal comma as JavaScript reads it: `1.234,5` → `1234.5`. */
function groupedComma(text: string): string {
  return text.replaceAll('.', '').replace(',', '.');
}

/** The regular-expression reading: plain, infinite, then formatted numbers (exported for tests). */
export function parseSlowly(text: string, decimal: '.' | ',', format?: NumberFormat): number {
  if ((decimal === '.' ? PLAIN_DOT : PLAIN_COMMA).test(text)) {
    return Number(decimal === '.' ? text : text.replace(',', '.'));
  }
  if (INFINITE.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return parseFormatted(text, decimal, format);
}

function parseFormatted(text: string, decimal: '.' | ',', format?: NumberFormat): number {
  const accounting = text.length > 2 && text.startsWith('(') && text.endsWith(')');
  const body = accounting ? text.slice(1, -1).trim() : text;
  const m = FORMATTED[decimal].exec(body);
  if (!m) return NaN;
  const [, sign1, cur1, sign2, digits, group, exponent, cur2, percent] = m;
  // One sign and one currency symbol at most, and no sign inside parentheses.
  if ((sign1 && sign2) || (cur1 && cur2) || (accounting && (sign1 || sign2))) return NaN;
  let plain = group ? digits.split(group).join('') : digits;
  if (decimal === ',') plain = plain.replace(',', '.');
  let value = Number(plain + (exponent ?? ''));
  if (sign1 === '-' || sign2 === '-' || accounting) value = -value;
  if (percent) value /= 100;
  if (format) {
    format.percent = !!percent;
    format.currency = !!(cur1 || cur2);
    format.thousands = !!group;
    format.accounting = accounting;
  }
  return value;
}

const ISO_DATE =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for ISO 8601 dates and date-times (`2024-02-29`, `2024-02-29T13:05:00Z`, `2024/02/29`). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  return m[5] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60 && Number(m[7] ?? 0) < 60);
}

/** Pairs of spellings read as a yes/no column (0/1 stays numeric). */
const BOOLEAN_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];

/** Lower-case spellings that may belong to a yes/no column. */
export const BOOLEAN_TOKENS: ReadonlySet<string> = new Set(BOOLEAN_PAIRS.flat());

/** True when the distinct lower-case values all come from one yes/no pair. */
export function isBooleanPair(values: ReadonlySet<string>): boolean {
  return BOOLEAN_PAIRS.some((pair) => [...values].every((v) => pair.includes(v)));
}
