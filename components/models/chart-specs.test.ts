// The model charts compile with Vega-Lite, draw every scored model and feature, and keep user
// text (names with markup) as escaped SVG text.
import { execFileSync } from 'node:child_process';
import { importanceSpec, leaderboardSpec } from './chart-specs';
import type { LeaderboardRow } from './types';

function row(name: string, rmse: number | null, status: LeaderboardRow['status'] = 'ok') {
  return {
    name,
    family: 'gbdt',
    status,
    validationRmse: rmse,
    fitSec: 1.5,
    validationPredictSec: 0.01,
    stackLevel: 1,
    foldCount: 1,
    ensembleWeight: 0.5,
  } satisfies LeaderboardRow;
}

// vega and vega-lite ship as ES modules, which Jest's CommonJS runtime cannot load: a child Node
// compiles and renders the spec headless, as the browser would.
const render = `
  import { compile } from 'vega-lite';
  import { parse, View } from 'vega';
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const view = new View(parse(compile(JSON.parse(text)).spec), { renderer: 'none' });
  process.stdout.write(await view.toSVG());
`;

function svgOf(spec: unknown): string {
  // 'container' needs a page; a fixed width draws the same marks.
  const fixed = { ...(spec as object), width: 400 };
  return execFileSync(process.execPath, ['--input-type=module', '-e', render], {
    input: JSON.stringify(fixed),
    encoding: 'utf8',
  });
}

describe('model chart specs', () => {
  it('draws one bar per scored model, best first, leaving skipped ones out', () => {
    const spec = leaderboardSpec([
      row('gbdt', 3.1),
      row('WeightedEnsemble', 2.9),
      row('mlp', null, 'skipped'),
    ]);
    const values = (spec as { data: { values: { model: string }[] } }).data.values;
    expect(values.map((v) => v.model)).toEqual(['WeightedEnsemble', 'gbdt']);

    const svg = svgOf(spec);
    expect(svg.match(/role-mark/g)?.length).toBeGreaterThan(0);
    expect(svg).toContain('WeightedEnsemble');
    expect(svg).not.toContain('>mlp<');
  });

  it('plots R² highest first when the fit ranked by R²', () => {
    const spec = leaderboardSpec(
      [row('gbdt', 3, 'ok'), row('linear', 3.5, 'ok')].map((r, i) => ({
        ...r,
        validationScore: [0.8, 0.9][i],
      })),
      'r2',
    ) as { title: string; data: { values: { model: string; score: number }[] } };
    expect(spec.title).toBe('Validation R² by model (higher is better)');
    expect(spec.data.values.map((v) => [v.model, v.score])).toEqual([
      ['linear', 0.9],
      ['gbdt', 0.8],
    ]);
  });

  it('writes names with markup as escaped text', () => {
    const svg = svgOf(leaderboardSpec([row('<img src=x onerror=alert(1)>', 2)]));
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('draws importance bars with error bars from mean − std to mean + std', () => {
    const spec = importanceSpec([
      { feature: 'Horsepower', mean: 2, std: 0.5 },
      { feature: 'a.b[0]', mean: 1, std: null },
      { feature: 'unmeasured', mean: null, std: null },
    ]);
    const values = (spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values).toEqual([
      { feature: 'Horsepower', mean: 2, std: 0.5, low: 1.5, high: 2.5 },
      { feature: 'a.b[0]', mean: 1, std: 0, low: 1, high: 1 },
    ]);
    // Column names with dots and brackets are values, never field paths.
    const svg = svgOf(spec);
    expect(svg).toContain('a.b[0]');
    expect(svg).toContain('Horsepower');
  });
});
