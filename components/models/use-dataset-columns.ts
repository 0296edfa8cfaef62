'use client';
// The train form's data: the user's datasets, and the columns of the one chosen.
import { useEffect, useState } from 'react';
import { callApi } from '@/components/datasets/api';
import type { DatasetColumnInfo, DatasetOption } from './types';

interface DatasetBody {
  id: string;
  name: string;
  schema: { columns?: { name: string; kind: string }[] } | null;
}

/** The user's datasets (null while loading) and a load error, if any. */
export function useDatasets() {
  const [datasets, setDatasets] = useState<DatasetOption[] | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    callApi<{ datasets: DatasetBody[] }>('/api/datasets')
      .then((body) => setDatasets(body.datasets.map((d) => ({ id: d.id, name: d.name }))))
      .catch((caught: Error) => setError(caught.message));
  }, []);
  return { datasets, error };
}

/** The columns of `datasetId` from its stored schema (null while loading or when none chosen). */
export function useDatasetColumns(datasetId: string) {
  const [loaded, setLoaded] = useState<{ id: string; columns: DatasetColumnInfo[] } | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);

  useEffect(() => {
    if (!datasetId) return;
    let live = true;
    callApi<{ dataset: DatasetBody }>(`/api/datasets/${datasetId}`)
      .then((body) => {
        const columns = (body.dataset.schema?.columns ?? []).map((c) => ({
          name: c.name,
          kind: c.kind,
        }));
        if (live) setLoaded({ id: datasetId, columns });
      })
      .catch((caught: Error) => live && setError({ id: datasetId, message: caught.message }));
    return () => {
      live = false;
    };
  }, [datasetId]);

  return {
    columns: loaded?.id === datasetId ? loaded.columns : null,
    error: error?.id === datasetId ? error.message : undefined,
  };
}
