// Encoders that derive several numeric parts from one column: datetimes and free text.

import type { MatrixFeature } from '../types';
import { categoricalColumn, fitVocabulary, type VocabularyOptions } from './encoders';
import { countWords } from './infer';
import { isMissing, toTimestampMs } from './values';
import { WarningCounter, type DataWarning } from './warnings';

/** A numeric part derived from a date (all in UTC). */
export type DatePart = 'year' | 'month' | 'day' | 'dayofweek' | 'hour' | 'timestamp';

/** A date column as numeric parts (UTC); `parts` lists those that varied in training. */
export interface DatetimeEncoder {
  kind: 'datetime';
  source: string;
  parts: DatePart[];
}

/** Free text as its length, word count and first word (a categorical, e.g. a car's make). */
export interface TextEncoder {
  kind: 'text';
  source: string;
  firstWords: string[];
}

const ALL_PARTS: DatePart[] = ['year', 'month', 'day', 'dayofweek', 'hour', 'timestamp'];

/** Reads the column as epoch milliseconds (NaN = missing or unreadable, with a warning). */
export function timestampColumn(
  source: string,
  values: ArrayLike<unknown>,
  warnings: DataWarning[],
): Float64Array {
  const out = new Float64Array(values.length);
  const unreadable = new WarningCounter('NOT_A_DATE', source);
  // Date columns repeat their values a lot; parsing each distinct string once halves the time.
  const parse = memoize(toTimestampMs);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    out[i] = isMissing(value) ? NaN : parse(value);
    if (Number.isNaN(out[i]) && !isMissing(value)) unreadable.add(i, value);
  }
  unreadable.flush(warnings);
  return out;
}

/** Keeps the date parts that vary over the training rows; the timestamp always stays. */
export function fitDatetime(source: string, timestamps: Float64Array, rows: Uint32Array) {
  const parts = ALL_PARTS.filter((part) => {
    if (part === 'timestamp') return true;
    let first = NaN;
    for (let r = 0; r < rows.length; r++) {
      const ms = timestamps[rows[r]];
      if (Number.isNaN(ms)) continue;
      const value = datePart(part, ms);
      if (Number.isNaN(first)) first = value;
      else if (value !== first) return true;
    }
    return false;
  });
  return { kind: 'datetime', source, parts } satisfies DatetimeEncoder;
}

/** One column per part; the timestamp is in seconds since 1970-01-01 UTC. */
export function datetimeColumns(encoder: DatetimeEncoder, timestamps: Float64Array) {
  return encoder.parts.map((part) => {
    const out = new Float64Array(timestamps.length);
    for (let i = 0; i < out.length; i++) {
      const ms = timestamps[i];
      out[i] = Number.isNaN(ms) ? NaN : datePart(part, ms);
    }
    return out;
  });
}

const MS_PER_DAY = 86_400_000;

// Calendar arithmetic instead of a Date object per cell: a million rows take milliseconds.
function datePart(part: DatePart, ms: number): number {
  if (part === 'timestamp') return ms / 1000;
  const days = Math.floor(ms / MS_PER_DAY);
  if (part === 'hour') return Math.floor((ms - days * MS_PER_DAY) / 3_600_000);
  if (part === 'dayofweek') return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const civil = civilFromDays(days);
  return part === 'year' ? civil.year : part === 'month' ? civil.month : civil.day;
}

/** Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Learns the vocabulary of first words. */
export function fitText(
  source: string,
  values: ArrayLike<unknown>,
  rows: Uint32Array,
  options: VocabularyOptions,
): TextEncoder {
  return { kind: 'text', source, firstWords: fitVocabulary(values, rows, options, firstWord) };
}

/** Length in characters, word count, first-word code (missing text gives NaN in all three). */
export function textColumns(encoder: TextEncoder, values: ArrayLike<unknown>): Float64Array[] {
  const length = new Float64Array(values.length);
  const words = new Float64Array(values.length);
  const wordCount = memoize((value) => countWords(String(value)));
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text = isMissing(value) ? null : String(value).trim();
    length[i] = text === null ? NaN : text.length;
    words[i] = text === null ? NaN : wordCount(text);
  }
  // Unseen first words are routine for text, so they raise no notice.
  const first = categoricalColumn(
    encoder.source,
    encoder.firstWords,
    values,
    [],
    false,
    memoize(firstWord),
  );
  return [length, words, first];
}

// Distinct strings remembered per column at most; past that, values are computed each time.
const MEMO_LIMIT = 100_000;

/** Caches `compute` for string inputs (the common repeated case); other values pass through. */
function memoize<T>(compute: (value: unknown) => T): (value: unknown) => T {
  const cache = new Map<string, T>();
  return (value) => {
    if (typeof value !== 'string') return compute(value);
    let result = cache.get(value);
    if (result === undefined) {
      result = compute(value);
      if (cache.size < MEMO_LIMIT) cache.set(value, result);
    }
    return result;
  };
}

function firstWord(value: unknown): string {
  const text = String(value).trim().toLowerCase();
  const end = text.search(/\s/);
  return end === -1 ? text : text.slice(0, end);
}

/** Matrix columns produced by a derived encoder, named `source.part`. */
export function derivedFeatures(encoder: DatetimeEncoder | TextEncoder): MatrixFeature[] {
  const numeric = (part: string): MatrixFeature => ({
    name: `${encoder.source}.${part}`,
    source: encoder.source,
    categorical: false,
    numCategories: 0,
  });
  if (encoder.kind === 'datetime') return encoder.parts.map(numeric);
  return [
    numeric('length'),
    numeric('words'),
    {
      name: `${encoder.source}.first_word`,
      source: encoder.source,
      categorical: true,
      numCategories: encoder.firstWords.length + 1,
    },
  ];
}
