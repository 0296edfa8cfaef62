'use client';
// Batch predictions: start one for a dataset, follow it live (polled while queued or running),
// list the results, open one, download or delete it.
import { useEffect, useState } from 'react';
import { formatDate } from '@/lib/datasets/format';
import { callApi } from '../datasets/api';
import { PrimaryButton } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { ProgressBar } from '../ui/progress-bar';
import { ResultView } from './result-view';
import { isActive, type DatasetOption, type PredictionItem } from './types';

const POLL_MS = 1000;

function StatusCell({ item }: { item: PredictionItem }) {
  if (isActive(item.status)) {
    const progress = (item.job?.progress ?? 0) / 100;
    return (
      <div className="min-w-40 space-y-1">
        <span className="text-xs font-medium text-indigo-700">
          {item.status === 'QUEUED' ? 'Queued' : 'Running'}
        </span>
        <ProgressBar value={progress} label={`Progress of ${item.datasetName}`} />
        <span className="block text-xs text-slate-500">{item.job?.message}</span>
      </div>
    );
  }
  if (item.status === 'FAILED') return <span className="text-red-700">Failed: {item.error}</span>;
  if (item.status === 'CANCELLED') return <span className="text-slate-500">Cancelled</span>;
  return <span className="font-medium text-emerald-700">Completed</span>;
}

/** Polls the unfinished predictions of `items` and merges their fresh state in. */
function usePolling(
  items: PredictionItem[],
  setItems: (update: (old: PredictionItem[]) => PredictionItem[]) => void,
) {
  const activeIds = items
    .filter((item) => isActive(item.status))
    .map((item) => item.id)
    .join(',');
  useEffect(() => {
    if (!activeIds) return;
    const timer = setInterval(async () => {
      const fresh = await Promise.all(
        activeIds.split(',').map((id) =>
          callApi<{ prediction: PredictionItem }>(`/api/predictions/${id}`).then(
            (b) => b.prediction,
            () => null,
          ),
        ),
      );
      const byId = new Map(
        fresh.filter((p): p is PredictionItem => p !== null).map((p) => [p.id, p]),
      );
      setItems((old) => old.map((item) => byId.get(item.id) ?? item));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [activeIds, setItems]);
}

export function BatchPanel({
  modelId,
  datasets,
  initial,
}: {
  modelId: string;
  datasets: DatasetOption[];
  initial: PredictionItem[];
}) {
  const [items, setItems] = useState(initial);
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? '');
  const [openId, setOpenId] = useState<string | null>(
    initial.find((p) => p.status === 'COMPLETED')?.id ?? null,
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  usePolling(items, setItems);

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const { prediction } = await callApi<{ prediction: PredictionItem }>('/api/predictions', {
        method: 'POST',
        body: { modelId, datasetId },
      });
      setItems((old) => [prediction, ...old]);
      setOpenId(prediction.id);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function cancel(item: PredictionItem) {
    try {
      await callApi(`/api/jobs/${item.job!.id}/cancel`, { method: 'POST' });
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  async function remove(item: PredictionItem) {
    try {
      await callApi(`/api/predictions/${item.id}`, { method: 'DELETE' });
      setItems((old) => old.filter((p) => p.id !== item.id));
      if (openId === item.id) setOpenId(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const open = items.find((item) => item.id === openId);
  return (
    <div className="space-y-5">
      <form
        aria-label="Batch prediction"
        onSubmit={start}
        className="flex flex-wrap items-end gap-3"
      >
        <label htmlFor="batch-dataset" className="flex flex-col text-sm font-medium text-slate-800">
          Dataset
          <select
            id="batch-dataset"
            value={datasetId}
            onChange={(e) => setDatasetId(e.target.value)}
            required
            className="mt-1 min-w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {datasets.length === 0 && <option value="">No datasets yet</option>}
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.rowCount.toLocaleString('en-US')} rows)
              </option>
            ))}
          </select>
        </label>
        <PrimaryButton
          type="submit"
          pending={pending}
          pendingLabel="Starting…"
          disabled={!datasetId || !modelId}
        >
          Predict every row
        </PrimaryButton>
      </form>
      {error && <FormAlert>{error}</FormAlert>}
      {items.length > 0 && (
        <div className="relative overflow-x-auto rounded-md border border-slate-200">
          <table aria-label="Batch predictions" className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Dataset
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Model
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Started
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr
                  key={item.id}
                  data-testid="prediction-row"
                  className={`border-t border-slate-100 ${item.id === openId ? 'bg-indigo-50/50' : ''}`}
                >
                  <td className="px-3 py-2">{item.datasetName}</td>
                  <td className="px-3 py-2">{item.modelName ?? '—'}</td>
                  <td className="px-3 py-2">
                    <StatusCell item={item} />
                  </td>
                  <td className="px-3 py-2 text-slate-500">{formatDate(item.createdAt)}</td>
                  <td className="space-x-2 whitespace-nowrap px-3 py-2">
                    {isActive(item.status) && item.job && (
                      <button
                        type="button"
                        onClick={() => cancel(item)}
                        className="text-slate-700 hover:underline"
                        aria-label={`Cancel prediction of ${item.datasetName}`}
                      >
                        Cancel
                      </button>
                    )}
                    {item.status === 'COMPLETED' && (
                      <button
                        type="button"
                        onClick={() => setOpenId(item.id)}
                        className="text-indigo-700 hover:underline"
                      >
                        View
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() => remove(item)}
                      className="text-red-700 hover:underline"
                      aria-label={`Delete prediction of ${item.datasetName}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open?.status === 'COMPLETED' && <ResultView key={open.id} prediction={open} />}
    </div>
  );
}
