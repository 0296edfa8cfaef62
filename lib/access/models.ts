// Models, owner-scoped: every function takes the owner's id and sees only that user's rows.
import { desc } from 'drizzle-orm';
import { models } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getDataset } from './datasets';
import { ownedBy, ownedRow } from './owned';

export type Model = typeof models.$inferSelect;
/** The fields a caller may set; the id, owner and creation time are the layer's business. */
export type ModelInput = Omit<typeof models.$inferInsert, 'id' | 'ownerId' | 'createdAt'>;

/** A model may point only at its owner's dataset: another user's is reported as not found. */
async function assertOwnDataset(ownerId: string, datasetId: string | null | undefined) {
  if (!datasetId || (await getDataset(ownerId, datasetId))) return;
  throw new AppError('NOT_FOUND', 'Dataset not found. It may have been deleted.', {
    fields: { datasetId: 'No such dataset.' },
  });
}

/** The owner's models, newest first. */
export async function listModels(ownerId: string): Promise<Model[]> {
  return getDb()
    .select()
    .from(models)
    .where(ownedBy(models, ownerId))
    .orderBy(desc(models.createdAt));
}

/** The model, or null when it does not exist or belongs to someone else. */
export async function getModel(ownerId: string, id: string): Promise<Model | null> {
  const [row] = await getDb()
    .select()
    .from(models)
    .where(ownedRow(models, ownerId, id));
  return row ?? null;
}

export async function createModel(ownerId: string, input: ModelInput): Promise<Model> {
  await assertOwnDataset(ownerId, input.datasetId);
  const [row] = await getDb()
    .insert(models)
    .values({ ...input, ownerId })
    .returning();
  return row;
}

/** Updates the owner's model; null when there is no such model for this owner. */
export async function updateModel(
  ownerId: string,
  id: string,
  patch: Partial<ModelInput>,
): Promise<Model | null> {
  await assertOwnDataset(ownerId, patch.datasetId);
  const [row] = await getDb()
    .update(models)
    .set(patch)
    .where(ownedRow(models, ownerId, id))
    .returning();
  return row ?? null;
}

/** Deletes the row and returns it (the caller removes its stored file), or null. */
export async function deleteModel(ownerId: string, id: string): Promise<Model | null> {
  const [row] = await getDb()
    .delete(models)
    .where(ownedRow(models, ownerId, id))
    .returning();
  return row ?? null;
}
