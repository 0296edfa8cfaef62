'use client';
// A model's details page: heading, actions, overview, features, leaderboard, weights, importance.
// Reads GET /api/models/:id, and re-reads it every 2 s while the model trains.
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { VegaChart } from '@/components/charts/vega-chart';
import { FormAlert } from '@/components/ui/form-alert';
import { getWithClock } from './api';
import { ApiExample } from './api-example';
import { CancelTrainingButton } from './cancel-button';
import { importanceSpec, leaderboardSpec } from './chart-specs';
import { DeleteModelButton } from './delete-model-button';
import { LeaderboardTable } from './leaderboard-table';
import { ModelHeading } from './model-heading';
import { EnsembleWeights, FeaturesSection, Overview, Section } from './model-sections';
import { StatusBadge } from './status-badge';
import { TrainingProgress } from './training-progress';
import type { ModelDetails as Details } from './types';
import { POLL_MS } from './use-models';
import { useNow } from './use-now';

function useModel(id: string) {
  const [model, setModel] = useState<Details | null>(null);
  const [error, setError] = useState<string>();
  const [loads, setLoads] = useState(0);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);

  const reload = useCallback(async () => {
    try {
      const answer = await getWithClock<{ model: Details }>(`/api/models/${id}`);
      setModel(answer.body.model);
      setClockOffsetMs(answer.clockOffsetMs);
      setError(undefined);
    } catch (caught) {
      setError((caught as Error).message);
    }
    setLoads((n) => n + 1);
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const training = model?.status === 'TRAINING';
  useEffect(() => {
    if (loads === 0 || !training) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [loads, training, reload]);

  return { model, setModel, error, reload, clockOffsetMs };
}

function Results({ model }: { model: Details }) {
  const metric = model.evalMetric ?? 'rmse';
  const fileName = model.name.replace(/[^\w.-]+/g, '_');
  return (
    <>
      <FeaturesSection model={model} />
      <Section title="Leaderboard">
        <LeaderboardTable rows={model.leaderboard} metric={metric} />
        <VegaChart
          spec={leaderboardSpec(model.leaderboard, metric)}
          label="Leaderboard chart"
          fileName={`${fileName}-leaderboard`}
        />
      </Section>
      <Section title="Ensemble weights">
        <EnsembleWeights model={model} />
      </Section>
      <Section title="Feature importance">
        {model.featureImportance && model.featureImportance.length > 0 ? (
          <>
            <p className="mb-2 text-sm text-slate-600">
              {model.featureImportanceRows === 'training'
                ? 'How much the error grows when a column is shuffled, measured on a sample of the training rows (this preset keeps no rows aside), so it shows what the model relies on.'
                : 'How much the error grows when a column is shuffled, measured on the held-out validation rows.'}
            </p>
            <VegaChart
              spec={importanceSpec(model.featureImportance)}
              label="Feature importance chart"
              fileName={`${fileName}-importance`}
            />
            <UnmeasuredFeatures importance={model.featureImportance} />
          </>
        ) : (
          <p className="text-sm text-slate-500">
            Not measured for this model (uploaded models carry it only when trained with a holdout).
          </p>
        )}
      </Section>
      <Section title="Predict from a script">
        <ApiExample model={model} />
      </Section>
    </>
  );
}

/** Names the features the measurement's time ran out before, so a missing bar is not read as 0. */
function UnmeasuredFeatures({
  importance,
}: {
  importance: { feature: string; mean: number | null }[];
}) {
  const missing = importance.filter((f) => f.mean === null).map((f) => f.feature);
  if (missing.length === 0) return null;
  return (
    <p className="mt-2 text-sm text-amber-800">
      Not measured in the time the training left ({missing.length} of {importance.length}):{' '}
      {missing.join(', ')}. Their importance is unknown, not zero.
    </p>
  );
}

/** The whole details view of model `id`, live while it trains. */
export function ModelDetails({ id }: { id: string }) {
  const { model, setModel, error, reload, clockOffsetMs } = useModel(id);
  const now = useNow(model?.status === 'TRAINING') + clockOffsetMs;

  if (!model) {
    return error ? <FormAlert>{error}</FormAlert> : <p role="status">Loading the model…</p>;
  }
  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <Link href="/models" className="text-sm text-indigo-700 hover:underline">
          ← Models
        </Link>
        <ModelHeading
          id={model.id}
          name={model.name}
          description={model.description}
          onSaved={(values) => setModel({ ...model, ...values })}
        />
        <div className="flex flex-wrap items-center gap-4">
          <StatusBadge status={model.status} />
          {model.status === 'COMPLETED' && (
            <a
              href={`/api/models/${model.id}/download`}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Download zip
            </a>
          )}
          {model.status === 'TRAINING' && model.job && (
            <CancelTrainingButton jobId={model.job.id} name={model.name} onCancelled={reload} />
          )}
          <DeleteModelButton id={model.id} name={model.name} />
        </div>
        {model.status === 'TRAINING' && <TrainingProgress model={model} now={now} />}
        {model.status === 'FAILED' && (
          <FormAlert>{model.error ?? 'The training failed.'}</FormAlert>
        )}
        {model.status === 'CANCELLED' && (
          <p className="text-sm text-slate-600">The training was cancelled.</p>
        )}
        {error && <FormAlert>Could not refresh: {error}</FormAlert>}
      </div>
      <Section title="Overview">
        <Overview model={model} />
      </Section>
      {model.status === 'COMPLETED' && <Results model={model} />}
    </div>
  );
}
