// Unit tests for fitting chart titles to narrow screens.
import type { VisualizationSpec } from 'vega-embed';
import { fitTitle, wrapWords } from './fit-title';

const importance = 'Feature importance (RMSE increase when shuffled, mean ± std)';
const chart = (title: unknown) => ({ title, mark: 'bar' }) as unknown as VisualizationSpec;
const titleOf = (spec: VisualizationSpec) => (spec as { title?: unknown }).title;

describe('wrapWords', () => {
  test('breaks between words, keeping each line within the limit', () => {
    expect(wrapWords(importance, 30)).toEqual([
      'Feature importance (RMSE',
      'increase when shuffled, mean ±',
      'std)',
    ]);
  });

  test('a word longer than the limit stays whole on its own line', () => {
    expect(wrapWords('Distribution of Miles_per_Gallon_predicted', 20)).toEqual([
      'Distribution of',
      'Miles_per_Gallon_predicted',
    ]);
  });
});

describe('fitTitle', () => {
  test('a title with room to spare on a wide chart is left alone', () => {
    const spec = chart(importance);
    expect(fitTitle(spec, 1000)).toBe(spec);
  });

  test('before the chart is measured nothing changes', () => {
    const spec = chart(importance);
    expect(fitTitle(spec, 0)).toBe(spec);
  });

  test('a title that fits the chart but not beside its axis labels is centred over the whole chart', () => {
    const fitted = fitTitle(chart('Validation RMSE by model (lower is better)'), 358);
    expect(titleOf(fitted)).toEqual({
      text: 'Validation RMSE by model (lower is better)',
      frame: 'bounds',
    });
  });

  test('a title longer than a phone-wide chart is broken into lines that fit it', () => {
    const lines = (titleOf(fitTitle(chart(importance), 358)) as { text: string[] }).text;
    expect(lines.join(' ')).toBe(importance);
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line.length * 7).toBeLessThanOrEqual(358 - 16);
  });

  test('a subtitle is broken into lines too, and the title keeps its other settings', () => {
    const subtitle = 'other (312 levels): 4,120 rows (57 %) of all the rows in this dataset';
    const fitted = fitTitle(chart({ text: 'Counts of Name', subtitle, fontSize: 13 }), 300);
    expect(titleOf(fitted)).toEqual({
      text: 'Counts of Name',
      subtitle: wrapWords(subtitle, 40),
      fontSize: 13,
      frame: 'bounds',
    });
  });

  test('a spec without a title comes back unchanged', () => {
    const spec = { mark: 'bar' } as VisualizationSpec;
    expect(fitTitle(spec, 300)).toBe(spec);
  });
});
