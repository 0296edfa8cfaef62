// Options of the linear model, with defaults and ranges, as one zod schema.

import { z } from 'zod';
import { AutoMLError } from '../errors';

/** Settings of the linear family. */
export const linearParamsSchema = z.object({
  lambdas: z
    .array(z.number().positive().finite())
    .min(1)
    .default([1e-6, 1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1, 3, 10, 100])
    .describe(
      'Candidate ridge penalties on standardised features and label; the best on validation wins.',
    ),
  maxLevels: z
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(100)
    .describe('One-hot columns per categorical at most; rarer levels share the rare-level column.'),
});

/** Validated linear settings. */
export type LinearParams = z.output<typeof linearParamsSchema>;

/** Applies defaults and checks ranges; a bad value stops the fit naming the option. */
export function resolveLinearParams(input: Partial<LinearParams>): LinearParams {
  const parsed = linearParamsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue.path.join('.');
  throw new AutoMLError(
    'INVALID_OPTION',
    `linear option ${name}=${JSON.stringify((input as Record<string, unknown>)[String(issue.path[0])])}: ${issue.message}`,
    { option: name },
  );
}
