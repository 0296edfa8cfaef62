// Vega-Lite specs of the profile charts: missing values, histogram + density, heatmap, counts.
// Pure functions of the profile, so the browser draws them and tests can check them.
import type { VisualizationSpec } from 'vega-embed';
import type {
  CategoryColumnProfile,
  CorrelationProfile,
  DatasetProfile,
  NumericColumnProfile,
} from './profile';
import { formatCount } from './format';

const width = 'container' as const;

/** Missing values per column as a bar chart (percent, count in the tooltip). */
export function missingSpec(profile: DatasetProfile): VisualizationSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Missing values per column',
    width,
    height: Math.max(120, Math.min(600, profile.columns.length * 18)),
    data: {
      values: profile.columns.map((c) => ({
        column: c.name,
        missing: c.missing,
        percent: c.missingPercent / 100,
      })),
    },
    mark: { type: 'bar', color: '#6366f1' },
    encoding: {
      y: { field: 'column', type: 'nominal', sort: null, title: null },
      x: {
        field: 'percent',
        type: 'quantitative',
        title: 'Missing',
        axis: { format: '%' },
        scale: { domain: [0, 1] },
      },
      tooltip: [
        { field: 'column', title: 'Column' },
        { field: 'missing', title: 'Missing cells', format: ',' },
        { field: 'percent', title: 'Percent', format: '.1%' },
      ],
    },
  };
}

/** Histogram (as density) with the KDE curve drawn over it. */
export function histogramSpec(column: NumericColumnProfile): VisualizationSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Distribution of ${column.name}`,
    width,
    height: 180,
    layer: [
      {
        data: { values: column.histogram },
        mark: { type: 'bar', color: '#c7d2fe', stroke: '#6366f1', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: column.name },
          x2: { field: 'end' },
          y: { field: 'density', type: 'quantitative', title: 'Density' },
          tooltip: [
            { field: 'start', title: 'From', format: ',.4~g' },
            { field: 'end', title: 'To', format: ',.4~g' },
            { field: 'count', title: 'Rows', format: ',' },
          ],
        },
      },
      {
        data: { values: column.density },
        mark: { type: 'line', color: '#be123c', strokeWidth: 2 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'density', type: 'quantitative' },
          tooltip: [
            { field: 'x', title: column.name, format: ',.4~g' },
            { field: 'density', title: 'Density (KDE)', format: '.4~g' },
          ],
        },
      },
    ],
  };
}

/** |r| from which a heatmap cell is dark enough to need white text. */
export const DARK_CELL_R = 0.75;

/** Correlation heatmap of numeric columns, Pearson or Spearman. */
export function correlationSpec(
  correlation: CorrelationProfile,
  method: 'pearson' | 'spearman',
): VisualizationSpec {
  const values = correlation.columns.flatMap((a, i) =>
    correlation.columns.map((b, j) => ({ a, b, r: correlation[method][i][j] })),
  );
  const size = Math.max(160, Math.min(640, correlation.columns.length * 28));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${method === 'pearson' ? 'Pearson' : 'Spearman'} correlation`,
    width: size,
    height: size,
    data: { values },
    encoding: {
      x: { field: 'a', type: 'nominal', sort: null, title: null },
      y: { field: 'b', type: 'nominal', sort: null, title: null },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'r',
            type: 'quantitative',
            scale: { scheme: 'redblue', domain: [-1, 1], reverse: true },
            title: 'r',
          },
          tooltip: [
            { field: 'a', title: 'Column' },
            { field: 'b', title: 'With' },
            { field: 'r', title: 'r', format: '.3f' },
          ],
        },
      },
      ...(correlation.columns.length <= 12
        ? [
            {
              mark: { type: 'text' as const, fontSize: 10 },
              // A constant column has no coefficient: its cells stay blank rather than "null".
              transform: [{ filter: 'isValid(datum.r)' }],
              encoding: {
                text: { field: 'r', format: '.2f' },
                // White on the saturated cells, dark on the pale ones: the redblue scheme passes
                // from one to the other near |r| = 0.75, where both contrast about 4.5:1.
                color: {
                  condition: { test: `abs(datum.r) >= ${DARK_CELL_R}`, value: '#ffffff' },
                  value: '#0f172a',
                },
              },
            },
          ]
        : []),
    ],
  };
}

/**
 * "other (312 levels): 4,120 rows (41 %)": the levels beyond the top ones, told in the subtitle.
 * As a bar, their sum often dwarfs every real level and squeezes the scale.
 */
function otherNote(column: CategoryColumnProfile, shown: number, rows: number): string {
  const grouped = column.unique - shown;
  const share = column.count ? (100 * rows) / column.count : 0;
  const percent = share.toLocaleString('en-US', { maximumSignificantDigits: 2 });
  return (
    `Top ${shown} of ${formatCount(column.unique)} levels; ` +
    `other (${formatCount(grouped)} ${grouped === 1 ? 'level' : 'levels'}): ` +
    `${formatCount(rows)} rows (${percent} %)`
  );
}

/** Counts of the top levels of a categorical column; the rest ("other") in the subtitle. */
export function countSpec(column: CategoryColumnProfile): VisualizationSpec {
  const levels = column.levels.filter((l) => !l.other);
  const other = column.levels.find((l) => l.other);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: other
      ? {
          text: `Counts of ${column.name}`,
          subtitle: otherNote(column, levels.length, other.count),
        }
      : `Counts of ${column.name}`,
    width,
    height: Math.max(80, levels.length * 18),
    data: { values: levels.map(({ value, count }) => ({ value, count })) },
    mark: { type: 'bar', color: '#6366f1' },
    encoding: {
      y: { field: 'value', type: 'nominal', sort: null, title: null },
      x: { field: 'count', type: 'quantitative', title: 'Rows' },
      tooltip: [
        { field: 'value', title: column.name },
        { field: 'count', title: 'Rows', format: ',' },
      ],
    },
  };
}
