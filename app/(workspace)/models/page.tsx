// /models: the user's models with live training status, and the upload of a model file.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ModelsBoard } from '@/components/models/models-board';
import { UploadModelForm } from '@/components/models/upload-model-form';
import { focusRing } from '@/components/ui/button';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Models' };

export default function ModelsPage() {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Models" summary="Predictors trained automatically on your datasets." />
        <Link
          href="/models/new"
          className={`inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm
            font-semibold text-white shadow-sm hover:bg-indigo-500 ${focusRing}`}
        >
          Train a model
        </Link>
      </div>
      <div className="space-y-8">
        <ModelsBoard />
        <UploadModelForm />
      </div>
    </>
  );
}
