'use client';
// A paginated preview of a dataset's rows, fetched page by page from the rows API.
import { useEffect, useState } from 'react';
import { focusRing } from '@/components/ui/button';
import { formatCount } from '@/lib/datasets/format';
import { callApi } from './api';

const PAGE_ROWS = 25;

interface Page {
  columns: string[];
  rows: (string | null)[][];
  offset: number;
  totalRows: number;
}

export function RowsPreview({ datasetId, totalRows }: { datasetId: string; totalRows: number }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    callApi<Page>(`/api/datasets/${datasetId}/rows?offset=${offset}&limit=${PAGE_ROWS}`)
      .then((data) => live && setPage(data))
      .catch((caught: Error) => live && setError(caught.message));
    return () => {
      live = false;
    };
  }, [datasetId, offset]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error}
      </p>
    );
  if (!page) return <p className="text-sm text-slate-500">Loading rows…</p>;
  const last = Math.min(totalRows, offset + page.rows.length);
  const button = `rounded border border-slate-300 px-3 py-1 text-sm disabled:opacity-40 ${focusRing}`;
  return (
    <div>
      <div className="relative overflow-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Rows">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                #
              </th>
              {page.columns.map((name) => (
                <th key={name} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((row, r) => (
              <tr key={offset + r}>
                <td className="px-3 py-1 text-right text-slate-400 tabular-nums">
                  {offset + r + 1}
                </td>
                {row.map((cell, c) => (
                  <td
                    key={c}
                    className="max-w-xs truncate px-3 py-1 whitespace-pre-line"
                    title={cell ?? ''}
                  >
                    {cell ?? <span className="text-slate-300">–</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex items-center gap-3 text-sm text-slate-600">
        <button
          type="button"
          className={button}
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_ROWS))}
        >
          Previous
        </button>
        <span aria-live="polite">
          Rows {formatCount(totalRows === 0 ? 0 : offset + 1)}–{formatCount(last)} of{' '}
          {formatCount(totalRows)}
        </span>
        <button
          type="button"
          className={button}
          disabled={last >= totalRows}
          onClick={() => setOffset(offset + PAGE_ROWS)}
        >
          Next
        </button>
      </div>
    </div>
  );
}
