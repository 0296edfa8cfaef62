'use client';
// The user's evaluations: model, dataset, date, status and headline metrics, refreshed every
// second or two while any of them waits or runs.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { formatDate } from '@/lib/datasets/format';
import type { EvaluationListView } from '@/lib/evaluations/view';
import { DeleteEvaluationButton } from './delete-evaluation-button';
import { EVALUATIONS_CHANGED, formatMetric, isActive } from './format';
import { EvaluationStatus } from './status-badge';

/** A list item as JSON carries it (dates as strings). */
export type EvaluationItem = Omit<EvaluationListView, 'createdAt' | 'finishedAt'> & {
  createdAt: string;
  finishedAt: string | null;
};

const POLL_MS = 1500;

// Below 640 px the start time would push the status past a phone's edge; its page shows it.
const wideOnly = 'hidden sm:table-cell';

export function EvaluationList({ initial }: { initial: EvaluationItem[] }) {
  const [items, setItems] = useState(initial);
  const [error, setError] = useState<string>();

  // A new evaluation started by the form: through the server page's refresh, and at once here.
  useEffect(() => setItems(initial), [initial]);
  useEffect(() => {
    const reload = () =>
      callApi<{ evaluations: EvaluationItem[] }>('/api/evaluations').then(
        (body) => setItems(body.evaluations),
        (caught: Error) => setError(caught.message),
      );
    window.addEventListener(EVALUATIONS_CHANGED, reload);
    return () => window.removeEventListener(EVALUATIONS_CHANGED, reload);
  }, []);

  // Each answered poll, failed ones too, schedules the next: keyed on the items alone, polling
  // stopped at the first failed request and left the rows as they were until a reload.
  const [polls, setPolls] = useState(0);
  const active = items.some((item) => isActive(item.status));
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(async () => {
      try {
        const body = await callApi<{ evaluations: EvaluationItem[] }>('/api/evaluations');
        setItems(body.evaluations);
        setError(undefined);
      } catch (caught) {
        setError((caught as Error).message);
      }
      setPolls((n) => n + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, polls]);

  if (items.length === 0) {
    return <p className="text-sm text-slate-600">No evaluations yet: start one above.</p>;
  }
  const heads = ['Model', 'Dataset', 'Started', 'Status', 'RMSE', 'MAE', 'R²', 'Actions'];
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      {error && (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Evaluations">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {heads.map((head) => (
              <th
                key={head}
                scope="col"
                className={`px-4 py-2 font-medium ${head === 'Started' ? wideOnly : ''}`}
              >
                {head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id} data-testid="evaluation-row">
              <td className="px-4 py-2">
                <Link
                  href={`/testing/${item.id}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {item.modelName}
                </Link>
              </td>
              <td className="px-4 py-2">{item.datasetName}</td>
              <td className={`px-4 py-2 whitespace-nowrap text-slate-600 ${wideOnly}`}>
                {formatDate(item.createdAt)}
              </td>
              <td className="px-4 py-2">
                <EvaluationStatus status={item.status} progress={item.job?.progress} />
                {item.status === 'RUNNING' && item.job?.message && (
                  <p className="text-xs text-slate-500">{item.job.message}</p>
                )}
                {item.error && <p className="text-xs text-red-700">{item.error}</p>}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatMetric(item.metrics?.rmse)}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatMetric(item.metrics?.mae)}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatMetric(item.metrics?.r2)}
              </td>
              <td className="px-4 py-2">
                <DeleteEvaluationButton
                  id={item.id}
                  name={`${item.modelName} on ${item.datasetName}`}
                  onDeleted={() => setItems((now) => now.filter((i) => i.id !== item.id))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
