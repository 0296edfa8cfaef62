// Number formatting for the Testing pages, the same on server and browser.

/**
 * A metric: the Models pages' score format (up to 4 significant digits, thousands separators),
 * so a test score reads like the validation score it is compared with; "–" when undefined.
 */
export { formatScore as formatMetric } from '@/components/models/format';

/** Seconds as "12.3 s" or "840 ms": the Models pages' format. */
export { formatSeconds } from '@/components/models/format';

/** Whether a status means the job may still change it. */
export function isActive(status: string): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** Window event the form sends after starting an evaluation, so the list reloads at once. */
export const EVALUATIONS_CHANGED = 'cidra:evaluations-changed';
