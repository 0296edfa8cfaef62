// The building blocks of owner-scoped queries: conditions that pin a row to its owner.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '@/lib/errors';

/** Any table whose rows belong to a user: it has an `id` and an `ownerId` column. */
export interface OwnedTable {
  id: AnyPgColumn;
  ownerId: AnyPgColumn;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID; other ids cannot exist, and PostgreSQL would reject them loudly. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** Rows of `table` owned by `ownerId`. */
export function ownedBy(table: OwnedTable, ownerId: string): SQL {
  return isUuid(ownerId) ? eq(table.ownerId, ownerId) : sql`false`;
}

/**
 * The row `id` of `table`, only if `ownerId` owns it. An id that is not a UUID matches nothing
 * (rather than failing in PostgreSQL), so a malformed URL answers 404 like a missing row.
 */
export function ownedRow(table: OwnedTable, ownerId: string, id: string): SQL {
  if (!isUuid(id) || !isUuid(ownerId)) return sql`false`;
  return and(eq(table.id, id), eq(table.ownerId, ownerId)) as SQL;
}

/** `row`, or AppError NOT_FOUND naming `what` ("Dataset") when it is null. */
export function orNotFound<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) {
    throw new AppError('NOT_FOUND', `${what} not found. It may have been deleted.`);
  }
  return row;
}
