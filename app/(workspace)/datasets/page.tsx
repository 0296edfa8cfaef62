// /datasets: the user's tables. Empty until uploads arrive.
import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { TableIcon } from '@/components/icons';
import { PageHeader } from '@/components/workspace/page-header';

export const metadata: Metadata = { title: 'Datasets' };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets" summary="The tables you train and test your models on." />
      <EmptyState
        icon={<TableIcon />}
        title="No datasets yet"
        description="Each dataset is a CSV file you upload. Here you will see its rows and columns, the type of each column, and how many values are missing."
        firstStep="prepare a CSV file with one row per example and a column holding the number you want to predict, such as a price or a duration."
      />
    </>
  );
}
