'use client';
// The manual table's grid: a column per feature (inputs shaped by kind), the prediction, and row
// actions; the known levels of categories as datalists for the inputs' free entry.
import { FeatureCell, levelsId } from './cells';
import { formatPrediction, type ModelInputs } from './types';

/** One row of the manual table: feature name → the text typed. */
export type Row = Record<string, string>;

export const smallButton =
  'rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100';

export function RowsTable({
  inputs,
  rows,
  predictions,
  errors,
  listPrefix,
  onEdit,
  onRestructure,
}: {
  inputs: ModelInputs;
  rows: Row[];
  predictions: (number | null)[];
  /** Reasons by `row:field`. */
  errors: Map<string, string>;
  listPrefix: string;
  onEdit: (row: number, field: string, value: string) => void;
  /** New rows in a new order: duplicates and removals. */
  onRestructure: (rows: Row[]) => void;
}) {
  const { features, label } = inputs;
  return (
    <>
      {features
        .filter((f) => f.levels?.length)
        .map((f) => (
          <datalist key={f.name} id={levelsId(listPrefix, f)}>
            {f.levels!.map((level) => (
              <option key={level} value={level} />
            ))}
          </datalist>
        ))}
      <div className="relative overflow-x-auto rounded-md border border-slate-200">
        <table aria-label="Manual rows" className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium">
                #
              </th>
              {features.map((f) => (
                <th key={f.name} scope="col" className="px-2 py-2 font-medium">
                  {f.name} <span className="font-normal text-slate-500">({f.kind})</span>
                </th>
              ))}
              <th scope="col" className="px-2 py-2 font-semibold text-indigo-700">
                {label} (predicted)
              </th>
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">Row actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, k) => (
              <tr key={k} data-testid="manual-row" className="border-t border-slate-100">
                <td className="px-2 py-1 align-top text-slate-500">{k + 1}</td>
                {features.map((f) => (
                  <FeatureCell
                    key={f.name}
                    feature={f}
                    row={k}
                    value={row[f.name] ?? ''}
                    error={errors.get(`${k}:${f.name}`)}
                    listPrefix={listPrefix}
                    onChange={(value) => onEdit(k, f.name, value)}
                  />
                ))}
                <td
                  data-testid="manual-prediction"
                  data-value={predictions[k] ?? ''}
                  className="px-2 py-1 align-top font-semibold text-slate-900"
                >
                  {formatPrediction(predictions[k])}
                </td>
                <td className="space-x-1 whitespace-nowrap px-2 py-1 align-top">
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Duplicate row ${k + 1}`}
                    onClick={() =>
                      onRestructure([...rows.slice(0, k + 1), { ...row }, ...rows.slice(k + 1)])
                    }
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    aria-label={`Remove row ${k + 1}`}
                    disabled={rows.length === 1}
                    onClick={() => onRestructure(rows.filter((_, j) => j !== k))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
