// Stored model files: each model is one zip in the engine's format (lib/automl/MODEL_FORMAT.md).
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { loadPredictor, type Predictor } from './predictor';
import type { Model } from '@/lib/access';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';

/** The storage key of a new model file of `ownerId`. */
export function newModelKey(ownerId: string): string {
  return `models/${ownerId}/${randomUUID()}.zip`;
}

/** The model file's bytes as stored (the engine's zip, without model_info.txt). */
export async function readModelBytes(model: Pick<Model, 'storageKey'>): Promise<Buffer> {
  if (!model.storageKey) throw notReady();
  return buffer(await getStorage().get(model.storageKey));
}

function notReady(): AppError {
  return new AppError(
    'CONFLICT',
    'This model has not finished training, so it cannot be used yet.',
  );
}

/**
 * Loaded predictors by storage key. A stored file never changes (a new file gets a new key), so
 * entries never go stale; the cache only bounds how many stay in memory. Used by the web server's
 * fast prediction path and by workers, where consecutive jobs often use the same model.
 */
const cache = new Map<string, Promise<Predictor>>();
const cacheSize = 4;

/** The model's predictor, loaded from storage or taken from the cache. */
export function loadModelPredictor(
  model: Pick<Model, 'status' | 'storageKey'>,
): Promise<Predictor> {
  const key = model.storageKey;
  if (model.status !== 'COMPLETED' || !key) return Promise.reject(notReady());
  let loading = cache.get(key);
  if (loading) {
    // Most recently used last, so the oldest entry is the first one.
    cache.delete(key);
    cache.set(key, loading);
    return loading;
  }
  loading = readModelBytes(model).then((bytes) => loadPredictor(bytes));
  loading.catch(() => cache.delete(key));
  cache.set(key, loading);
  while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  return loading;
}
