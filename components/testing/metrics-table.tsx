// The regression metrics of one evaluation, with how MAPE and the row counts were taken.
import { formatCount } from '@/lib/datasets/format';
import type { EvaluationMetrics } from '@/lib/evaluations/types';
import { formatMetric } from './format';

export function MetricsTable({ metrics, label }: { metrics: EvaluationMetrics; label: string }) {
  const zeros = metrics.mapeExcludedZeroTargets;
  const rows: { name: string; value: string; note?: string }[] = [
    {
      name: 'RMSE',
      value: formatMetric(metrics.rmse),
      note: `Root mean squared error, in ${label} units.`,
    },
    { name: 'MSE', value: formatMetric(metrics.mse), note: 'Mean squared error.' },
    { name: 'MAE', value: formatMetric(metrics.mae), note: 'Mean absolute error.' },
    {
      name: 'R²',
      value: formatMetric(metrics.r2),
      note: 'Share of the variance explained; 1 is perfect.',
    },
    {
      name: 'MAPE',
      value: metrics.mape === null ? '–' : `${formatMetric(metrics.mape)} %`,
      note:
        zeros > 0
          ? `Mean absolute percentage error over the rows whose ${label} is not zero: ${formatCount(zeros)} row${zeros === 1 ? '' : 's'} with ${label} = 0 left out.`
          : `Mean absolute percentage error; rows whose ${label} is zero would be left out (there are none).`,
    },
    { name: 'Median absolute error', value: formatMetric(metrics.medianAbsoluteError) },
    {
      name: 'Max error',
      value: formatMetric(metrics.maxError),
      note: 'The largest absolute error.',
    },
    { name: 'Explained variance', value: formatMetric(metrics.explainedVariance) },
    { name: 'Rows scored', value: formatCount(metrics.rowsScored) },
    {
      name: 'Rows skipped',
      value: formatCount(metrics.rowsSkippedMissingTarget),
      note: `Rows without a ${label} value, which cannot be scored.`,
    },
  ];
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Metrics">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Metric
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Value
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Meaning
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.name} data-testid="metric-row">
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-800">
                {row.name}
              </th>
              <td className="px-4 py-2 text-right tabular-nums" data-testid={`metric-${row.name}`}>
                {row.value}
              </td>
              <td className="px-4 py-2 text-slate-600">{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
