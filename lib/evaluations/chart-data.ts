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

/** Residuals (actual − predicted) of the scored rows in HISTOGRAM_BINS equal-width bins. */
export function residualHistogram(
  y: Float64Array,
  scoredRows: Uint32Array,
  predictions: Float64Array,
): { start: number; end: number; count: number }[] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of scoredRows) {
    const residual = y[row] - predictions[row];
    if (residual < min) min = residual;
    if (residual > max) max = residual;
  }
  if (!Number.isFinite(min)) return [];
  const width = max > min ? (max - min) / HISTOGRAM_BINS : 1;
  const counts = new Array<number>(max > min ? HISTOGRAM_BINS : 1).fill(0);
  for (const row of scoredRows) {
    const bin = Math.floor((y[row] - predictions[row] - min) / width);
    counts[Math.min(counts.length - 1, bin)]++;
  }
  return counts.map((count, i) => ({ start: min + i * width, end: min + (i + 1) * width, count }));
}
