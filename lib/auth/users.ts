// User accounts: creating one and finding one by email.
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from './password';
import type { SessionUser } from './session';

export type UserRow = typeof users.$inferSelect;

/** Emails are stored and compared trimmed and lower-cased, so `Ann@X.org ` finds `ann@x.org`. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** PostgreSQL's unique_violation, possibly wrapped by Drizzle in a query error. */
function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Creates an account; a taken email is a CONFLICT on the `email` field. */
export async function createUser(input: {
  name: string;
  email: string;
  password: string;
}): Promise<SessionUser> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await getDb()
      .insert(users)
      .values({ name: input.name.trim(), email, passwordHash })
      .returning({ id: users.id, name: users.name, email: users.email });
    return user;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', 'This email is already registered.', {
      cause: error,
      fields: { email: 'An account with this email already exists. Log in instead.' },
    });
  }
}

/** The account with this email (normalised first), or null. */
export async function findUserByEmail(email: string): Promise<UserRow | null> {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return user ?? null;
}
