// Reading single cell values: missing spellings, strict numbers, booleans and ISO dates.

/** Spellings of "no value" that the engine treats as missing (besides null, NaN and blanks). */
const MISSING_WORDS = new Set(['na', 'n/a', 'nan', 'null', 'none', 'missing', '-', '?']);

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_PATTERN = /^[+-]?inf(?:inity)?$/i;
const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', '0']);

// Year-month-day, optional time and zone. Zone-less times are read as UTC so that a model gives the
// same date parts on every server, whatever its local time zone.
const DATE_PATTERN =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** True for null, undefined, NaN, blank strings and the usual missing-value words. */
export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || MISSING_WORDS.has(text.toLowerCase());
  }
  if (value instanceof Date) return Number.isNaN(value.getTime());
  return false;
}

/**
 * Reads a number strictly: JS numbers as they are, strings after trimming (" 75 " is 75, "inf" is
 * Infinity), booleans as 1/0. Anything else, such as "75m2" or "1 000", gives NaN.
 */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (NUMBER_PATTERN.test(text)) return Number(text);
    if (INFINITY_PATTERN.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    return NaN;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** A boolean spelling (true/false, yes/no, y/n, t/f, 1/0) as 1 or 0; NaN when it is none. */
export function toBoolean(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 1 ? 1 : value === 0 ? 0 : NaN;
  if (typeof value !== 'string') return NaN;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return NaN;
}

/** Milliseconds since the epoch for a Date or an ISO-like date string; NaN otherwise. */
export function toTimestampMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return NaN;
  const match = DATE_PATTERN.exec(value.trim());
  if (match === null) return NaN;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31 || Number(hour ?? 0) > 23) return NaN;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(
    Number(year),
    m - 1,
    d,
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    ms,
  );
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** A categorical level's key: trimmed text for strings, the printed value for anything else. */
export function levelKey(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
