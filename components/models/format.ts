// Formatting for the Models pages: durations, time limits, scores, and the time-limit fields.
import type { LeaderboardRow } from './types';

/** Seconds as HH:MM:SS ("00:01:05"); hours grow past 99 when needed. */
export function formatDuration(totalSec: number | null | undefined): string {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec)) return '–';
  const sec = Math.max(0, Math.floor(totalSec));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(sec / 3600))}:${pad(Math.floor((sec % 3600) / 60))}:${pad(sec % 60)}`;
}

/**
 * How long a finished training took: seconds under a minute ("0.6 s", "2.3 s", "42 s"), so that
 * a quick fit does not read "00:00:00"; HH:MM:SS from a minute on.
 */
export function formatTrainingTime(totalSec: number | null | undefined): string {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec)) return '–';
  const sec = Math.max(0, totalSec);
  if (sec >= 59.5) return formatDuration(Math.round(sec));
  return `${sec < 9.95 ? sec.toFixed(1) : Math.round(sec)} s`;
}

/** A time limit in words: "none", "1 min", "2 h 30 min", "45 s". */
export function formatTimeLimit(timeLimitSec: number | null | undefined): string {
  if (!timeLimitSec) return 'none';
  const hours = Math.floor(timeLimitSec / 3600);
  const minutes = Math.floor((timeLimitSec % 3600) / 60);
  const seconds = Math.round(timeLimitSec % 60);
  const parts = [hours && `${hours} h`, minutes && `${minutes} min`, seconds && `${seconds} s`];
  return parts.filter(Boolean).join(' ');
}

/** The time limit in seconds from the form's hours and minutes; 0 means none. */
export function timeLimitSeconds(hours: number, minutes: number): number {
  return Math.round((hours || 0) * 3600 + (minutes || 0) * 60);
}

/** A score: up to 4 significant digits, "–" when missing. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/**
 * A short time with up to 3 significant digits: seconds from 1 s ("12.3 s"), milliseconds below
 * ("123 ms", "0.059 ms"), and "< 0.01 ms" below that, where more digits would be noise.
 */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const digits = (n: number) => n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  if (value === 0 || Math.abs(value) >= 1) return `${digits(value)} s`;
  if (Math.abs(value) < 0.00001) return '< 0.01 ms';
  return `${digits(value * 1000)} ms`;
}

/** Names of the evaluation metrics as users read them. */
export const metricLabels = { rmse: 'RMSE', mae: 'MAE', r2: 'R²' } as const;

/** A leaderboard row's score in the fit's metric (files from before metrics could be chosen: RMSE). */
export function scoreOf(row: LeaderboardRow): number | null {
  return row.validationScore === undefined ? row.validationRmse : row.validationScore;
}
