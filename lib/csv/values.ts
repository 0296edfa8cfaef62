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
