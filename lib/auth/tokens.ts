// Personal API tokens: made, hashed and checked here; `requireUserOrToken` accepts either credential.
import { createHash, randomBytes } from 'node:crypto';
import { findTokenUser, touchToken } from '@/lib/access';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { getSessionUser, type SessionUser } from './session';

/** Every token starts with this, so leaked tokens are easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'cml_';

/** Characters of a token shown in lists: the prefix plus a few random ones. */
const SHOWN_CHARS = TOKEN_PREFIX.length + 6;

/** A new token: `cml_` + 32 random bytes in base64url. Shown once; only its hash is stored. */
export function generateToken(): { token: string; tokenHash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_CHARS) };
}

/**
 * Hex SHA-256 of a token. A fast hash is enough: tokens carry 256 random bits, so unlike
 * passwords they cannot be guessed from a dictionary, and lookups stay one indexed query.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How to authenticate, for every 401 of the API: a script has no login page to be sent to. */
export const HOW_TO_AUTHENTICATE =
  'Send the session cookie of a logged-in browser, or an "Authorization: Bearer <token>" header ' +
  'with a personal API token created on the Settings page.';

function badToken(): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    `The API token is not valid or has been revoked. ${HOW_TO_AUTHENTICATE}`,
  );
}

/** The bearer token of an Authorization header, or undefined when there is no such header. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw badToken();
  return match[1];
}

/**
 * The user behind `Authorization: Bearer <token>`, or else behind the session cookie. A header
 * with an unknown, malformed or revoked token is 401 even when a session cookie is present, so
 * a script never silently runs as whoever is logged in to the browser.
 */
export async function requireUserOrToken(request: Request): Promise<SessionUser> {
  const token = bearerToken(request);
  if (token === undefined) {
    const user = await getSessionUser(request);
    if (!user) throw new AppError('UNAUTHENTICATED', `Not authenticated. ${HOW_TO_AUTHENTICATE}`);
    return user;
  }
  if (!token.startsWith(TOKEN_PREFIX)) throw badToken();

  const found = await findTokenUser(hashToken(token));
  if (!found) throw badToken();
  // Last-used is a convenience: a failed write must not fail the request.
  touchToken(found.tokenId).catch((error: unknown) =>
    log.warn('Could not record a token use', { error, tokenId: found.tokenId }),
  );
  return found.user;
}
