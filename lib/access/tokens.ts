// Personal API tokens, owner-scoped, plus the one lookup by hash that token authentication needs.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens, users } from '@/db/schema';
import { getDb } from '@/lib/db';
import { ownedBy, ownedRow } from './owned';

export type ApiToken = typeof apiTokens.$inferSelect;

/** The owner's tokens that still work, newest first. Revoked tokens are kept but not listed. */
export async function listTokens(ownerId: string): Promise<ApiToken[]> {
  return getDb()
    .select()
    .from(apiTokens)
    .where(and(ownedBy(apiTokens, ownerId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Stores a new token's hash and prefix (never the token itself). */
export async function createToken(
  ownerId: string,
  input: { name: string; tokenHash: string; prefix: string },
): Promise<ApiToken> {
  const [row] = await getDb()
    .insert(apiTokens)
    .values({ ...input, ownerId })
    .returning();
  return row;
}

/** Revokes the owner's token (it stops working at once); null when there is no such token. */
export async function revokeToken(ownerId: string, id: string): Promise<ApiToken | null> {
  const [row] = await getDb()
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(ownedRow(apiTokens, ownerId, id))
    .returning();
  return row ?? null;
}

/**
 * The user a token hash belongs to, when the token is not revoked; null otherwise. The only query
 * here not scoped by owner: the token is what identifies the owner.
 */
export async function findTokenUser(
  tokenHash: string,
): Promise<{ tokenId: string; user: { id: string; name: string; email: string } } | null> {
  const [row] = await getDb()
    .select({
      tokenId: apiTokens.id,
      id: users.id,
      name: users.name,
      email: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.ownerId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  return { tokenId: row.tokenId, user: { id: row.id, name: row.name, email: row.email } };
}

/** Records that a token was used; written at most once a minute per token to spare the database. */
export async function touchToken(tokenId: string): Promise<void> {
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
}
