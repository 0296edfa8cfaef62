// Formatting for users, safe in the browser: sizes, counts and dates as the dataset pages show them.

/** "2 GB", "500 MB", "1.5 KB": sizes as users read them (powers of 1,024). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`;
}

/** 12,345 */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A statistic: up to 4 significant digits, "–" when undefined. */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/** 2026-12-03 16:57 in UTC: the same on server and browser, so hydration agrees. */
export function formatDate(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
