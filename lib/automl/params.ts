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
  const option = issue.path.map(String).join('.') || 'options';
  const value =
    input !== null && typeof input === 'object'
      ? (input as Record<string, unknown>)[String(issue.path[0])]
      : input;
  throw new AutoMLError(
    'INVALID_OPTION',
    `${family} option ${option}=${JSON.stringify(value)}: ${issue.message}`,
    { family, option, value },
  );
}
