// Datasets, owner-scoped: every function takes the owner's id and sees only that user's rows.
import { desc } from 'drizzle-orm';
import { datasets } from '@/db/schema';
import { getDb } from '@/lib/db';
import { ownedBy, ownedRow } from './owned';

export type Dataset = typeof datasets.$inferSelect;
/** The fields a caller may set; the id, owner and creation time are the layer's business. */
export type DatasetInput = Omit<typeof datasets.$inferInsert, 'id' | 'ownerId' | 'createdAt'>;

/** The owner's datasets, newest first. */
export async function listDatasets(ownerId: string): Promise<Dataset[]> {
  return getDb()
    .select()
    .from(datasets)
    .where(ownedBy(datasets, ownerId))
    .orderBy(desc(datasets.createdAt));
}

/** The dataset, or null when it does not exist or belongs to someone else. */
export async function getDataset(ownerId: string, id: string): Promise<Dataset | null> {
  const [row] = await getDb()
    .select()
    .from(datasets)
    .where(ownedRow(datasets, ownerId, id));
  return row ?? null;
}

export async function createDataset(ownerId: string, input: DatasetInput): Promise<Dataset> {
  const [row] = await getDb()
    .insert(datasets)
    .values({ ...input, ownerId })
    .returning();
  return row;
}

/** Updates the owner's dataset; null when there is no such dataset for this owner. */
export async function updateDataset(
  ownerId: string,
  id: string,
  patch: Partial<DatasetInput>,
): Promise<Dataset | null> {
  const [row] = await getDb()
    .update(datasets)
    .set(patch)
    .where(ownedRow(datasets, ownerId, id))
    .returning();
  return row ?? null;
}

/** Deletes the row and returns it (the caller removes its stored file), or null. */
export async function deleteDataset(ownerId: string, id: string): Promise<Dataset | null> {
  const [row] = await getDb()
    .delete(datasets)
    .where(ownedRow(datasets, ownerId, id))
    .returning();
  return row ?? null;
}
