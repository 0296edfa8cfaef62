'use client';
// Start an evaluation: a completed model, a dataset holding its target, and "Evaluate".
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { SelectField } from '@/components/ui/select-field';
import {
  defaultTestDataset,
  missingColumns,
  type TestDataset,
  type TestedModel,
} from './default-dataset';
import { EVALUATIONS_CHANGED } from './format';

export interface ModelChoice extends TestedModel {
  id: string;
  name: string;
}

export type DatasetChoice = TestDataset;

export function EvaluationForm({
  models,
  datasets,
}: {
  models: ModelChoice[];
  datasets: DatasetChoice[];
}) {
  const router = useRouter();
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const [datasetId, setDatasetId] = useState(() =>
    models[0] ? defaultTestDataset(models[0], datasets) : (datasets[0]?.id ?? ''),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Names only, no status: the message would go stale, while the list below follows the job.
  const [started, setStarted] = useState<{ id: string; model: string; dataset: string }>();
  const model = models.find((m) => m.id === modelId);

  function chooseModel(id: string) {
    setModelId(id);
    const chosen = models.find((m) => m.id === id);
    if (chosen) setDatasetId(defaultTestDataset(chosen, datasets));
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    setStarted(undefined);
    try {
      const { evaluation } = await callApi<{ evaluation: { id: string; datasetName: string } }>(
        '/api/evaluations',
        {
          method: 'POST',
          body: { modelId: form.get('modelId'), datasetId: form.get('datasetId') },
        },
      );
      setStarted({
        id: evaluation.id,
        model: model?.name ?? 'the model',
        dataset: evaluation.datasetName,
      });
      window.dispatchEvent(new Event(EVALUATIONS_CHANGED));
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label="New evaluation"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 className="text-lg font-semibold text-slate-900">Evaluate a model</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="evaluation-model"
          name="modelId"
          label="Model"
          required
          value={modelId}
          onChange={(event) => chooseModel(event.target.value)}
          hint={
            model?.label && (
              <>
                Predicts <span className="font-mono">{model.label}</span>; the dataset needs that
                column and every feature.
              </>
            )
          }
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <div>
          <SelectField
            id="evaluation-dataset"
            name="datasetId"
            label="Test dataset"
            required
            value={datasetId}
            onChange={(event) => setDatasetId(event.target.value)}
          >
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {model && missingColumns(d, model).length > 0 ? ' (lacks columns)' : ''}
              </option>
            ))}
          </SelectField>
          <DatasetHint model={model} dataset={datasets.find((d) => d.id === datasetId)} />
        </div>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      {started && (
        <FormAlert tone="success">
          Started evaluating {started.model} on {started.dataset}. It runs in the background: its
          status is under Results below and on{' '}
          <Link href={`/testing/${started.id}`} className="font-medium underline">
            its page
          </Link>
          ; you can leave this page.
        </FormAlert>
      )}
      <PrimaryButton type="submit" pending={busy} pendingLabel="Starting…">
        Evaluate
      </PrimaryButton>
    </form>
  );
}

/** What the chosen dataset means for the evaluation: columns it lacks, or its own training rows. */
function DatasetHint({ model, dataset }: { model?: ModelChoice; dataset?: DatasetChoice }) {
  const missing = model && dataset ? missingColumns(dataset, model) : [];
  if (dataset && missing.length > 0) {
    const named = missing.slice(0, 4).map((name) => `'${name}'`);
    const more = missing.length > 4 ? ` and ${missing.length - 4} more` : '';
    return (
      <p data-testid="dataset-hint" className="mt-1 text-sm text-red-700">
        {dataset.name} lacks {named.join(', ')}
        {more}, which the model needs: choose a dataset that has them.
      </p>
    );
  }
  if (model && dataset && dataset.id === model.datasetId) {
    return (
      <p data-testid="dataset-hint" className="mt-1 text-sm text-amber-700">
        This is the data the model was trained on: its scores will look better than on new rows.
      </p>
    );
  }
  return (
    <p data-testid="dataset-hint" className="mt-1 text-sm text-slate-500">
      Rows the model has not seen in training.
    </p>
  );
}
