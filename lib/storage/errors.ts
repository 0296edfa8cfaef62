// The errors both storage backends raise, so callers handle them the same way.
import { AppError } from '@/lib/errors';

export function notFound(key: string, cause?: unknown): AppError {
  return new AppError('NOT_FOUND', `No stored object '${key}'`, { cause });
}

/** Whether `error` says the disk is full (ENOSPC) or the OS user's disk quota is spent. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The error users see when the server's own disk is full: not theirs to fix. */
export function diskFullError(cause: unknown): AppError {
  return new AppError(
    'STORAGE_FULL',
    "The server's storage is full, so nothing more can be stored. Please tell the administrator.",
    { cause },
  );
}

/**
 * Wraps a backend failure. Users read that storage is unavailable; `message` (naming the key)
 * and the backend's error stay in the cause, for the log.
 */
export function storageError(message: string, cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  if (isDiskFull(cause)) return diskFullError(cause);
  return new AppError(
    'STORAGE_UNAVAILABLE',
    'File storage is unavailable right now; please try again in a moment.',
    { cause: new Error(message, { cause }) },
  );
}

/** Sort order of listings: by key, in code-unit order (as S3 lists). */
export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
