// Validation of a model family's options against its zod schema, with one message shape for all.
import type { z } from 'zod';
import { AutoMLError } from './errors';

/**
 * Parses `input` with `schema`, filling defaults. An invalid option raises INVALID_OPTION with a
 * message naming the family, the option and its value, e.g. "gbdt option numLeaves=1: Too small:
 * expected number to be >=2".
 */
export function parseParams<S extends z.ZodType>(
  family: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // A misspelt option (strict schemas) has no path; the issue lists the unknown keys instead.
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const option = unknownKey ?? (issue.path.length > 0 ? String(issue.path[0]) : 'options');
  const value =
    input !== null && typeof input === 'object'
      ? (input as Record<string, unknown>)[option]
      : input;
  throw new AutoMLError(
    'INVALID_OPTION',
    `${family} option ${option}=${JSON.stringify(value)}: ${issue.message}`,
    { family, option, value },
  );
}
