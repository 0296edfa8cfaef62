// /predicting: batch predictions for new data. Empty until prediction arrives.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PredictIcon } from '@/components/icons';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Predicting' };

export default function PredictingPage() {
  return (
    <>
      <PageHeader
        title="Predicting"
        summary="Fill in the missing column of new data with a model."
      />
      <EmptyState
        icon={<PredictIcon />}
        title="No predictions yet"
        description="Give a model a CSV file without the value to predict; Cidra-ML adds a column with its predictions, ready to download."
        firstStep="train a model. Any trained model can then predict here."
        action={{ href: '/models', label: 'Go to Models' }}
      />
    </>
  );
}
