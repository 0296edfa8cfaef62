// Vega-Lite specs of the model charts: leaderboard scores and feature importance with error bars.
// Pure functions of the API's data; user text (model and column names) travels only as data
// values, which Vega draws as SVG text and vega-tooltip escapes, never as field names or HTML.
import type { VisualizationSpec } from 'vega-embed';
import { metricLabels, scoreOf } from './format';
import type { EvalMetric, FeatureImportance, LeaderboardRow } from './types';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const ENSEMBLE_NAME = 'WeightedEnsemble';

/** Validation score per scored model in the fit's metric, best first; the ensemble stands out. */
export function leaderboardSpec(
  rows: LeaderboardRow[],
  metric: EvalMetric = 'rmse',
): VisualizationSpec {
  const label = `Validation ${metricLabels[metric]}`;
  const sign = metric === 'r2' ? -1 : 1;
  const values = rows
    .filter((row) => row.status === 'ok' && scoreOf(row) !== null)
    .map((row) => ({
      model: row.name,
      family: row.family,
      score: scoreOf(row) as number,
      fitSec: row.fitSec,
      stackLevel: row.stackLevel,
      ensemble: row.name === ENSEMBLE_NAME,
    }))
    .sort((a, b) => sign * (a.score - b.score));
  return {
    $schema: schema,
    title: `${label} by model (${metric === 'r2' ? 'higher' : 'lower'} is better)`,
    width: 'container',
    height: Math.max(80, values.length * 22),
    data: { values },
    mark: 'bar',
    encoding: {
      y: {
        field: 'model',
        type: 'nominal',
        sort: null,
        title: null,
      },
      x: { field: 'score', type: 'quantitative', title: label },
      color: {
        field: 'ensemble',
        type: 'nominal',
        scale: { domain: [false, true], range: ['#6366f1', '#059669'] },
        legend: null,
      },
      tooltip: [
        { field: 'model', title: 'Model' },
        { field: 'family', title: 'Family' },
        { field: 'score', title: label, format: ',.4~g' },
        { field: 'fitSec', title: 'Fit time (s)', format: ',.3~g' },
        { field: 'stackLevel', title: 'Stack level' },
      ],
    },
  };
}

/** Importance per feature as bars of the mean with error bars of ± one standard deviation. */
export function importanceSpec(importance: FeatureImportance[]): VisualizationSpec {
  const values = importance
    .filter((f) => f.mean !== null && Number.isFinite(f.mean))
    .map((f) => {
      const mean = f.mean as number;
      const std = f.std !== null && Number.isFinite(f.std) ? f.std : 0;
      return { feature: f.feature, mean, std, low: mean - std, high: mean + std };
    })
    .sort((a, b) => b.mean - a.mean);
  const y = {
    field: 'feature',
    type: 'nominal' as const,
    // The rows come sorted; one order for every layer keeps their domains from disagreeing.
    sort: null,
    title: null,
  };
  const tooltip = [
    { field: 'feature', title: 'Feature' },
    { field: 'mean', title: 'RMSE increase (mean)', format: ',.4~g' },
    { field: 'std', title: 'Standard deviation', format: ',.4~g' },
  ];
  return {
    $schema: schema,
    title: 'Feature importance (RMSE increase when shuffled, mean ± std)',
    width: 'container',
    height: Math.max(80, values.length * 22),
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: '#6366f1' },
        encoding: {
          x: { field: 'mean', type: 'quantitative', title: 'RMSE increase' },
          tooltip,
        },
      },
      {
        mark: { type: 'rule', color: '#1e293b', strokeWidth: 1.5 },
        encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' }, tooltip },
      },
      {
        mark: { type: 'tick', color: '#1e293b', thickness: 1.5, size: 10, orient: 'vertical' },
        encoding: { x: { field: 'low', type: 'quantitative' } },
      },
      {
        mark: { type: 'tick', color: '#1e293b', thickness: 1.5, size: 10, orient: 'vertical' },
        encoding: { x: { field: 'high', type: 'quantitative' } },
      },
    ],
  };
}
