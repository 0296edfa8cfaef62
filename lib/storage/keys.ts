// Validation of storage keys, so that no key can name a place outside the storage root.
import { AppError } from '@/lib/errors';

/** Longest key accepted, in characters (S3 allows 1,024 bytes; folders need room too). */
export const maxKeyLength = 512;

const segmentPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Keys are slash-separated segments of letters, digits, `.`, `_` and `-`, not starting with a dot:
 * no `..`, no absolute paths, no backslashes, no empty segments, no hidden names (the local
 * backend keeps its temporary files in a dot-folder).
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key, false);
  if (problem) throw new AppError('VALIDATION', `Storage key '${key}' ${problem}`);
}

/** A list prefix is empty or follows the key rules; it may end with `/`. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const problem = keyProblem(prefix, true);
  if (problem) throw new AppError('VALIDATION', `Storage prefix '${prefix}' ${problem}`);
}

function keyProblem(key: string, isPrefix: boolean): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'is empty';
  if (key.length > maxKeyLength) return `is longer than ${maxKeyLength} characters`;
  const segments = key.split('/');
  if (isPrefix && segments.at(-1) === '') segments.pop();
  for (const segment of segments) {
    if (segment === '') return 'has an empty segment (leading, trailing or double slash)';
    if (segment === '.' || segment === '..') return `has a '${segment}' segment`;
    if (!segmentPattern.test(segment)) {
      return `has segment '${segment}': use letters, digits, '.', '_' and '-', not starting with '.'`;
    }
  }
  return undefined;
}
