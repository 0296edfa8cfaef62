'use client';
// The feature columns of a training: one checkbox per column, with "All" and "None" shortcuts.
import { focusRing } from '@/components/ui/button';
import type { DatasetColumnInfo } from './types';

/** Checkboxes for `columns`; `selected` holds the checked names. */
export function FeaturePicker({
  columns,
  selected,
  onChange,
  error,
}: {
  columns: DatasetColumnInfo[];
  selected: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const chosen = new Set(selected);
  const toggle = (name: string, on: boolean) =>
    onChange(columns.map((c) => c.name).filter((n) => (n === name ? on : chosen.has(n))));

  return (
    <fieldset
      aria-describedby={error ? 'features-error' : 'features-hint'}
      aria-invalid={error ? true : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">Features</legend>
      <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
        <span id="features-hint" className="text-slate-500">
          {selected.length} of {columns.length} columns used to predict the target.
        </span>
        <button
          type="button"
          onClick={() => onChange(columns.map((c) => c.name))}
          className={`font-medium text-indigo-700 hover:underline ${focusRing}`}
        >
          Select all
        </button>
        <button
          type="button"
          onClick={() => onChange([])}
          className={`font-medium text-indigo-700 hover:underline ${focusRing}`}
        >
          Select none
        </button>
      </div>
      <div
        className={`mt-2 grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto rounded-md border p-3
          sm:grid-cols-2 lg:grid-cols-3 ${error ? 'border-red-500' : 'border-slate-200'}`}
      >
        {columns.map((column) => (
          <label key={column.name} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={chosen.has(column.name)}
              onChange={(event) => toggle(column.name, event.target.checked)}
            />
            <span className="truncate">{column.name}</span>
            <span className="text-xs text-slate-500">{column.kind}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id="features-error" className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
