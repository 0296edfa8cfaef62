// /models: the user's trained models. Empty until training arrives.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { ModelIcon } from '@/components/icons';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Models' };

export default function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" summary="Predictors trained automatically on your datasets." />
      <EmptyState
        icon={<ModelIcon />}
        title="No models yet"
        description="Pick a dataset and the column to predict; Cidra-ML fits several kinds of models and combines the ones that predict best into a weighted ensemble. Each model lists its accuracy and the columns that matter most."
        firstStep="add a dataset. Models are trained from one."
        action={{ href: '/datasets', label: 'Go to Datasets' }}
      />
    </>
  );
}
