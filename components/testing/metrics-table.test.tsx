import { render, screen } from '@testing-library/react';
import type { EvaluationMetrics } from '@/lib/evaluations/types';
import { MetricsTable } from './metrics-table';

const metrics: EvaluationMetrics = {
  rmse: 542.91237,
  mse: 294_753.84,
  mae: 3.08447,
  r2: 0.981234,
  mape: 8.99376,
  mapeExcludedZeroTargets: 0,
  medianAbsoluteError: 120.456,
  maxError: 9_876.54,
  explainedVariance: 0.98127,
  rowsScored: 10_788,
  rowsSkippedMissingTarget: 0,
};

describe('MetricsTable', () => {
  it('shows each metric with the 4 significant digits of the Models pages', () => {
    render(<MetricsTable metrics={metrics} label="price" />);
    const value = (name: string) => screen.getByTestId(`metric-${name}`).textContent;
    expect(value('RMSE')).toBe('542.9');
    expect(value('MSE')).toBe('294,800');
    expect(value('MAE')).toBe('3.084');
    expect(value('R²')).toBe('0.9812');
    expect(value('MAPE')).toBe('8.994 %');
    expect(value('Max error')).toBe('9,877');
    expect(value('Rows scored')).toBe('10,788');
  });
});
