// Number formatting for the Testing pages, the same on server and browser.

/** A metric: up to 6 significant digits with thousands separators; "–" when undefined. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** Seconds as "12.3 s" or "840 ms": the Models pages' format. */
export { formatSeconds } from '@/components/models/format';

/** Whether a status means the job may still change it. */
export function isActive(status: string): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** Window event the form sends after starting an evaluation, so the list reloads at once. */
export const EVALUATIONS_CHANGED = 'cidra:evaluations-changed';
