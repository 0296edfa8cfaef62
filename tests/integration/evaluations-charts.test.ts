/** @jest-environment node */
// The evaluation charts compile with Vega-Lite and draw: predicted vs real with the y = x line,
// residuals, the residual histogram and the test leaderboard; user text stays escaped text.
import { execFileSync } from 'node:child_process';
import {
  leaderboardSpec,
  predictedVsRealSpec,
  residualHistogramSpec,
  residualsSpec,
} from '@/lib/evaluations/chart-specs';
import type { EvaluationResult, TestLeaderboardRow } from '@/lib/evaluations/types';

// vega and vega-lite are ES modules, which Jest's CommonJS runtime cannot load: a child Node
// compiles and renders each spec headless, as the browser would.
const render = `
  import { compile } from 'vega-lite';
  import { parse, View } from 'vega';
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const view = new View(parse(compile(JSON.parse(text)).spec), { renderer: 'none' });
  process.stdout.write(await view.toSVG());
`;

function svgOf(spec: unknown): string {
  const fixed = { ...(spec as object), width: 400 };
  return execFileSync(process.execPath, ['--input-type=module', '-e', render], {
    input: JSON.stringify(fixed),
    encoding: 'utf8',
  });
}

function board(name: string, testRmse: number | null, validationRmse: number | null) {
  return {
    name,
    family: 'gbdt',
    status: 'ok',
    validationRmse,
    testRmse,
    fitSec: 1,
    validationPredictSec: 0.1,
    stackLevel: 1,
    ensembleWeight: 0.5,
  } satisfies TestLeaderboardRow;
}

const label = '<b>price</b>';
const result = {
  label,
  metrics: { rowsScored: 4 },
  pointColumns: ['size.m2', 'city[0]'],
  points: [
    { row: 1, actual: 10, predicted: 12, residual: -2, values: [50, 'North'] },
    { row: 2, actual: 20, predicted: 19, residual: 1, values: [80, 'South'] },
    { row: 3, actual: 30, predicted: 31, residual: -1, values: [null, 'North'] },
    { row: 4, actual: 40, predicted: 36, residual: 4, values: [120, 'East'] },
  ],
  residualHistogram: [
    { start: -2, end: 1, count: 3 },
    { start: 1, end: 4, count: 1 },
  ],
  leaderboard: [
    board('WeightedEnsemble', 2.5, 2.4),
    board('gbdt', 2.7, 2.6),
    board('knn', null, 3.1),
  ],
} as unknown as EvaluationResult;

describe('evaluation chart specs', () => {
  it('draws predicted vs real with a y = x line spanning every point', () => {
    const spec = predictedVsRealSpec(result) as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0].data.values).toEqual([
      { x: 10, y: 10 },
      { x: 40, y: 40 },
    ]);
    expect(spec.layer[1].data.values[0]).toMatchObject({ f0: 50, f1: 'North', actual: 10 });

    const svg = svgOf(spec);
    expect(svg.match(/role-mark/g)?.length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('Predicted vs real');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Real &lt;b&gt;price&lt;/b&gt;');
  });

  it('draws residuals against predictions and the residual histogram', () => {
    expect(svgOf(residualsSpec(result))).toContain('Residual (real − predicted)');
    const histogram = svgOf(residualHistogramSpec(result));
    expect(histogram).toContain('Distribution of residuals');
    expect(histogram.match(/<path aria-label/g)?.length).toBe(2);
  });

  it('draws test and validation bars for models with scores, best test score first', () => {
    const spec = leaderboardSpec(result) as {
      data: { values: { model: string; score: string }[] };
      encoding: { y: { sort: string[] } };
    };
    expect(spec.encoding.y.sort).toEqual(['WeightedEnsemble', 'gbdt']);
    expect(spec.data.values.filter((v) => v.model === 'knn')).toEqual([
      { model: 'knn', score: 'Validation', rmse: 3.1 },
    ]);
    const svg = svgOf(spec);
    expect(svg).toContain('WeightedEnsemble');
    expect(svg).toContain('Test');
  });
});
