// /datasets/:id — one dataset: its columns and kinds, a preview of its rows, its profile with
// charts, and the actions on it (train a model, download, split, delete). Another user's dataset
// is a 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeleteDatasetButton } from '@/components/datasets/delete-button';
import { ProfilePanel } from '@/components/datasets/profile-panel';
import { RowsPreview } from '@/components/datasets/rows-preview';
import { SchemaTable } from '@/components/datasets/schema-table';
import { SplitForm } from '@/components/datasets/split-form';
import { getDataset } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';
import { formatBytes, formatCount, formatDate } from '@/lib/datasets/format';
import { schemaOf } from '@/lib/datasets/types';

export const metadata: Metadata = { title: 'Dataset' };
export const dynamic = 'force-dynamic';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`section-${title}`} className="space-y-3">
      <h2 id={`section-${title}`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  const dataset = user ? await getDataset(user.id, id) : null;
  if (!dataset) notFound();
  const schema = schemaOf(dataset);

  return (
    <div className="space-y-10">
      <div>
        <Link href="/datasets" className="text-sm text-indigo-700 hover:underline">
          ← Datasets
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
          {dataset.name}
        </h1>
        {dataset.description && <p className="mt-1 text-slate-600">{dataset.description}</p>}
        <p className="mt-2 text-sm text-slate-600" data-testid="dataset-summary">
          {formatCount(dataset.rowCount)} rows · {formatCount(dataset.columnCount)} columns ·{' '}
          {formatBytes(dataset.sizeBytes)} · added {formatDate(dataset.createdAt)}
        </p>
        {schema.origin && (
          <p className="mt-1 text-sm text-slate-600" data-testid="dataset-origin">
            {schema.origin.note}
          </p>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <Link
            href={`/models/new?dataset=${dataset.id}`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Train a model
          </Link>
          <a
            href={`/api/datasets/${dataset.id}/download`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Download CSV
          </a>
          <DeleteDatasetButton id={dataset.id} name={dataset.name} redirectTo="/datasets" />
        </div>
      </div>

      {schema.warnings.length > 0 && (
        <Section title="Notes from reading the file">
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
            {schema.warnings.map((warning, i) => (
              <li key={i}>{warning.message}</li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Columns">
        <SchemaTable datasetId={dataset.id} columns={schema.columns} />
      </Section>
      <Section title="Rows">
        <RowsPreview datasetId={dataset.id} totalRows={dataset.rowCount} />
      </Section>
      <Section title="Profile">
        <ProfilePanel
          key={JSON.stringify(schema.columns.map((c) => c.kind))}
          datasetId={dataset.id}
          fileName={dataset.name}
        />
      </Section>
      <Section title="Split into training and test">
        <SplitForm datasetId={dataset.id} />
      </Section>
    </div>
  );
}
