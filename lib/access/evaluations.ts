// Evaluations, owner-scoped: every function takes the owner's id and sees only that user's rows.
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import { evaluations, jobs, models } from '@/db/schema';
import { getDb } from '@/lib/db';
import { ownedBy, ownedRow } from './owned';

export type Evaluation = typeof evaluations.$inferSelect;
/** The fields a caller may set; the id, owner and creation time are the layer's business. */
export type EvaluationInput = Omit<typeof evaluations.$inferInsert, 'id' | 'ownerId' | 'createdAt'>;

/** An evaluation with its model's name and its job's progress, as lists show it. */
export interface EvaluationListItem extends Evaluation {
  modelName: string;
  job: { status: string; progress: number; message: string } | null;
}

/** The owner's evaluations, newest first, with model names and job progress (one query). */
export async function listEvaluations(ownerId: string): Promise<EvaluationListItem[]> {
  const rows = await getDb()
    .select({
      ...getTableColumns(evaluations),
      modelName: models.name,
      jobStatus: jobs.status,
      jobProgress: jobs.progress,
      jobMessage: jobs.message,
    })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .leftJoin(jobs, and(eq(jobs.id, evaluations.jobId), eq(jobs.ownerId, ownerId)))
    .where(ownedBy(evaluations, ownerId))
    .orderBy(desc(evaluations.createdAt));
  return rows.map(({ jobStatus, jobProgress, jobMessage, ...row }) => ({
    ...row,
    job:
      jobStatus === null
        ? null
        : { status: jobStatus, progress: jobProgress ?? 0, message: jobMessage ?? '' },
  }));
}

/** The evaluation, or null when it does not exist or belongs to someone else. */
export async function getEvaluation(ownerId: string, id: string): Promise<Evaluation | null> {
  const [row] = await getDb()
    .select()
    .from(evaluations)
    .where(ownedRow(evaluations, ownerId, id));
  return row ?? null;
}

/**
 * Records a new evaluation. The caller has already checked that the model and dataset are the
 * owner's (getModel / getDataset), since the row only stores their ids.
 */
export async function createEvaluation(
  ownerId: string,
  input: EvaluationInput,
): Promise<Evaluation> {
  const [row] = await getDb()
    .insert(evaluations)
    .values({ ...input, ownerId })
    .returning();
  return row;
}

/** Updates the owner's evaluation; null when there is no such evaluation for this owner. */
export async function updateEvaluation(
  ownerId: string,
  id: string,
  patch: Partial<EvaluationInput>,
): Promise<Evaluation | null> {
  const [row] = await getDb()
    .update(evaluations)
    .set(patch)
    .where(ownedRow(evaluations, ownerId, id))
    .returning();
  return row ?? null;
}

/** Deletes the row and returns it (the caller removes its stored file and job), or null. */
export async function deleteEvaluation(ownerId: string, id: string): Promise<Evaluation | null> {
  const [row] = await getDb()
    .delete(evaluations)
    .where(ownedRow(evaluations, ownerId, id))
    .returning();
  return row ?? null;
}
