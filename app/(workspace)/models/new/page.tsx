// /models/new: the train form. `?dataset=<id>` preselects a dataset.
import type { Metadata } from 'next';
import Link from 'next/link';
import { TrainForm } from '@/components/models/train-form';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Train a model' };

export default async function NewModelPage({
  searchParams,
}: {
  searchParams: Promise<{ dataset?: string | string[] }>;
}) {
  const { dataset } = await searchParams;
  return (
    <>
      <Link href="/models" className="text-sm text-indigo-700 hover:underline">
        ← Models
      </Link>
      <div className="mt-2">
        <PageHeader
          title="Train a model"
          summary="Training runs in the background: you can leave this page and come back."
        />
      </div>
      <TrainForm initialDatasetId={typeof dataset === 'string' ? dataset : ''} />
    </>
  );
}
