// The session-signing secret as the auth code reads it.
import { AppError } from '@/lib/errors';

/**
 * NEXTAUTH_SECRET, which the start scripts set (generated into DATA_DIR on first run). Read at call
 * time, not import time, so that `next build` and tests can load auth modules before it is set.
 */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    throw new AppError('INTERNAL', 'Sign-in is not configured on this server.', {
      cause: new Error('NEXTAUTH_SECRET is not set: start the app with `npm start`, or set it.'),
    });
  }
  return secret;
}
