'use client';
// The leaderboard as a table sortable by any column; skipped and failed models show their reason.
// Scores are in the model's evaluation metric, with RMSE beside them when that is another metric.
import { Fragment, useState } from 'react';
import { focusRing } from '@/components/ui/button';
import { formatScore, formatSeconds, metricLabels, scoreOf } from './format';
import type { EvalMetric, LeaderboardRow } from './types';

type Key =
  | 'name'
  | 'validationScore'
  | 'validationRmse'
  | 'fitSec'
  | 'validationPredictSec'
  | 'stackLevel'
  | 'foldCount'
  | 'ensembleWeight'
  | 'status';

interface Column {
  key: Key;
  label: string;
  numeric: boolean;
}

function columnsFor(metric: EvalMetric): Column[] {
  const score: Column[] =
    metric === 'rmse'
      ? [{ key: 'validationScore', label: 'Validation RMSE', numeric: true }]
      : [
          { key: 'validationScore', label: `Validation ${metricLabels[metric]}`, numeric: true },
          { key: 'validationRmse', label: 'Validation RMSE', numeric: true },
        ];
  return [
    { key: 'name', label: 'Model', numeric: false },
    ...score,
    { key: 'fitSec', label: 'Fit time', numeric: true },
    { key: 'validationPredictSec', label: 'Predict time', numeric: true },
    { key: 'stackLevel', label: 'Stack level', numeric: true },
    { key: 'foldCount', label: 'Folds', numeric: true },
    { key: 'ensembleWeight', label: 'Ensemble weight', numeric: true },
    { key: 'status', label: 'Status', numeric: false },
  ];
}

function valueOf(row: LeaderboardRow, key: Key): string | number | null | undefined {
  return key === 'validationScore' ? scoreOf(row) : row[key];
}

/** Rows ordered by `key`; missing values (a skipped model's score) always last. */
export function sortRows(rows: LeaderboardRow[], key: Key, ascending: boolean): LeaderboardRow[] {
  const direction = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = valueOf(a, key);
    const y = valueOf(b, key);
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
          <span className="font-medium">{row.name}</span>{' '}
          <span className="text-xs text-slate-500">{row.family}</span>
        </>
      );
    case 'validationScore':
    case 'validationRmse':
      return formatScore(valueOf(row, key) as number | null);
    case 'fitSec':
    case 'validationPredictSec':
      // A model that did not fit took no time worth showing.
      return row.status === 'ok' ? formatSeconds(row[key]) : '–';
    case 'ensembleWeight':
      return row.ensembleWeight > 0 ? formatScore(row.ensembleWeight) : '–';
    case 'status':
      return <span className={statusColour(row)}>{row.status}</span>;
    default:
      return row[key];
  }
}

/**
 * Why a leaderboard row was skipped or failed, or a note on it, as a line of its own right below
 * it, across every column; screen readers hear the model's name first.
 */
export function ReasonRow({
  name,
  reason,
  columns,
  className,
}: {
  name: string;
  reason: string;
  columns: number;
  /** Horizontal padding and colour, matching the table's cells. */
  className: string;
}) {
  return (
    <tr data-testid="leaderboard-reason">
      <td colSpan={columns} className={`pt-0 pb-2 text-xs ${className}`}>
        <span className="sr-only">{name}: </span>
        {reason}
      </td>
    </tr>
  );
}

function statusColour(row: LeaderboardRow): string {
  if (row.status === 'failed') return 'text-red-700';
  return row.status === 'skipped' ? 'text-amber-800' : 'text-slate-500';
}

/**
 * The leaderboard; best score first (R²: highest first, errors: lowest first). A row's reason (why
 * it was skipped or failed, or a note such as being left out of the ensemble for speed) sits on a
 * line of its own below it, across the table, so that it stays readable on narrow screens.
 */
export function LeaderboardTable({
  rows,
  metric = 'rmse',
}: {
  rows: LeaderboardRow[];
  metric?: EvalMetric;
}) {
  const [sort, setSort] = useState<{ key: Key; ascending: boolean }>({
    key: 'validationScore',
    ascending: metric !== 'r2',
  });
  const columns = columnsFor(metric);
  const sorted = sortRows(rows, sort.key, sort.ascending);

  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
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
            <Fragment key={row.name}>
              <tr data-testid="leaderboard-row" className={row.reason ? 'border-b-0' : ''}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={`px-3 py-1.5 ${column.numeric ? 'text-right tabular-nums' : ''}`}
                  >
                    {cell(row, column.key)}
                  </td>
                ))}
              </tr>
              {row.reason && (
                <ReasonRow
                  name={row.name}
                  reason={row.reason}
                  columns={columns.length}
                  className={`px-3 ${statusColour(row)}`}
                />
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
