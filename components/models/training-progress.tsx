'use client';
// A training model's progress: bar, current step, elapsed time against the time limit.
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatDuration, formatTimeLimit } from './format';
import type { ModelSummary } from './types';

/** Seconds since the job started (or since the model was created while it waits). */
export function elapsedSec(model: Pick<ModelSummary, 'job' | 'createdAt'>, now: number): number {
  const start = model.job?.startedAt ?? model.createdAt;
  return Math.max(0, (now - new Date(start).getTime()) / 1000);
}

/** Bar, step message, and "00:00:12 elapsed · limit 1 min"; `now` ticks from the parent. */
export function TrainingProgress({ model, now }: { model: ModelSummary; now: number }) {
  const job = model.job;
  const waiting = !job || job.status === 'QUEUED';
  const step = waiting ? 'Waiting for a worker…' : job.message || 'Starting…';
  return (
    <div className="min-w-48 space-y-1" data-testid="training-progress">
      <ProgressBar
        value={(job?.progress ?? 0) / 100}
        label={`Training progress of ${model.name}`}
      />
      <p className="text-xs text-slate-700">{step}</p>
      <p className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
        {waiting ? 'queued' : `${formatDuration(elapsedSec(model, now))} elapsed`} · limit{' '}
        {formatTimeLimit(model.timeLimitSec)}
      </p>
    </div>
  );
}
