'use client';
// Cancel a model's training job: POST /api/jobs/:jobId/cancel, then let the parent reload.
import { useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { focusRing } from '@/components/ui/button';

/** A small "Cancel" button; `onCancelled` runs after the server accepted the request. */
export function CancelTrainingButton({
  jobId,
  name,
  onCancelled,
}: {
  jobId: string;
  name: string;
  onCancelled: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      await callApi(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
      onCancelled();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={cancel}
        disabled={busy}
        aria-label={`Cancel training ${name}`}
        className={`rounded border border-slate-300 px-2 py-1 text-sm font-medium text-slate-800
          hover:bg-slate-50 disabled:opacity-60 ${focusRing}`}
      >
        {busy ? 'Cancelling…' : 'Cancel'}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
