// Every model inside the predictor on the test data: test RMSE beside validation RMSE, times.
// A row's reason (skipped, failed, left out of the ensemble) sits on a line of its own below it.
import { Fragment } from 'react';
import { ReasonRow } from '@/components/models/leaderboard-table';
import type { TestLeaderboardRow } from '@/lib/evaluations/types';
import { formatMetric, formatSeconds } from './format';

export function TestLeaderboardTable({ rows }: { rows: TestLeaderboardRow[] }) {
  const sorted = [...rows].sort(
    (a, b) => (a.testRmse ?? Infinity) - (b.testRmse ?? Infinity) || a.name.localeCompare(b.name),
  );
  const heads = [
    'Model',
    'Test RMSE',
    'Validation RMSE',
    'Fit time',
    'Predict time (validation)',
    'Weight',
    'Status',
  ];
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Test leaderboard">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {heads.map((head, i) => (
              <th
                key={head}
                scope="col"
                className={`px-4 py-2 font-medium ${i > 0 && i < 6 ? 'text-right' : ''}`}
              >
                {head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((row) => (
            <Fragment key={row.name}>
              <tr data-testid="leaderboard-row" className={row.reason ? 'border-b-0' : ''}>
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-800">
                  {row.name}
                  <span className="ml-2 text-xs font-normal text-slate-500">
                    {row.family}
                    {row.stackLevel > 1 && ` · level ${row.stackLevel}`}
                  </span>
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{formatMetric(row.testRmse)}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {formatMetric(row.validationRmse)}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {row.status === 'ok' ? formatSeconds(row.fitSec) : '–'}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {row.status === 'ok' ? formatSeconds(row.validationPredictSec) : '–'}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {row.ensembleWeight.toFixed(2)}
                </td>
                <td className="px-4 py-2 text-slate-600">{row.status}</td>
              </tr>
              {row.reason && (
                <ReasonRow
                  name={row.name}
                  reason={row.reason}
                  columns={heads.length}
                  className="px-4 text-slate-600"
                />
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
