'use client';
// Merge two or more datasets: append their rows, or join them on key columns.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { callApi } from './api';

export function MergeForm({
  datasets,
}: {
  datasets: { id: string; name: string; columns: string[] }[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const [mode, setMode] = useState<'append' | 'join'>('append');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const keys = String(form.get('keys') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const name = String(form.get('mergeName') ?? '');
    setError(undefined);
    // The API's message for a blank name, shown on the field instead of the browser's bubble.
    if (!name.trim()) {
      setNameError('Give the dataset a name.');
      document.getElementById('field-mergeName')?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      const body = await callApi<{ dataset: { id: string } }>('/api/datasets/merge', {
        method: 'POST',
        body: {
          datasetIds: chosen,
          mode,
          keys,
          how: form.get('how') ?? 'inner',
          name,
        },
      });
      router.push(`/datasets/${body.dataset.id}`);
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  }

  const toggle = (id: string) =>
    setChosen((ids) => (ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id]));
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Merge datasets"
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 className="text-lg font-semibold text-slate-900">Merge datasets</h2>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Datasets, in order</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {datasets.map((d) => (
            <label key={d.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={chosen.includes(d.id)}
                onChange={() => toggle(d.id)}
              />
              {d.name}
              {chosen.includes(d.id) && (
                <span className="text-slate-400">({chosen.indexOf(d.id) + 1})</span>
              )}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex gap-6 text-sm text-slate-700">
        <legend className="text-sm font-medium text-slate-800">How</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            checked={mode === 'append'}
            onChange={() => setMode('append')}
          />
          Append rows
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            checked={mode === 'join'}
            onChange={() => setMode('join')}
          />
          Join on key columns
        </label>
      </fieldset>
      {mode === 'join' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="keys"
            label="Key columns"
            hint="Comma-separated, e.g. id or date, store."
          />
          <div>
            <label htmlFor="merge-how" className="block text-sm font-medium text-slate-800">
              Join
            </label>
            <select
              id="merge-how"
              name="how"
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            >
              <option value="inner">Inner: rows with a match in every dataset</option>
              <option value="left">Left: every row of the first dataset</option>
            </select>
          </div>
        </div>
      )}
      <TextField
        name="mergeName"
        label="Name of the merged dataset"
        required
        maxLength={200}
        error={nameError}
      />
      {error && <FormAlert>{error}</FormAlert>}
      <PrimaryButton
        type="submit"
        pending={busy}
        pendingLabel="Merging…"
        disabled={chosen.length < 2}
      >
        Merge
      </PrimaryButton>
    </form>
  );
}
