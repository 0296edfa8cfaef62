// The profile charts draw readable marks: count plots keep "other" off the scale and say what it
// holds, heatmap values contrast with their cells.
import { svgOf, textsOf } from '@/tests/helpers/vega';
import { correlationSpec, countSpec } from './chart-specs';
import type { CategoryColumnProfile, CorrelationProfile } from './profile';

function categories(counts: number[], other?: { levels: number; count: number }) {
  const levels = counts.map((count, i) => ({ value: `L${i}`, count }));
  const sum = counts.reduce((a, b) => a + b, 0) + (other?.count ?? 0);
  return {
    name: 'city',
    kind: 'categorical',
    missing: 0,
    missingPercent: 0,
    count: sum,
    unique: counts.length + (other?.levels ?? 0),
    top: 'L0',
    topCount: counts[0],
    levels: other
      ? [...levels, { value: `other (${other.levels} levels)`, count: other.count, other: true }]
      : levels,
  } satisfies CategoryColumnProfile;
}

/** The x-axis labels of a horizontal bar chart, as numbers. */
function ticks(svg: string): number[] {
  return textsOf(svg)
    .map((t) => Number(t.text.replace(/,/g, '')))
    .filter((n) => Number.isFinite(n));
}

describe('count plot', () => {
  it('leaves "other" off the bars and the scale, and tells its levels and rows in the subtitle', () => {
    const counts = Array.from({ length: 20 }, (_, i) => 200 - i * 5);
    const spec = countSpec(categories(counts, { levels: 312, count: 4120 }));
    const svg = svgOf(spec);

    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(20);
    expect(svg).not.toContain('other (312 levels)</text>');
    expect(Math.max(...ticks(svg))).toBeLessThanOrEqual(200);
    expect(spec.title).toEqual({
      text: 'Counts of city',
      subtitle: 'Top 20 of 332 levels; other (312 levels): 4,120 rows (57 %)',
    });
    expect(textsOf(svg).map((t) => t.text)).toContain(
      'Top 20 of 332 levels; other (312 levels): 4,120 rows (57 %)',
    );
  });

  it('says "level" for one grouped level, and keeps a plain title when nothing is grouped', () => {
    const grouped = countSpec(categories([30, 20], { levels: 1, count: 2 })) as {
      title: { subtitle: string };
    };
    expect(grouped.title.subtitle).toBe('Top 2 of 3 levels; other (1 level): 2 rows (3.8 %)');
    expect(countSpec(categories([30, 20])).title).toBe('Counts of city');
  });
});

describe('correlation heatmap', () => {
  const correlation: CorrelationProfile = {
    columns: ['a', 'b', 'c'],
    pearson: [
      [1, -0.9, 0.2],
      [-0.9, 1, null],
      [0.2, null, 1],
    ],
    spearman: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };

  it('writes values in white on dark cells and in dark ink on pale ones, none for missing r', () => {
    const texts = textsOf(svgOf(correlationSpec(correlation, 'pearson')));
    const fillOf = (value: string) => texts.filter((t) => t.text === value).map((t) => t.fill);

    expect(fillOf('1.00')).toEqual(['#ffffff', '#ffffff', '#ffffff']);
    expect(fillOf('−0.90')).toEqual(['#ffffff', '#ffffff']);
    expect(fillOf('0.20')).toEqual(['#0f172a', '#0f172a']);
    expect(texts.some((t) => t.text === 'null' || t.text === 'NaN')).toBe(false);
  });
});
