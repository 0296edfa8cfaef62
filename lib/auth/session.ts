// Who is asking: the user behind a request's session cookie (a next-auth JWT).
import { eq } from 'drizzle-orm';
import { getToken } from 'next-auth/jwt';
import { users } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { parseCookieHeader, sessionCookieName } from './cookies';
import { authSecret } from './secret';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The cookies of `request`, or of the current request when called from a server component. */
async function requestCookies(request?: Request): Promise<Record<string, string>> {
  if (request) return parseCookieHeader(request.headers.get('cookie'));
  // Imported lazily: next/headers only works inside Next's request scope, never in plain tests.
  const { cookies } = await import('next/headers');
  const store = await cookies();
  return Object.fromEntries(store.getAll().map((cookie) => [cookie.name, cookie.value]));
}

/**
 * The user of the request's session (JWT cookie), or null.
 *
 * Route handlers pass their `request`; server components call it bare. The token is decoded with
 * next-auth's own `getToken` (it also joins cookies split into chunks), then the user is read from
 * the database, so a deleted account stops working at once even though its JWT has not expired.
 */
export async function getSessionUser(request?: Request): Promise<SessionUser | null> {
  const cookies = await requestCookies(request);
  const token = await getToken({
    // getToken reads only `cookies` and `headers`; a bare object spares building a NextRequest.
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: authSecret(),
    cookieName: sessionCookieName(),
  });
  if (!token?.sub) return null;

  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, token.sub))
    .limit(1);
  return user ?? null;
}

/** Same, but throws AppError('UNAUTHENTICATED') (401) when there is none. */
export async function requireUser(request?: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please log in to continue.');
  return user;
}
