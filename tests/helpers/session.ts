// Test sessions: users inserted straight into the database, and session cookies minted for them.
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { users } from '@/db/schema';
import { sessionCookieName } from '@/lib/auth/cookies';
import { hashPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';

// globalSetup clears NEXTAUTH_SECRET so no developer secret leaks in; tests sign with their own.
process.env.NEXTAUTH_SECRET ??= 'cidra-test-session-secret-not-for-production';

/** The password of every user made by `createTestUser`. */
export const TEST_PASSWORD = 'correct horse battery staple';

let testPasswordHash: Promise<string> | undefined;

/** A Cookie header value carrying a valid session for `user` (minted with next-auth/jwt encode). */
export async function sessionCookie(user: SessionUser): Promise<string> {
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email },
    secret: process.env.NEXTAUTH_SECRET as string,
  });
  return `${sessionCookieName()}=${token}`;
}

/** Inserts a user row directly (for tests) and returns it. Its password is TEST_PASSWORD. */
export async function createTestUser(
  overrides: Partial<{ name: string; email: string }> = {},
): Promise<SessionUser> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await getDb()
    .insert(users)
    .values({
      name: overrides.name ?? 'Test User',
      email: (overrides.email ?? `user-${randomUUID()}@example.test`).trim().toLowerCase(),
      passwordHash: await testPasswordHash,
    })
    .returning({ id: users.id, name: users.name, email: users.email });
  return user;
}
