'use client';
// Delete a model after an explicit confirmation that names it, then go back to the list.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { focusRing } from '@/components/ui/button';

/** A Delete button that asks to confirm, then deletes and returns to /models. */
export function DeleteModelButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function remove() {
    setBusy(true);
    try {
      await callApi(`/api/models/${id}`, { method: 'DELETE' });
      router.push('/models');
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className={`rounded-md border border-red-200 px-3 py-1.5 text-sm font-medium text-red-700
          hover:bg-red-50 ${focusRing}`}
        aria-label={`Delete ${name}`}
      >
        Delete
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label={`Confirm deleting ${name}`}
      className="inline-flex flex-wrap items-center gap-2 text-sm"
    >
      <span className="text-slate-700">
        Delete <strong>{name}</strong> with its file, evaluations and predictions?
      </span>
      <button
        type="button"
        onClick={remove}
        disabled={busy}
        className={`rounded bg-red-600 px-2 py-1 font-semibold text-white hover:bg-red-500 ${focusRing}`}
      >
        {busy ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className={`rounded px-2 py-1 text-slate-700 hover:bg-slate-100 ${focusRing}`}
      >
        Cancel
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
