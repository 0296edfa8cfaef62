// Number formatting for the Testing pages, the same on server and browser.

/** A metric: up to 6 significant digits with thousands separators; "–" when undefined. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** Seconds: "0.84 s", "12.3 s". */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toLocaleString('en-US', { maximumSignificantDigits: 3 })} s`;
}

/** Whether a status means the job may still change it. */
export function isActive(status: string): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** Window event the form sends after starting an evaluation, so the list reloads at once. */
export const EVALUATIONS_CHANGED = 'cidra:evaluations-changed';
