// The per-user storage quota (USER_QUOTA_BYTES): what a workspace's files take, and refusals.
//
// Usage is counted from the database rows, not by listing storage: one query, the same answer on
// every web server and worker, and a file whose row was never written (a crash between the two)
// does not count against its user. Sizes live in `datasets.size_bytes`, in models'
// `metadata.sizeBytes`, in predictions' `result.sizeBytes` and in evaluations'
// `result.rowsFile.sizeBytes`; a model stored before sizes were recorded counts as 0 bytes.
import { sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { formatBytes } from '@/lib/datasets/format';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getStorage } from './index';

/** A number stored in a jsonb field, or 0 when it is absent or not a number. */
function jsonbBytes(field: string) {
  return sql.raw(
    `CASE WHEN jsonb_typeof(${field}) = 'number' THEN (${field})::text::numeric ELSE 0 END`,
  );
}

/** Bytes the stored files of `ownerId`'s datasets, models, predictions and evaluations take. */
export async function workspaceBytes(ownerId: string): Promise<number> {
  const result = await getDb().execute<{ bytes: string | null }>(sql`
    SELECT
      (SELECT coalesce(sum(size_bytes), 0) FROM datasets WHERE owner_id = ${ownerId})
      + (SELECT coalesce(sum(${jsonbBytes("metadata->'sizeBytes'")}), 0)
           FROM models WHERE owner_id = ${ownerId})
      + (SELECT coalesce(sum(${jsonbBytes("result->'sizeBytes'")}), 0)
           FROM predictions WHERE owner_id = ${ownerId})
      + (SELECT coalesce(sum(${jsonbBytes("result->'rowsFile'->'sizeBytes'")}), 0)
           FROM evaluations WHERE owner_id = ${ownerId})
      AS bytes`);
  return Number(result.rows[0]?.bytes ?? 0);
}

/** The quota in bytes, or undefined when there is none (USER_QUOTA_BYTES=0). */
export function quotaBytes(): number | undefined {
  const quota = getConfig().USER_QUOTA_BYTES;
  return quota > 0 ? quota : undefined;
}

function quotaError(usedBytes: number, quota: number, addedBytes: number): AppError {
  const holds = `workspace holds ${formatBytes(usedBytes)} of its ${formatBytes(quota)} quota`;
  const message =
    addedBytes > 0
      ? `This needs ${formatBytes(addedBytes)} more, but your ${holds}`
      : `Your ${holds}`;
  return new AppError('QUOTA_EXCEEDED', `${message}; delete datasets or models to make room.`, {
    fields: { file: `Your ${holds}.` },
  });
}

/**
 * Refuses (AppError QUOTA_EXCEEDED, 413) when storing `addedBytes` more would take `ownerId`'s
 * workspace past its quota; with `addedBytes` 0, when the workspace is already full. Called
 * before anything is stored when the size is known, else right after storing and before the
 * row is written (the caller then removes the file). Two uploads finishing at the same moment
 * may both pass: the quota bounds a workspace to within one file.
 */
export async function assertRoomFor(ownerId: string, addedBytes = 0): Promise<void> {
  const quota = quotaBytes();
  if (quota === undefined) return;
  const usedBytes = await workspaceBytes(ownerId);
  const over = addedBytes > 0 ? usedBytes + addedBytes > quota : usedBytes >= quota;
  if (over) throw quotaError(usedBytes, quota, addedBytes);
}

/**
 * For outputs whose size is known only once written (prediction and evaluation files): refuses
 * like `assertRoomFor` after `key` was stored, removing it again first.
 */
export async function assertStoredFits(
  ownerId: string,
  key: string,
  sizeBytes: number,
): Promise<void> {
  try {
    await assertRoomFor(ownerId, sizeBytes);
  } catch (error) {
    await getStorage()
      .delete(key)
      .catch(() => {});
    throw error;
  }
}
