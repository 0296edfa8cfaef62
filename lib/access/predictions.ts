// Batch predictions, owner-scoped: every function takes the owner's id and sees only that user's rows.
import { and, desc, eq } from 'drizzle-orm';
import { predictions } from '@/db/schema';
import { getDb } from '@/lib/db';
import { ownedBy, ownedRow } from './owned';

export type Prediction = typeof predictions.$inferSelect;
/** The fields a caller may set; the id, owner and creation time are the layer's business. */
export type PredictionInput = Omit<typeof predictions.$inferInsert, 'id' | 'ownerId' | 'createdAt'>;

/** The owner's batch predictions, newest first; with `modelId`, only that model's. */
export async function listPredictions(ownerId: string, modelId?: string): Promise<Prediction[]> {
  const owned = ownedBy(predictions, ownerId);
  return getDb()
    .select()
    .from(predictions)
    .where(modelId ? and(owned, eq(predictions.modelId, modelId)) : owned)
    .orderBy(desc(predictions.createdAt));
}

/** The prediction, or null when it does not exist or belongs to someone else. */
export async function getPrediction(ownerId: string, id: string): Promise<Prediction | null> {
  const [row] = await getDb()
    .select()
    .from(predictions)
    .where(ownedRow(predictions, ownerId, id));
  return row ?? null;
}

/** Records a prediction; the caller has checked that the model and dataset are the owner's. */
export async function createPrediction(
  ownerId: string,
  input: PredictionInput,
): Promise<Prediction> {
  const [row] = await getDb()
    .insert(predictions)
    .values({ ...input, ownerId })
    .returning();
  return row;
}

/** Updates the owner's prediction; null when there is no such prediction for this owner. */
export async function updatePrediction(
  ownerId: string,
  id: string,
  patch: Partial<PredictionInput>,
): Promise<Prediction | null> {
  const [row] = await getDb()
    .update(predictions)
    .set(patch)
    .where(ownedRow(predictions, ownerId, id))
    .returning();
  return row ?? null;
}

/** Deletes the row and returns it (the caller removes its stored file), or null. */
export async function deletePrediction(ownerId: string, id: string): Promise<Prediction | null> {
  const [row] = await getDb()
    .delete(predictions)
    .where(ownedRow(predictions, ownerId, id))
    .returning();
  return row ?? null;
}
