'use client';
// Delete an evaluation after a confirmation; a running one is cancelled first.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { focusRing } from '@/components/ui/button';

export function DeleteEvaluationButton({
  id,
  name,
  onDeleted,
  redirectTo,
}: {
  id: string;
  /** How the confirmation names the evaluation ("price model on test"). */
  name: string;
  onDeleted?: () => void;
  /** Where to go once deleted (from the result's own page). */
  redirectTo?: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function remove() {
    setBusy(true);
    try {
      await callApi(`/api/evaluations/${id}`, { method: 'DELETE' });
      onDeleted?.();
      if (redirectTo) {
        router.push(redirectTo);
        router.refresh();
      }
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
        className={`text-sm font-medium text-red-700 hover:underline ${focusRing}`}
        aria-label={`Delete the evaluation of ${name}`}
      >
        Delete
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label="Confirm deleting"
      className="inline-flex flex-wrap gap-2 text-sm"
    >
      <span className="text-slate-700">Delete this result and its scored rows?</span>
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
