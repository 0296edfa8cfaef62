// /datasets: the user's tables — upload, list, merge.
import type { Metadata } from 'next';
import { DatasetList } from '@/components/datasets/dataset-list';
import { MergeForm } from '@/components/datasets/merge-form';
import { UploadForm } from '@/components/datasets/upload-form';
import { EmptyState } from '@/components/empty-state';
import { TableIcon } from '@/components/icons';
import { PageHeader } from '@/components/workspace/page-header';
import { listDatasets } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { schemaOf } from '@/lib/datasets/types';

export const metadata: Metadata = { title: 'Datasets' };
export const dynamic = 'force-dynamic';

export default async function DatasetsPage() {
  // The workspace layout has already sent visitors without a session to /login.
  const user = await getSessionUser();
  const datasets = user ? await listDatasets(user.id) : [];

  return (
    <>
      <PageHeader title="Datasets" summary="The tables you train and test your models on." />
      <div className="space-y-8">
        <UploadForm
          maxBytes={getConfig().UPLOAD_MAX_BYTES}
          existingNames={datasets.map((d) => d.name)}
        />
        {datasets.length === 0 ? (
          <EmptyState
            icon={<TableIcon />}
            title="No datasets yet"
            description="Each dataset is a CSV file you upload. Here you will see its rows and columns, the type of each column, and how many values are missing."
            firstStep="prepare a CSV file with one row per example and a column holding the number you want to predict, such as a price or a duration."
          />
        ) : (
          <>
            <DatasetList datasets={datasets} />
            {datasets.length > 1 && (
              <MergeForm
                datasets={datasets.map((d) => ({
                  id: d.id,
                  name: d.name,
                  columns: schemaOf(d).columns.map((c) => c.name),
                }))}
              />
            )}
          </>
        )}
      </div>
    </>
  );
}
