// The list of a user's datasets: name, rows, columns, size, upload date and actions.
import Link from 'next/link';
import type { Dataset } from '@/lib/access';
import { formatBytes, formatCount, formatDate } from '@/lib/datasets/format';
import { DeleteDatasetButton } from './delete-button';

export function DatasetList({ datasets }: { datasets: Dataset[] }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Your datasets</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Rows
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Columns
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Size
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Uploaded
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Actions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {datasets.map((dataset) => (
            <tr key={dataset.id} data-testid="dataset-row">
              <td className="px-4 py-2">
                <Link
                  href={`/datasets/${dataset.id}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {dataset.name}
                </Link>
                {dataset.description && <p className="text-slate-500">{dataset.description}</p>}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{formatCount(dataset.rowCount)}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatCount(dataset.columnCount)}
              </td>
              <td
                data-testid="dataset-size"
                className="px-4 py-2 text-right whitespace-nowrap tabular-nums"
              >
                {formatBytes(dataset.sizeBytes)}
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                {formatDate(dataset.createdAt)}
              </td>
              <td className="px-4 py-2">
                <span className="flex flex-wrap gap-3">
                  <a
                    href={`/api/datasets/${dataset.id}/download`}
                    className="font-medium text-indigo-700 hover:underline"
                    aria-label={`Download ${dataset.name}`}
                  >
                    Download
                  </a>
                  <DeleteDatasetButton id={dataset.id} name={dataset.name} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
