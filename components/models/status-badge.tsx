// A model's status as a coloured badge: TRAINING, COMPLETED, FAILED or CANCELLED.
import type { ModelStatus } from './types';

const colours: Record<ModelStatus, string> = {
  TRAINING: 'bg-sky-50 text-sky-800 ring-sky-200',
  COMPLETED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  FAILED: 'bg-red-50 text-red-800 ring-red-200',
  CANCELLED: 'bg-slate-100 text-slate-700 ring-slate-300',
};

/** The status word in a pill; the colour repeats the word, never replaces it. */
export function StatusBadge({ status }: { status: ModelStatus }) {
  return (
    <span
      data-testid="model-status"
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        colours[status] ?? colours.CANCELLED
      }`}
    >
      {status}
    </span>
  );
}
