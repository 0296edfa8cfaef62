// The data behind the result charts: a sample of scored rows and a histogram of all residuals.
import type { TableLike } from '@/lib/automl';
import { sampleRows } from './score';
import { MAX_CHART_POINTS, type ChartPoint } from './types';

/** Feature values kept per chart point, for tooltips: the first columns the model uses. */
const MAX_TOOLTIP_COLUMNS = 12;
const HISTOGRAM_BINS = 40;

/** At most MAX_CHART_POINTS scored rows with their values, seeded, in row order. */
export function chartPoints(
  table: TableLike,
  features: string[],
  y: Float64Array,
  scoredRows: Uint32Array,
  predictions: Float64Array,
): { pointColumns: string[]; points: ChartPoint[] } {
  const present = new Set(table.columnNames());
  const pointColumns = features.filter((name) => present.has(name)).slice(0, MAX_TOOLTIP_COLUMNS);
  const columns = pointColumns.map((name) => table.array(name));
  const points = Array.from(sampleRows(scoredRows, MAX_CHART_POINTS), (row) => ({
    row: row + 1,
    actual: y[row],
    predicted: predictions[row],
    residual: y[row] - predictions[row],
    values: columns.map((values) => cellValue(values[row])),
  }));
  return { pointColumns, points };
}

function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Share of residuals left out at each end of the histogram's range. A few large errors (diamonds'
 * priciest stones) would otherwise stretch equal-width bins until most rows share 2–3 bars.
 */
const TAIL_FRACTION = 0.01;

/** Residual bins over the 1st–99th percentile, and the rows left outside them at each end. */
export interface ResidualHistogram {
  bins: { start: number; end: number; count: number }[];
  /** Rows whose residual is below the first bin's start. */
  below: number;
  /** Rows whose residual is above the last bin's end. */
  above: number;
}

/**
 * Residuals (actual − predicted) of the scored rows in HISTOGRAM_BINS equal-width bins spanning
 * their 1st to 99th percentile; rows beyond are counted in `below` and `above`, not in a bin.
 */
export function residualHistogram(
  y: Float64Array,
  scoredRows: Uint32Array,
  predictions: Float64Array,
): ResidualHistogram {
  const residuals = Float64Array.from(scoredRows, (row) => y[row] - predictions[row]);
  if (residuals.length === 0) return { bins: [], below: 0, above: 0 };
  const sorted = residuals.slice().sort();
  const last = sorted.length - 1;
  const low = sorted[Math.floor(TAIL_FRACTION * last)];
  const high = sorted[Math.ceil((1 - TAIL_FRACTION) * last)];

  const binCount = high > low ? HISTOGRAM_BINS : 1;
  const width = high > low ? (high - low) / HISTOGRAM_BINS : 1;
  const counts = new Array<number>(binCount).fill(0);
  let below = 0;
  let above = 0;
  for (const residual of residuals) {
    if (residual < low) below++;
    else if (residual > high) above++;
    else counts[Math.min(binCount - 1, Math.floor((residual - low) / width))]++;
  }
  const bins = counts.map((count, i) => ({
    start: low + i * width,
    end: low + (i + 1) * width,
    count,
  }));
  return { bins, below, above };
}
