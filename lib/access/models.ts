// Models, owner-scoped: every function takes the owner's id and sees only that user's rows.
import { and, desc, eq } from 'drizzle-orm';
import { datasets, evaluations, jobs, models, predictions } from '@/db/schema';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getDataset } from './datasets';
import type { Job } from './jobs';
import { isUuid, ownedBy, ownedRow } from './owned';

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

/** A model with its training job (null for uploaded models) and its dataset's current name. */
export interface ModelWithJob {
  model: Model;
  job: Job | null;
  datasetName: string | null;
}

function selectWithJobs(ownerId: string) {
  return getDb()
    .select({ model: models, job: jobs, datasetName: datasets.name })
    .from(models)
    .leftJoin(jobs, and(eq(jobs.id, models.jobId), eq(jobs.ownerId, models.ownerId)))
    .leftJoin(
      datasets,
      and(eq(datasets.id, models.datasetId), eq(datasets.ownerId, models.ownerId)),
    )
    .$dynamic();
}

/** The owner's models with their training jobs, newest first. */
export async function listModelsWithJobs(ownerId: string): Promise<ModelWithJob[]> {
  return selectWithJobs(ownerId).where(ownedBy(models, ownerId)).orderBy(desc(models.createdAt));
}

/** One model with its training job, or null when it is not the owner's. */
export async function getModelWithJob(ownerId: string, id: string): Promise<ModelWithJob | null> {
  const [row] = await selectWithJobs(ownerId).where(ownedRow(models, ownerId, id));
  return row ?? null;
}

/**
 * What deleting a model leaves to clean up: the stored files of its evaluations and predictions
 * (their rows go with the model), and the jobs still working for it or for them.
 */
export async function modelDependents(
  ownerId: string,
  id: string,
): Promise<{ storageKeys: string[]; activeJobIds: string[] }> {
  if (!isUuid(id)) return { storageKeys: [], activeJobIds: [] };
  const db = getDb();
  const owned = (table: typeof evaluations | typeof predictions) =>
    and(ownedBy(table, ownerId), eq(table.modelId, id));
  const rows = [
    ...(await db
      .select({ key: evaluations.storageKey, jobId: evaluations.jobId, status: evaluations.status })
      .from(evaluations)
      .where(owned(evaluations))),
    ...(await db
      .select({ key: predictions.storageKey, jobId: predictions.jobId, status: predictions.status })
      .from(predictions)
      .where(owned(predictions))),
  ];
  const active = (status: string) => status === 'QUEUED' || status === 'RUNNING';
  return {
    storageKeys: rows.flatMap((row) => (row.key ? [row.key] : [])),
    activeJobIds: rows.flatMap((row) => (row.jobId && active(row.status) ? [row.jobId] : [])),
  };
}
