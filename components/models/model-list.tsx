'use client';
// The table of a user's models: name, dataset, target, status with live progress, score, date.
import Link from 'next/link';
import { formatDate } from '@/lib/datasets/format';
import { CancelTrainingButton } from './cancel-button';
import { formatScore, formatTrainingTime, metricLabels } from './format';
import { StatusBadge } from './status-badge';
import { TrainingProgress } from './training-progress';
import type { ModelSummary } from './types';

const heads = ['Name', 'Dataset', 'Target', 'Status', 'Validation score', 'Created', 'Actions'];

// Below 640 px the table would push Status past a phone's edge; the model page names both.
const wideOnly = 'hidden sm:table-cell';
const hiddenOnPhones = new Set(['Dataset', 'Target']);

/** The dataset cell: a link, "deleted" when the dataset is gone, "uploaded file" for uploads. */
export function DatasetCell({
  model,
}: {
  model: Pick<ModelSummary, 'datasetId' | 'datasetName' | 'source'>;
}) {
  if (model.datasetId) {
    return (
      <Link href={`/datasets/${model.datasetId}`} className="text-indigo-700 hover:underline">
        {model.datasetName ?? 'dataset'}
      </Link>
    );
  }
  if (model.source === 'uploaded' && !model.datasetName) {
    return <span className="text-slate-500">uploaded file</span>;
  }
  return (
    <span className="text-slate-500">
      {model.datasetName ? `${model.datasetName} (deleted)` : 'deleted'}
    </span>
  );
}

/** "RMSE 3.12" in the model's metric; the other two in the tooltip. */
function Score({ model }: { model: ModelSummary }) {
  const v = model.validation;
  if (model.status !== 'COMPLETED' || !v) return <span className="text-slate-400">–</span>;
  const metric = model.evalMetric ?? 'rmse';
  return (
    <span
      className="tabular-nums"
      title={`RMSE ${formatScore(v.rmse)} · MAE ${formatScore(v.mae)} · R² ${formatScore(v.r2)}`}
    >
      {metricLabels[metric]} {formatScore(v[metric])}
    </span>
  );
}

function StatusCell({ model, now }: { model: ModelSummary; now: number }) {
  return (
    <div className="space-y-1">
      <StatusBadge status={model.status} />
      {model.status === 'TRAINING' && <TrainingProgress model={model} now={now} />}
      {model.status === 'COMPLETED' && model.trainingSec !== null && (
        <p className="text-xs text-slate-500 tabular-nums">
          trained in {formatTrainingTime(model.trainingSec)}
        </p>
      )}
      {model.status === 'FAILED' && model.error && (
        <p className="max-w-xs text-xs text-red-700" data-testid="model-error">
          {model.error}
        </p>
      )}
    </div>
  );
}

/** The models table; `onChanged` reloads after an action such as cancelling. */
export function ModelList({
  models,
  now,
  onChanged,
}: {
  models: ModelSummary[];
  now: number;
  onChanged: () => void;
}) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Your models</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {heads.map((head) => (
              <th
                key={head}
                scope="col"
                className={`px-4 py-2 font-medium ${hiddenOnPhones.has(head) ? wideOnly : ''}`}
              >
                {head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {models.map((model) => (
            <tr key={model.id} data-testid="model-row" className="align-top">
              <td className="px-4 py-2">
                <Link
                  href={`/models/${model.id}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {model.name}
                </Link>
                {model.description && <p className="text-slate-500">{model.description}</p>}
              </td>
              <td className={`px-4 py-2 ${wideOnly}`}>
                <DatasetCell model={model} />
              </td>
              <td className={`px-4 py-2 ${wideOnly}`}>{model.label ?? '–'}</td>
              <td className="px-4 py-2">
                <StatusCell model={model} now={now} />
              </td>
              <td className="px-4 py-2">
                <Score model={model} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                {formatDate(model.createdAt)}
              </td>
              <td className="px-4 py-2">
                {model.status === 'TRAINING' && model.job && (
                  <CancelTrainingButton
                    jobId={model.job.id}
                    name={model.name}
                    onCancelled={onChanged}
                  />
                )}
                {model.status === 'COMPLETED' && (
                  <a
                    href={`/api/models/${model.id}/download`}
                    className="font-medium text-indigo-700 hover:underline"
                    aria-label={`Download ${model.name}`}
                  >
                    Download
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
