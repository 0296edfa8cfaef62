// Deleting a model: its training and the jobs of its results are cancelled, its files removed.
import { deleteModel, modelDependents, type Model } from '@/lib/access';
import { log } from '@/lib/log';
import { cancelJob } from '@/lib/queue';
import { getStorage } from '@/lib/storage';

/**
 * Deletes the owner's model with its evaluations and predictions (their rows cascade) and the
 * stored files of all of them; null when there is no such model. Running jobs are cancelled
 * first; a training that still finishes finds the row gone and removes its own file.
 */
export async function removeModel(ownerId: string, id: string): Promise<Model | null> {
  const dependents = await modelDependents(ownerId, id);
  const model = await deleteModel(ownerId, id);
  if (!model) return null;

  const jobIds = [...(model.jobId ? [model.jobId] : []), ...dependents.activeJobIds];
  await Promise.all(jobIds.map((jobId) => cancelJob(ownerId, jobId)));
  // The rows are gone first, so nothing points at a missing file; a leftover file is only waste.
  const keys = [...(model.storageKey ? [model.storageKey] : []), ...dependents.storageKeys];
  await Promise.all(
    keys.map((key) =>
      getStorage()
        .delete(key)
        .catch((error: unknown) => log.warn('Model file not removed', { error, key, id })),
    ),
  );
  return model;
}
