'use client';
// The /models page's live part: the models table (polled while training) or the empty state.
import { EmptyState } from '@/components/empty-state';
import { ModelIcon } from '@/components/icons';
import { FormAlert } from '@/components/ui/form-alert';
import { ModelList } from './model-list';
import { useModels } from './use-models';
import { useNow } from './use-now';

/** The user's models, updated live, or the empty state when there are none. */
export function ModelsBoard() {
  const { models, error, reload, clockOffsetMs } = useModels();
  const now = useNow(models?.some((m) => m.status === 'TRAINING') ?? false) + clockOffsetMs;

  if (!models) {
    return error ? (
      <FormAlert>{error}</FormAlert>
    ) : (
      <p className="text-sm text-slate-500" role="status">
        Loading models…
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {error && <FormAlert>Could not refresh the list: {error}</FormAlert>}
      {models.length === 0 ? (
        <EmptyState
          icon={<ModelIcon />}
          title="No models yet"
          description="Pick a dataset and the column to predict; Cidra-ML fits several kinds of models and combines the ones that predict best into a weighted ensemble. Each model lists its accuracy and the columns that matter most."
          firstStep="train a model on one of your datasets, or upload a model file below."
          action={{ href: '/models/new', label: 'Train a model' }}
        />
      ) : (
        <ModelList models={models} now={now} onChanged={reload} />
      )}
    </div>
  );
}
