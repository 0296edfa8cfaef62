'use client';
// One completed batch prediction: counts, notices, the first rows, the CSV download and plots.
import { useMemo } from 'react';
import { FormAlert } from '../ui/form-alert';
import { PredictionPlots } from './plots';
import { formatPrediction, type Cell, type PredictionItem } from './types';
import { useModelInputs } from './use-model-inputs';

function showCell(value: Cell, isPrediction: boolean): string {
  if (value === null) return '';
  if (isPrediction && typeof value === 'number') return formatPrediction(value);
  return String(value);
}

export function ResultView({ prediction }: { prediction: PredictionItem }) {
  const result = prediction.result;
  const { inputs, error } = useModelInputs(prediction.modelId);
  const features = useMemo(
    () => inputs?.features.filter((f) => result && f.name in result.sample.columns) ?? [],
    [inputs, result],
  );
  if (!result) return null;
  // The prediction and its reason first: a wide file would hide them at the far right.
  const columns = result.preview.columns;
  const added = [result.predictionColumn, result.reasonColumn].map((c) => columns.indexOf(c));
  const order = [...added, ...columns.map((_, k) => k).filter((k) => !added.includes(k))];
  const predictionIndex = added[0];
  const count = (n: number) => n.toLocaleString('en-US');

  return (
    <section
      aria-label="Prediction result"
      className="space-y-5 rounded-lg border border-slate-200 p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h3 className="text-lg font-semibold text-slate-900">
          {prediction.datasetName} with {prediction.modelName ?? 'a deleted model'}
        </h3>
        <a
          href={`/api/predictions/${prediction.id}/download`}
          download
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500"
        >
          Download CSV
        </a>
      </div>
      <dl data-testid="prediction-counts" className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Rows</dt>
          <dd className="text-lg font-semibold">{count(result.rows)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Predicted</dt>
          <dd className="text-lg font-semibold">{count(result.predicted)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Empty (with a reason)</dt>
          <dd className="text-lg font-semibold">{count(result.empty)}</dd>
        </div>
        {/* A long column name in one piece would widen a phone's page: it wraps where it must. */}
        <div>
          <dt className="text-slate-500">Prediction column</dt>
          <dd className="font-mono text-sm wrap-anywhere">{result.predictionColumn}</dd>
        </div>
      </dl>
      {result.reasons.length > 0 && (
        <FormAlert>
          Rows without a prediction have their reason in column {result.reasonColumn}:{' '}
          {result.reasons.map((r) => `${r.column} unreadable in ${count(r.count)} rows`).join('; ')}
          .
        </FormAlert>
      )}
      {result.notices.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {result.notices.map((n) => (
            <li key={`${n.code}:${n.column}`}>{n.message}</li>
          ))}
        </ul>
      )}
      <div className="relative max-h-96 overflow-auto rounded-md border border-slate-200">
        <table aria-label="Predicted rows" className="min-w-full text-left text-sm">
          <caption className="px-2 py-1 text-left text-xs text-slate-500">
            The first {result.preview.rows.length} of {count(result.rows)} rows
          </caption>
          <thead className="bg-slate-50">
            <tr>
              {order
                .map((k) => columns[k])
                .map((c, k) => (
                  <th
                    key={c}
                    scope="col"
                    className={`px-2 py-1.5 font-medium ${k === 0 ? 'text-indigo-700' : 'text-slate-700'}`}
                  >
                    {c}
                  </th>
                ))}
            </tr>
          </thead>
          <tbody>
            {result.preview.rows.map((row, r) => (
              <tr key={r} className="border-t border-slate-100">
                {order.map((k) => (
                  <td
                    key={k}
                    className={`whitespace-nowrap px-2 py-1 ${k === predictionIndex ? 'font-semibold' : ''}`}
                  >
                    {showCell(row[k], k === predictionIndex)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      {inputs && (
        <PredictionPlots
          features={features}
          data={result.sample}
          predictionName={result.predictionColumn}
          idPrefix={`batch-${prediction.id.slice(0, 8)}`}
        />
      )}
    </section>
  );
}
