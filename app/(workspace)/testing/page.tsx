// /testing: model evaluations on held-out data. Empty until evaluation arrives.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { TestIcon } from '@/components/icons';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Testing' };

export default function TestingPage() {
  return (
    <>
      <PageHeader title="Testing" summary="How well your models predict data they have not seen." />
      <EmptyState
        icon={<TestIcon />}
        title="Nothing tested yet"
        description="Run a model on a dataset whose true values you know, and compare: error measures such as RMSE and MAE, and charts of predicted against actual values."
        firstStep="train a model, then test it here on a dataset it was not trained on."
        action={{ href: '/models', label: 'Go to Models' }}
      />
    </>
  );
}
