'use client';
// The Predicting page's body: one model choice shared by the batch and the manual sections.
import { useState } from 'react';
import { FormAlert } from '../ui/form-alert';
import { BatchPanel } from './batch-panel';
import { ManualPredictions } from './manual-table';
import type { DatasetOption, ModelOption, PredictionItem } from './types';
import { useModelInputs } from './use-model-inputs';

export function PredictingWorkspace({
  models,
  datasets,
  predictions,
}: {
  models: ModelOption[];
  datasets: DatasetOption[];
  predictions: PredictionItem[];
}) {
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const { inputs, error } = useModelInputs(modelId || null);

  return (
    <div className="space-y-10">
      <label
        htmlFor="predict-model"
        className="flex max-w-md flex-col text-sm font-medium text-slate-800"
      >
        Model
        <select
          id="predict-model"
          value={modelId}
          onChange={(e) => setModelId(e.target.value)}
          className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.label ? ` (predicts ${m.label})` : ''}
            </option>
          ))}
        </select>
      </label>

      <section aria-labelledby="batch-heading" className="space-y-4">
        <div>
          <h2 id="batch-heading" className="text-lg font-semibold text-slate-900">
            Batch prediction
          </h2>
          <p className="text-sm text-slate-600">
            Predicts every row of a dataset in the background and keeps the result as a CSV file:
            all its columns plus the prediction, and a reason for rows the model cannot read.
          </p>
        </div>
        <BatchPanel modelId={modelId} datasets={datasets} initial={predictions} />
      </section>

      <section aria-labelledby="manual-heading" className="space-y-4">
        <div>
          <h2 id="manual-heading" className="text-lg font-semibold text-slate-900">
            Manual prediction
          </h2>
          <p className="text-sm text-slate-600">
            Type or paste a few rows and predict them at once. Blank fields are missing values.
          </p>
        </div>
        {error && <FormAlert>{error}</FormAlert>}
        {inputs && <ManualPredictions key={modelId} modelId={modelId} inputs={inputs} />}
        {!inputs && !error && (
          <p className="text-sm text-slate-500">Loading the model’s features…</p>
        )}
      </section>
    </div>
  );
}
