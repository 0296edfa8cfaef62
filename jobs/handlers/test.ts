// The 'test' job: counts through steps, reporting progress; proves cancellation and recovery.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { JobHandler } from '../types';

export const testPayloadSchema = z.object({
  steps: z.number().int().min(1).max(10_000).default(10).describe('How many steps to count.'),
  stepMs: z.number().int().min(0).max(60_000).default(100).describe('Pause per step, in ms.'),
  failAtStep: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Fail with a user-facing error when this step starts (to test failures).'),
});

const testJob: JobHandler = async ({ job, signal, progress }) => {
  const parsed = testPayloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `Test job payload ${issue.path.join('.')}: ${issue.message}`);
  }
  const { steps, stepMs, failAtStep } = parsed.data;

  for (let step = 1; step <= steps; step++) {
    if (step === failAtStep) throw new AppError('VALIDATION', `Test job failed at step ${step}.`);
    // Rejects with the abort reason as soon as the job is cancelled or the worker stops.
    await sleep(stepMs, undefined, { signal });
    await progress((step / steps) * 100, `Step ${step} of ${steps}`);
  }
  return { steps };
};

export default testJob;
