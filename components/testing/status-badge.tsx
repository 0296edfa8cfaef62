// The status of an evaluation as a coloured label, with the job's progress while it runs.

const colours: Record<string, string> = {
  QUEUED: 'bg-slate-100 text-slate-700',
  RUNNING: 'bg-indigo-100 text-indigo-800',
  COMPLETED: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
  CANCELLED: 'bg-amber-100 text-amber-800',
};

export function EvaluationStatus({
  status,
  progress,
}: {
  status: string;
  /** 0–100, shown while RUNNING. */
  progress?: number | null;
}) {
  const running = status === 'RUNNING' && typeof progress === 'number';
  return (
    <span
      data-testid="evaluation-status"
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${colours[status] ?? colours.QUEUED}`}
    >
      {status}
      {running && ` · ${Math.round(progress)} %`}
    </span>
  );
}
