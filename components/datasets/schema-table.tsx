'use client';
// The columns of a dataset: name, kind (changeable), detected kind, missing cells, notes.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { columnKinds, type DatasetColumn } from '@/lib/datasets/types';
import { formatCount } from '@/lib/datasets/format';
import { callApi } from './api';

export function SchemaTable({
  datasetId,
  columns,
}: {
  datasetId: string;
  columns: DatasetColumn[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState<string>();

  async function setKind(column: string, kind: string) {
    setSaving(column);
    setError(undefined);
    try {
      await callApi(`/api/datasets/${datasetId}`, {
        method: 'PATCH',
        body: { kinds: { [column]: kind } },
      });
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setSaving(undefined);
    }
  }

  return (
    <div>
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="max-h-[32rem] overflow-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Columns">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Column
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Kind
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Detected
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Missing
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Notes
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {columns.map((column) => (
              <tr key={column.name} data-testid="schema-row">
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                  {column.name}
                  {column.originalName !== column.name && (
                    <span className="block text-xs font-normal text-slate-500">
                      header: “{column.originalName}”
                    </span>
                  )}
                </th>
                <td className="px-4 py-2">
                  <select
                    aria-label={`Kind of ${column.name}`}
                    value={column.kind}
                    disabled={saving === column.name}
                    onChange={(event) => setKind(column.name, event.target.value)}
                    className="rounded border border-slate-300 px-2 py-1"
                  >
                    {columnKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {kind}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2 text-slate-600">{column.detectedKind}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatCount(column.missing)}</td>
                <td className="px-4 py-2 text-slate-600">{column.notes.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
