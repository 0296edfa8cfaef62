'use client';
// The leaderboard as a table sortable by any column; skipped and failed models show their reason.
import { useState } from 'react';
import { focusRing } from '@/components/ui/button';
import { formatScore, formatSeconds } from './format';
import type { LeaderboardRow } from './types';

type Key =
  | 'name'
  | 'validationRmse'
  | 'fitSec'
  | 'validationPredictSec'
  | 'stackLevel'
  | 'foldCount'
  | 'ensembleWeight'
  | 'status';

const columns: { key: Key; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Model', numeric: false },
  { key: 'validationRmse', label: 'Validation RMSE', numeric: true },
  { key: 'fitSec', label: 'Fit time', numeric: true },
  { key: 'validationPredictSec', label: 'Predict time', numeric: true },
  { key: 'stackLevel', label: 'Stack level', numeric: true },
  { key: 'foldCount', label: 'Folds', numeric: true },
  { key: 'ensembleWeight', label: 'Ensemble weight', numeric: true },
  { key: 'status', label: 'Status', numeric: false },
];

/** Rows ordered by `key`; missing values (a skipped model's score) always last. */
export function sortRows(rows: LeaderboardRow[], key: Key, ascending: boolean): LeaderboardRow[] {
  const direction = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
    return String(x).localeCompare(String(y)) * direction;
  });
}

function cell(row: LeaderboardRow, key: Key): React.ReactNode {
  switch (key) {
    case 'name':
      return (
        <>
          <span className="font-medium">{row.name}</span>
          <span className="ml-1 text-xs text-slate-500">{row.family}</span>
        </>
      );
    case 'validationRmse':
      return formatScore(row.validationRmse);
    case 'fitSec':
    case 'validationPredictSec':
      return formatSeconds(row[key]);
    case 'ensembleWeight':
      return row.ensembleWeight > 0 ? formatScore(row.ensembleWeight) : '–';
    case 'status':
      return row.status === 'ok' ? (
        'ok'
      ) : (
        <span className={row.status === 'failed' ? 'text-red-700' : 'text-amber-800'}>
          {row.status}
          {row.reason && `: ${row.reason}`}
        </span>
      );
    default:
      return row[key];
  }
}

export function LeaderboardTable({ rows }: { rows: LeaderboardRow[] }) {
  const [sort, setSort] = useState<{ key: Key; ascending: boolean }>({
    key: 'validationRmse',
    ascending: true,
  });
  const sorted = sortRows(rows, sort.key, sort.ascending);

  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Leaderboard">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                  className={`px-3 py-2 font-medium ${column.numeric ? 'text-right' : ''}`}
                >
                  <button
                    type="button"
                    onClick={() =>
                      setSort({ key: column.key, ascending: active ? !sort.ascending : true })
                    }
                    className={`inline-flex items-center gap-1 hover:text-slate-900 ${focusRing}`}
                  >
                    {column.label}
                    <span aria-hidden="true">{active ? (sort.ascending ? '▲' : '▼') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((row) => (
            <tr key={row.name} data-testid="leaderboard-row">
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={`px-3 py-1.5 ${column.numeric ? 'text-right tabular-nums' : ''}`}
                >
                  {cell(row, column.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
