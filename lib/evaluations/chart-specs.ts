// Vega-Lite specs of the evaluation charts: predicted vs real, residuals vs predicted, residual
// histogram, test leaderboard. Pure functions of the stored result, drawn in the browser.
import type { VisualizationSpec } from 'vega-embed';
import type { EvaluationResult } from './types';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const width = 'container' as const;

/**
 * Chart points with fixed field names: feature values travel as `f0`, `f1`, … (titled with the
 * column names), since column names may hold dots or brackets that Vega-Lite reads as paths.
 */
function pointValues(result: EvaluationResult) {
  return result.points.map((point) => {
    const row: Record<string, unknown> = {
      row: point.row,
      actual: point.actual,
      predicted: point.predicted,
      residual: point.residual,
    };
    point.values.forEach((value, i) => (row[`f${i}`] = value));
    return row;
  });
}

function pointTooltip(result: EvaluationResult) {
  return [
    { field: 'row', title: 'Row', type: 'quantitative' as const, format: ',' },
    {
      field: 'actual',
      title: `Real ${result.label}`,
      type: 'quantitative' as const,
      format: ',.6~g',
    },
    { field: 'predicted', title: 'Predicted', type: 'quantitative' as const, format: ',.6~g' },
    { field: 'residual', title: 'Residual', type: 'quantitative' as const, format: ',.6~g' },
    ...result.pointColumns.map((name, i) => ({ field: `f${i}`, title: name })),
  ];
}

function sampleNote(result: EvaluationResult): string | undefined {
  const scored = result.metrics.rowsScored;
  return result.points.length < scored
    ? `A random sample of ${result.points.length.toLocaleString('en-US')} of ${scored.toLocaleString('en-US')} rows`
    : undefined;
}

/** Predicted against real values, with the y = x line where a perfect model's points would lie. */
export function predictedVsRealSpec(result: EvaluationResult): VisualizationSpec {
  const values = pointValues(result);
  let low = Infinity;
  let high = -Infinity;
  for (const p of result.points) {
    low = Math.min(low, p.actual, p.predicted);
    high = Math.max(high, p.actual, p.predicted);
  }
  if (!Number.isFinite(low)) low = high = 0;
  return {
    $schema: schema,
    title: { text: 'Predicted vs real', subtitle: sampleNote(result) },
    width,
    height: 360,
    layer: [
      {
        data: {
          values: [
            { x: low, y: low },
            { x: high, y: high },
          ],
        },
        mark: { type: 'line', color: '#be123c', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { values },
        mark: { type: 'circle', size: 24, opacity: 0.5, color: '#4f46e5' },
        encoding: {
          x: {
            field: 'actual',
            type: 'quantitative',
            title: `Real ${result.label}`,
            scale: { domain: [low, high], zero: false },
          },
          y: {
            field: 'predicted',
            type: 'quantitative',
            title: `Predicted ${result.label}`,
            scale: { domain: [low, high], zero: false },
          },
          tooltip: pointTooltip(result),
        },
      },
    ],
  };
}

/** Residuals (real − predicted) against predictions, with the zero line. */
export function residualsSpec(result: EvaluationResult): VisualizationSpec {
  return {
    $schema: schema,
    title: { text: 'Residuals vs predicted', subtitle: sampleNote(result) },
    width,
    height: 300,
    layer: [
      {
        data: { values: pointValues(result) },
        mark: { type: 'circle', size: 24, opacity: 0.5, color: '#0d9488' },
        encoding: {
          x: {
            field: 'predicted',
            type: 'quantitative',
            title: `Predicted ${result.label}`,
            scale: { zero: false },
          },
          y: { field: 'residual', type: 'quantitative', title: 'Residual (real − predicted)' },
          tooltip: pointTooltip(result),
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#be123c', strokeDash: [6, 4] },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}

/** Says how many rows lie beyond the histogram's bins, since they draw no bar. */
function outsideNote(result: EvaluationResult): string | undefined {
  const { below = 0, above = 0 } = result.residualsOutside ?? {};
  const bins = result.residualHistogram;
  if (below + above === 0 || bins.length === 0) return undefined;
  const rows = (count: number) => `${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'}`;
  const value = (x: number) => x.toLocaleString('en-US', { maximumSignificantDigits: 4 });
  const parts = [
    ...(below > 0 ? [`${rows(below)} below ${value(bins[0].start)}`] : []),
    ...(above > 0 ? [`${rows(above)} above ${value(bins[bins.length - 1].end)}`] : []),
  ];
  return `Bins span the 1st–99th percentile; not shown: ${parts.join(' and ')}`;
}

/** Histogram of the residuals of the scored rows, naming the rows beyond its bins. */
export function residualHistogramSpec(result: EvaluationResult): VisualizationSpec {
  return {
    $schema: schema,
    title: { text: 'Distribution of residuals', subtitle: outsideNote(result) },
    width,
    height: 240,
    data: { values: result.residualHistogram },
    mark: { type: 'bar', color: '#c7d2fe', stroke: '#6366f1', strokeWidth: 0.5 },
    encoding: {
      x: {
        field: 'start',
        type: 'quantitative',
        bin: { binned: true },
        title: 'Residual (real − predicted)',
      },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: 'Rows' },
      tooltip: [
        { field: 'start', title: 'From', format: ',.4~g' },
        { field: 'end', title: 'To', format: ',.4~g' },
        { field: 'count', title: 'Rows', format: ',' },
      ],
    },
  };
}

/** Test RMSE next to validation RMSE for each model that trained. */
export function leaderboardSpec(result: EvaluationResult): VisualizationSpec {
  const values = result.leaderboard.flatMap((row) => [
    ...(row.testRmse === null ? [] : [{ model: row.name, score: 'Test', rmse: row.testRmse }]),
    ...(row.validationRmse === null
      ? []
      : [{ model: row.name, score: 'Validation', rmse: row.validationRmse }]),
  ]);
  const order = result.leaderboard
    .filter((row) => row.testRmse !== null)
    .sort((a, b) => a.testRmse! - b.testRmse!)
    .map((row) => row.name);
  return {
    $schema: schema,
    title: 'RMSE of each model: test vs validation',
    width,
    height: { step: 12 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'model', type: 'nominal', sort: order, title: null },
      yOffset: { field: 'score', sort: ['Test', 'Validation'] },
      x: { field: 'rmse', type: 'quantitative', title: `RMSE (${result.label})` },
      color: {
        field: 'score',
        type: 'nominal',
        title: null,
        scale: { domain: ['Test', 'Validation'], range: ['#4f46e5', '#a5b4fc'] },
      },
      tooltip: [
        { field: 'model', title: 'Model' },
        { field: 'score', title: 'Rows' },
        { field: 'rmse', title: 'RMSE', format: ',.5~g' },
      ],
    },
  };
}
