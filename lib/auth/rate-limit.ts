// Login throttling: failed attempts are rows in `login_attempts`, so every web server sees them.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { loginAttempts } from '@/db/schema';
import { getDb } from '@/lib/db';

/** Length of the sliding window, in milliseconds. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per key within the window; the next attempt is refused until one expires. */
export const LOGIN_MAX_FAILURES = 10;

/**
 * The keys one login attempt counts against: the email (stops guessing one account's password
 * from many addresses) and the client address (stops trying many accounts from one place).
 */
export function loginKeys(email: string, clientAddress: string | null): string[] {
  const keys = [`email:${email}`];
  if (clientAddress) keys.push(`ip:${clientAddress}`);
  return keys;
}

/**
 * Milliseconds until `key` may try again, or 0 when it may now. A key is blocked while it has
 * LOGIN_MAX_FAILURES failures in the window: until the oldest of its latest failures expires.
 */
async function blockedForMs(key: string): Promise<number> {
  const windowSec = LOGIN_WINDOW_MS / 1000;
  const rows = await getDb()
    .select({
      remainingMs: sql<string>`extract(epoch from (${loginAttempts.createdAt}
        + make_interval(secs => ${windowSec}) - now())) * 1000`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.key, key),
        sql`${loginAttempts.createdAt} > now() - make_interval(secs => ${windowSec})`,
      ),
    )
    .orderBy(sql`${loginAttempts.createdAt} desc`)
    .offset(LOGIN_MAX_FAILURES - 1)
    .limit(1);
  return rows.length === 0 ? 0 : Math.max(0, Math.ceil(Number(rows[0].remainingMs)));
}

/** The longest wait any of `keys` must sit out, in milliseconds (0: the attempt may proceed). */
export async function loginRetryAfterMs(keys: string[]): Promise<number> {
  const waits = await Promise.all(keys.map(blockedForMs));
  return Math.max(0, ...waits);
}

/** Records one failed attempt against each key, and drops that key's expired rows. */
export async function recordLoginFailure(keys: string[]): Promise<void> {
  const db = getDb();
  await db.insert(loginAttempts).values(keys.map((key) => ({ key })));
  await db
    .delete(loginAttempts)
    .where(
      and(
        inArray(loginAttempts.key, keys),
        lt(loginAttempts.createdAt, sql`now() - make_interval(secs => ${LOGIN_WINDOW_MS / 1000})`),
      ),
    );
}

/** Forgets the failures of `key` (after a successful login for that email). */
export async function clearLoginFailures(key: string): Promise<void> {
  await getDb().delete(loginAttempts).where(eq(loginAttempts.key, key));
}
