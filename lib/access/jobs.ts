// Jobs as users see them, owner-scoped and read-only: lib/queue creates, updates and cancels them.
import { desc } from 'drizzle-orm';
import { jobs } from '@/db/schema';
import { getDb } from '@/lib/db';
import { ownedBy, ownedRow } from './owned';

export type Job = typeof jobs.$inferSelect;

/** The owner's most recent jobs, newest first; `limit` defaults to 50. */
export async function listJobs(ownerId: string, limit = 50): Promise<Job[]> {
  return getDb()
    .select()
    .from(jobs)
    .where(ownedBy(jobs, ownerId))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}

/** The job, or null when it does not exist or belongs to someone else. */
export async function getJob(ownerId: string, id: string): Promise<Job | null> {
  const [row] = await getDb()
    .select()
    .from(jobs)
    .where(ownedRow(jobs, ownerId, id));
  return row ?? null;
}
