import { formatScore } from '@/components/models/format';
import { formatMetric } from './format';

describe('formatMetric', () => {
  it('shows 4 significant digits with thousands separators, like the Models pages', () => {
    expect(formatMetric(3.08447)).toBe('3.084');
    expect(formatMetric(8.99376)).toBe('8.994');
    expect(formatMetric(542.91237)).toBe('542.9');
    expect(formatMetric(294_756.81)).toBe('294,800');
    expect(formatMetric(0.981234)).toBe('0.9812');
    for (const value of [3.08447, 8.99376, -0.00123456, 1_234_567]) {
      expect(formatMetric(value)).toBe(formatScore(value));
    }
  });

  it('shows a dash for a metric that is undefined', () => {
    expect(formatMetric(null)).toBe('–');
    expect(formatMetric(undefined)).toBe('–');
    expect(formatMetric(Number.NaN)).toBe('–');
  });
});
