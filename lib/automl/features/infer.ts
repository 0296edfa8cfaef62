// Column kind inference and the decision to drop useless columns (constant, empty, identifier).

import type { ColumnKind } from '../types';
import { isMissing, levelKey, toBoolean, toNumber, toTimestampMs } from './values';

/** Why a column was left out of the features; `message` is shown to users as is. */
export interface DroppedColumn {
  name: string;
  reason: 'constant' | 'all_missing' | 'identifier';
  message: string;
}

/** What inference found out about one column of the training rows. */
export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  /** True when the caller fixed the kind rather than inference. */
  kindGiven: boolean;
  missing: number;
  distinct: number;
  dropped?: DroppedColumn;
}

// A column counts as numeric, boolean or datetime when nearly all of its values read as such; the
// rest become missing at transform time, with a warning, rather than turning it into a category.
const KIND_SHARE = 0.98;
// Below this many rows a run of distinct integers is too weak a hint to call a column an id.
const MIN_ROWS_FOR_ID = 20;
// A shuffled run of distinct integers this long is taken for an id.
const MIN_ROWS_FOR_SHUFFLED_ID = 100;
// id, row_id, "customer id", customerId; not "paid" or "humid".
const ID_NAME = /^(id|index|idx|row|rowid|key|#|unnamed: ?0)$|[_\- ]id$/i;
const CAMEL_ID_NAME = /[a-z]Id$/;

interface Tally {
  missing: number;
  numbers: number;
  booleans: number;
  dates: number;
  integers: number;
  words: number;
  distinct: number;
  min: number;
  max: number;
  /** Numbers so far only rose (or only fell) in row order. */
  rising: boolean;
  falling: boolean;
  last: number;
}

/** Infers the kind of `values` restricted to `rows` and decides whether the column is dropped. */
export function profileColumn(
  name: string,
  values: ArrayLike<unknown>,
  rows: Uint32Array,
  givenKind?: ColumnKind,
): ColumnProfile {
  const tally = tallyValues(values, rows);
  const present = rows.length - tally.missing;
  const kind = givenKind ?? inferKind(tally, present);
  const profile: ColumnProfile = {
    name,
    kind,
    kindGiven: givenKind !== undefined,
    missing: tally.missing,
    distinct: tally.distinct,
  };
  profile.dropped = dropDecision(name, profile, tally, present, rows.length);
  return profile;
}

function tallyValues(values: ArrayLike<unknown>, rows: Uint32Array): Tally {
  const tally: Tally = {
    missing: 0,
    numbers: 0,
    booleans: 0,
    dates: 0,
    integers: 0,
    words: 0,
    distinct: 0,
    min: Infinity,
    max: -Infinity,
    rising: true,
    falling: true,
    last: NaN,
  };
  // Numbers take a fast path (a numeric Set, no string work); each distinct string is classified
  // once, since most columns repeat their values. This keeps inference linear and cheap at 1M rows.
  const numbers = { values: new Float64Array(rows.length), count: 0 };
  const strings = new Map<string, StringClass>();
  for (let r = 0; r < rows.length; r++) {
    const value = values[rows[r]];
    if (typeof value === 'number') {
      if (value !== value) tally.missing++;
      else tallyNumber(tally, value, numbers);
      continue;
    }
    if (isMissing(value)) {
      tally.missing++;
      continue;
    }
    const key = levelKey(value);
    let found = strings.get(key);
    if (found === undefined) {
      found = classify(value);
      strings.set(key, found);
    }
    if (!Number.isNaN(found.number)) tallyNumber(tally, found.number, numbers);
    if (found.boolean) tally.booleans++;
    if (found.date) tally.dates++;
    tally.words += found.words;
  }
  // Numeric strings were counted among the numbers already.
  tally.distinct = countDistinct(numbers.values.subarray(0, numbers.count));
  for (const found of strings.values()) if (Number.isNaN(found.number)) tally.distinct++;
  return tally;
}

interface StringClass {
  number: number;
  boolean: boolean;
  date: boolean;
  words: number;
}

function classify(value: unknown): StringClass {
  return {
    number: typeof value === 'boolean' ? NaN : toNumber(value),
    boolean: !Number.isNaN(toBoolean(value)),
    date: !Number.isNaN(toTimestampMs(value)),
    words: typeof value === 'string' ? countWords(value) : 0,
  };
}

// A typed sort then one pass beats a Set of a million doubles by several times.
function countDistinct(values: Float64Array): number {
  values.sort();
  let distinct = values.length > 0 ? 1 : 0;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) distinct++;
  return distinct;
}

function tallyNumber(tally: Tally, x: number, seen: { values: Float64Array; count: number }): void {
  tally.numbers++;
  seen.values[seen.count++] = x;
  if (Number.isInteger(x)) tally.integers++;
  if (x < tally.min) tally.min = x;
  if (x > tally.max) tally.max = x;
  if (x <= tally.last) tally.rising = false;
  if (x >= tally.last) tally.falling = false;
  tally.last = x;
}

function inferKind(tally: Tally, present: number): ColumnKind {
  if (present === 0) return 'numeric';
  if (tally.numbers >= KIND_SHARE * present) return 'numeric';
  if (tally.booleans >= KIND_SHARE * present) return 'boolean';
  if (tally.dates >= KIND_SHARE * present) return 'datetime';
  // Many distinct multi-word values read as free text (names, descriptions); the rest are levels.
  const meanWords = tally.words / present;
  const distinctShare = tally.distinct / present;
  if (meanWords >= 5 || (meanWords >= 2 && distinctShare > 0.5)) return 'text';
  return 'categorical';
}

function dropDecision(
  name: string,
  profile: ColumnProfile,
  tally: Tally,
  present: number,
  numRows: number,
): DroppedColumn | undefined {
  if (present === 0) {
    return { name, reason: 'all_missing', message: `${name} is entirely missing` };
  }
  // One value plus blanks is a presence indicator (case: a flag column of 1 or blank), so only a
  // single value with no blanks counts as constant.
  if (tally.distinct === 1 && tally.missing === 0) {
    return { name, reason: 'constant', message: `${name} is constant` };
  }
  if (!profile.kindGiven && looksLikeIdentifier(name, profile.kind, tally, numRows)) {
    return { name, reason: 'identifier', message: `${name} is a unique identifier` };
  }
  return undefined;
}

// Unique integers under an id-like name, or forming one run (k..k+n-1) that is sorted or long, are
// row identifiers; a unique float such as a measurement is not. A short shuffled run of integers
// may be a real feature (say, 20 distinct ages), so it stays; users can also fix a column's kind,
// which turns this check off. Unique single-token strings are
// identifiers; unique multi-word strings are text and stay.
function looksLikeIdentifier(name: string, kind: ColumnKind, tally: Tally, numRows: number) {
  const allUnique = tally.missing === 0 && tally.distinct === numRows;
  if (!allUnique || numRows < MIN_ROWS_FOR_ID) return false;
  if (kind === 'numeric') {
    if (tally.integers !== numRows) return false;
    if (ID_NAME.test(name) || CAMEL_ID_NAME.test(name)) return true;
    const run = tally.max - tally.min + 1 === numRows;
    return run && (tally.rising || tally.falling || numRows >= MIN_ROWS_FOR_SHUFFLED_ID);
  }
  return kind === 'categorical';
}

/** Number of whitespace-separated words in `text`. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || code === 9 || code === 10 || code === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
