// Checking an email and password: input validation, rate limit, lookup, password verification.
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/http';
import { verifyPassword } from './password';
import { clearLoginFailures, loginKeys, loginRetryAfterMs, recordLoginFailure } from './rate-limit';
import type { SessionUser } from './session';
import { findUserByEmail, normaliseEmail } from './users';

/** What the login form sends. */
export const loginSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .transform(normaliseEmail)
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' })),
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }),
});

function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The user these credentials belong to. Throws AppError VALIDATION (bad input), RATE_LIMITED (too
 * many recent failures for this email or address) or UNAUTHENTICATED with the culprit field.
 *
 * Unknown email and wrong password get different messages, as the product asks; the rate limit is
 * what bounds how fast anyone can probe which emails have accounts.
 */
export async function login(credentials: unknown, address: string | null): Promise<SessionUser> {
  const { email, password } = parseInput(loginSchema, credentials ?? {});
  const keys = loginKeys(email, address);

  const waitMs = await loginRetryAfterMs(keys);
  if (waitMs > 0) {
    throw new AppError('RATE_LIMITED', `Too many attempts, try again in ${minutesText(waitMs)}.`);
  }

  const user = await findUserByEmail(email);
  if (!user) {
    await recordLoginFailure(keys);
    throw new AppError('UNAUTHENTICATED', 'No account uses this email.', {
      fields: { email: 'No account uses this email. Check it, or create an account.' },
    });
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordLoginFailure(keys);
    throw new AppError('UNAUTHENTICATED', 'Wrong password.', {
      fields: { password: 'Wrong password. Check it and try again.' },
    });
  }

  await clearLoginFailures(keys[0]);
  return { id: user.id, name: user.name, email: user.email };
}
