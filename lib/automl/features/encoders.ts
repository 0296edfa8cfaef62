// Encoders for single columns: numeric, boolean and categorical, each with fit, features and transform.

import type { MatrixFeature } from '../types';
import { isMissing, levelKey, toBoolean, toNumber } from './values';
import { WarningCounter, type DataWarning } from './warnings';

/** A numeric column passed through; unreadable and infinite values become NaN. */
export interface NumericEncoder {
  kind: 'numeric';
  source: string;
}

/** A yes/no column as 1/0; `trueLevels` and `falseLevels` hold the training spellings. */
export interface BooleanEncoder {
  kind: 'boolean';
  source: string;
  trueLevels: string[];
  falseLevels: string[];
}

/** A categorical column as integer codes: `levels[k - 1]` has code k; code 0 is rare or unseen. */
export interface CategoricalEncoder {
  kind: 'categorical';
  source: string;
  levels: string[];
}

/** Options of the categorical vocabulary. */
export interface VocabularyOptions {
  /** Levels seen fewer times than this in training are grouped into code 0. */
  minLevelCount: number;
  /** At most this many levels keep their own code (the most frequent ones). */
  maxLevels: number;
}

/** Levels seen at least 3 times keep a code, up to the 1,000 most frequent. */
export const DEFAULT_VOCABULARY: VocabularyOptions = { minLevelCount: 3, maxLevels: 1000 };

/** Reads `values` at `rows` as numbers into a Float64Array (NaN = missing), with warnings. */
export function numericColumn(
  source: string,
  values: ArrayLike<unknown>,
  warnings: DataWarning[],
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const notNumber = new WarningCounter('NOT_A_NUMBER', source);
  const infinite = new WarningCounter('INFINITE_VALUE', source);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    let x = typeof value === 'number' ? value : NaN;
    if (typeof value !== 'number' && !isMissing(value)) {
      x = toNumber(value);
      if (Number.isNaN(x)) notNumber.add(i, value);
    }
    if (x === Infinity || x === -Infinity) {
      infinite.add(i, value);
      x = NaN;
    }
    out[i] = x;
  }
  notNumber.flush(warnings);
  infinite.flush(warnings);
  return out;
}

/** Learns which spellings mean yes; a two-level column of other words maps its later level to 1. */
export function fitBoolean(source: string, values: ArrayLike<unknown>, rows: Uint32Array) {
  const levels = new Set<string>();
  for (let r = 0; r < rows.length; r++) {
    const value = values[rows[r]];
    if (!isMissing(value)) levels.add(levelKey(value));
  }
  const sorted = [...levels].sort();
  const encoder: BooleanEncoder = { kind: 'boolean', source, trueLevels: [], falseLevels: [] };
  for (const level of sorted) {
    const bit = toBoolean(level);
    const isTrue = Number.isNaN(bit)
      ? level === sorted[sorted.length - 1] && sorted.length > 1
      : bit === 1;
    (isTrue ? encoder.trueLevels : encoder.falseLevels).push(level);
  }
  return encoder;
}

/** Encodes a boolean column as 1/0 (NaN = missing or unreadable, with a warning). */
export function booleanColumn(
  encoder: BooleanEncoder,
  values: ArrayLike<unknown>,
  warnings: DataWarning[],
): Float64Array {
  const known = new Map<string, number>();
  for (const level of encoder.trueLevels) known.set(level, 1);
  for (const level of encoder.falseLevels) known.set(level, 0);
  const out = new Float64Array(values.length);
  const unreadable = new WarningCounter('NOT_A_BOOLEAN', encoder.source);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      out[i] = NaN;
      continue;
    }
    const bit = known.get(levelKey(value)) ?? toBoolean(value);
    if (Number.isNaN(bit)) unreadable.add(i, value);
    out[i] = bit;
  }
  unreadable.flush(warnings);
  return out;
}

/** Builds the vocabulary from the training rows: frequent levels first, ties by name. */
export function fitVocabulary(
  values: ArrayLike<unknown>,
  rows: Uint32Array,
  options: VocabularyOptions,
  key: (value: unknown) => string = levelKey,
): string[] {
  const counts = new Map<string, number>();
  for (let r = 0; r < rows.length; r++) {
    const value = values[rows[r]];
    if (isMissing(value)) continue;
    const level = key(value);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, count]) => count >= options.minLevelCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxLevels)
    .map(([level]) => level);
}

/** Encodes levels as codes 1..K, rare and unseen levels as 0, missing as NaN. */
export function categoricalColumn(
  source: string,
  levels: string[],
  values: ArrayLike<unknown>,
  warnings: DataWarning[],
  reportUnseen: boolean,
  key: (value: unknown) => string = levelKey,
): Float64Array {
  const codes = new Map<string, number>();
  levels.forEach((level, index) => codes.set(level, index + 1));
  const out = new Float64Array(values.length);
  const unseen = new WarningCounter('UNSEEN_LEVEL', source);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      out[i] = NaN;
      continue;
    }
    const code = codes.get(key(value));
    out[i] = code ?? 0;
    // Rare training levels also get code 0; only new data reports them as unseen.
    if (code === undefined && reportUnseen) unseen.add(i, value);
  }
  unseen.flush(warnings);
  return out;
}

/** The matrix column of a single-column encoder. */
export function singleFeature(
  encoder: NumericEncoder | BooleanEncoder | CategoricalEncoder,
): MatrixFeature {
  const categorical = encoder.kind === 'categorical';
  return {
    name: encoder.source,
    source: encoder.source,
    categorical,
    numCategories: categorical ? encoder.levels.length + 1 : 0,
  };
}
