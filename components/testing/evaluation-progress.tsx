'use client';
// An evaluation that has not completed: its live status, refreshed until it ends.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { callApi } from '@/components/datasets/api';
import { isActive } from './format';
import { EvaluationStatus } from './status-badge';

interface Item {
  id: string;
  status: string;
  error: string | null;
  job: { progress: number; message: string } | null;
}

export function EvaluationProgress({ id, initialStatus }: { id: string; initialStatus: string }) {
  const router = useRouter();
  const [item, setItem] = useState<Item | null>(null);
  const [error, setError] = useState<string>();
  // Each answered poll, failed ones too, schedules the next: a failed request used to end
  // polling and leave the status as it was until a reload.
  const [polls, setPolls] = useState(0);
  const status = item?.status ?? initialStatus;

  useEffect(() => {
    if (!isActive(status)) return;
    const timer = setTimeout(async () => {
      try {
        const { evaluations } = await callApi<{ evaluations: Item[] }>('/api/evaluations');
        const next = evaluations.find((e) => e.id === id);
        if (!next) return router.push('/testing');
        setItem(next);
        setError(undefined);
        // Finished: the server page renders the result (or the error).
        if (!isActive(next.status)) router.refresh();
      } catch (caught) {
        setError(`The status could not be refreshed: ${(caught as Error).message}`);
      }
      setPolls((n) => n + 1);
    }, 1500);
    return () => clearTimeout(timer);
  }, [id, status, polls, router]);

  return (
    <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-live="polite">
      <EvaluationStatus status={status} progress={item?.job?.progress} />
      {item?.job?.message && isActive(status) && (
        <p className="text-sm text-slate-600">{item.job.message}</p>
      )}
      {isActive(status) && (
        <p className="text-sm text-slate-600">
          The evaluation runs in the background; you can leave this page and come back.
        </p>
      )}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
