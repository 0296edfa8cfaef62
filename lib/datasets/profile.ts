// The profile of a dataset: per-column statistics, distributions and correlations, for its charts.
import type { CsvColumnKind, CsvReadResult } from '@/lib/csv';
import { asFloat, correlationMatrix, ranks } from './correlation';
import {
  density,
  finiteValues,
  histogram,
  sortedValues,
  summarise,
  type DensityPoint,
  type HistogramBin,
  type NumericSummary,
} from './stats';

/** Levels shown in a count plot; the rest are summed into "other". */
export const TOP_LEVELS = 20;
/** Numeric columns in the correlation heatmap; wider files show the first ones. */
export const MAX_CORRELATION_COLUMNS = 30;
/**
 * Rows ranked for Spearman's correlation: larger tables use every k-th row. Ranking costs a
 * binary search per cell, the largest part of profiling a million rows, and 200,000 evenly spread
 * rows estimate the coefficient to about ±0.005.
 */
export const SPEARMAN_MAX_ROWS = 200_000;

interface ColumnBase {
  name: string;
  kind: CsvColumnKind;
  missing: number;
  /** missing / rows × 100. */
  missingPercent: number;
}

export interface NumericColumnProfile extends ColumnBase, NumericSummary {
  kind: 'numeric';
  histogram: HistogramBin[];
  density: DensityPoint[];
}

export interface LevelCount {
  value: string;
  count: number;
  /** True for the "other" bar that sums the levels beyond the top ones. */
  other?: boolean;
}

export interface CategoryColumnProfile extends ColumnBase {
  kind: Exclude<CsvColumnKind, 'numeric'>;
  count: number;
  unique: number;
  top: string | null;
  topCount: number;
  /** The most frequent levels (at most TOP_LEVELS), then "other" when there are more. */
  levels: LevelCount[];
}

export type ColumnProfile = NumericColumnProfile | CategoryColumnProfile;

export interface CorrelationProfile {
  columns: string[];
  pearson: (number | null)[][];
  spearman: (number | null)[][];
  /** Set when numeric columns were left out (too many to show). */
  note?: string;
}

export interface DatasetProfile {
  rowCount: number;
  columns: ColumnProfile[];
  correlation: CorrelationProfile | null;
  /** The kinds the profile was computed with: a profile of other kinds is stale. */
  kinds: Record<string, CsvColumnKind>;
  computeMs: number;
}

export interface ProfileHooks {
  /** Awaited between columns and matrix rows: reports progress, yields the event loop. */
  step?: (done: number, total: number, what: string) => Promise<void>;
}

function categoryProfile(
  name: string,
  kind: CategoryColumnProfile['kind'],
  data: ArrayLike<unknown>,
) {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (value === null || value === undefined) missing++;
    else counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const levels: LevelCount[] = sorted
    .slice(0, TOP_LEVELS)
    .map(([value, count]) => ({ value, count }));
  const rest = sorted.slice(TOP_LEVELS).reduce((sum, [, count]) => sum + count, 0);
  if (rest > 0)
    levels.push({
      value: `other (${sorted.length - TOP_LEVELS} levels)`,
      count: rest,
      other: true,
    });
  return {
    name,
    kind,
    missing,
    missingPercent: data.length ? (100 * missing) / data.length : 0,
    count: data.length - missing,
    unique: counts.size,
    top: sorted[0]?.[0] ?? null,
    topCount: sorted[0]?.[1] ?? 0,
    levels,
  } satisfies CategoryColumnProfile;
}

/** The numeric column's profile; `floats` holds its cells in row order, NaN for missing. */
function numericProfile(name: string, floats: Float64Array) {
  const values = finiteValues(floats);
  const summary = summarise(values);
  const missing = floats.length - values.length;
  return {
    name,
    kind: 'numeric',
    missing,
    missingPercent: floats.length ? (100 * missing) / floats.length : 0,
    ...summary,
    histogram: histogram(values, summary),
    density: density(values, summary),
  } satisfies NumericColumnProfile;
}

/** Computes the profile of a table as read by lib/csv (numeric columns hold numbers). */
export async function computeProfile(
  read: Pick<CsvReadResult, 'table' | 'columns' | 'rowCount'>,
  hooks: ProfileHooks = {},
): Promise<DatasetProfile> {
  const started = Date.now();
  const step = hooks.step ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const table = read.table.isFiltered() || read.table.isOrdered() ? read.table.reify() : read.table;
  const total = read.columns.length + 1;
  const columns: ColumnProfile[] = [];
  const numeric: NumericColumn[] = [];

  for (const [index, column] of read.columns.entries()) {
    const data = table.column(column.name) as unknown as ArrayLike<unknown>;
    if (column.kind === 'numeric') {
      const floats = asFloat(data);
      const profile = numericProfile(column.name, floats);
      columns.push(profile);
      if (numeric.length < MAX_CORRELATION_COLUMNS && profile.count > 1) {
        numeric.push({ name: column.name, floats });
      }
    } else {
      columns.push(categoryProfile(column.name, column.kind, data));
    }
    await step(index + 1, total, `Column ${column.name}`);
  }

  const numericCount = read.columns.filter((column) => column.kind === 'numeric').length;
  const correlation = numeric.length < 2 ? null : await correlations(numeric, numericCount, step);
  await step(total, total, 'Correlations');
  return {
    rowCount: read.rowCount,
    columns,
    correlation,
    kinds: Object.fromEntries(read.columns.map((column) => [column.name, column.kind])),
    computeMs: Date.now() - started,
  };
}

/** A numeric column of the heatmap: its cells in row order, NaN for missing. */
interface NumericColumn {
  name: string;
  floats: Float64Array;
}

/** Ranks of each column over all rows, or over every k-th row of a large table. */
function spearmanRanks(numeric: NumericColumn[]) {
  return numeric.map(({ floats }) => {
    if (floats.length <= SPEARMAN_MAX_ROWS) return ranks(floats, sortedValues(floats));
    const stride = Math.ceil(floats.length / SPEARMAN_MAX_ROWS);
    const sample = new Float64Array(Math.ceil(floats.length / stride));
    for (let i = 0; i < sample.length; i++) sample[i] = floats[i * stride];
    return ranks(sample, sortedValues(sample));
  });
}

async function correlations(
  numeric: NumericColumn[],
  numericCount: number,
  step: NonNullable<ProfileHooks['step']>,
): Promise<CorrelationProfile> {
  const pause = () => step(numeric.length, numeric.length + 1, 'Correlations');
  const pearson = await correlationMatrix(
    numeric.map(({ floats }) => floats),
    pause,
  );
  const spearman = await correlationMatrix(spearmanRanks(numeric), pause);
  const left = numericCount - numeric.length;
  return {
    columns: numeric.map(({ name }) => name),
    pearson,
    spearman,
    note:
      left > 0
        ? `The heatmap shows the first ${numeric.length} numeric columns with at least two values; ${left} more are left out.`
        : undefined,
  };
}
