// Completed models for tests, without the train job: fit a small table in this process, store the
// model file under a new key, and insert the models row as the train job would leave it.
import { fit, type FitOptionsInput, type Predictor, type TableLike } from '@/lib/automl';
import { readCsvFile } from '@/lib/csv';
import { createModel, type Model } from '@/lib/access';
import { newModelKey } from '@/lib/models/files';
import { describePredictor, type ModelMetadata } from '@/lib/models/metadata';
import { getStorage } from '@/lib/storage';

/** What `createCompletedModel` needs; the fit defaults to quick gbdt + linear in this thread. */
export interface TestModelInput {
  /** The training table, or the path of a CSV file to read it from. */
  train: TableLike | string;
  label: string;
  name?: string;
  datasetId?: string;
  /** Engine options besides the label (default: medium_quality, gbdt + linear, one thread). */
  fit?: Omit<FitOptionsInput, 'label'>;
}

/**
 * Fits, saves and stores a model for `ownerId`, and inserts its row with status COMPLETED, the
 * label, the storage key and metadata as an upload stores it (`trained`: features, leaderboard…). Returns the row, the
 * fitted predictor and the model file's bytes.
 */
export async function createCompletedModel(
  ownerId: string,
  input: TestModelInput,
): Promise<{ model: Model; predictor: Predictor; bytes: Uint8Array }> {
  const table =
    typeof input.train === 'string' ? (await readCsvFile(input.train)).table : input.train;
  const predictor = await fit(table, {
    preset: 'medium_quality',
    models: ['gbdt', 'linear'],
    threads: 1,
    seed: 1,
    ...input.fit,
    label: input.label,
  });
  const bytes = await predictor.save();
  const storageKey = newModelKey(ownerId);
  await getStorage().put(storageKey, bytes);
  const model = await createModel(ownerId, {
    name: input.name ?? `model of ${input.label}`,
    status: 'COMPLETED',
    label: input.label,
    storageKey,
    datasetId: input.datasetId,
    metadata: {
      source: 'uploaded',
      datasetName: null,
      preset: predictor.metadata.preset ?? null,
      timeLimitSec: null,
      evalMetric: null,
      holdoutFraction: predictor.metadata.holdoutFraction,
      families: null,
      trained: describePredictor(predictor),
      fileName: 'test-model.zip',
    } satisfies ModelMetadata,
  });
  return { model, predictor, bytes };
}
