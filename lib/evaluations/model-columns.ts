// The columns a model reads: its target and features, from the stored metadata or the model file.
import type { Dataset, Model } from '@/lib/access';
import { schemaOf } from '@/lib/datasets/types';
import { readRows } from '@/lib/datasets/preview';
import { AppError } from '@/lib/errors';
import { loadModelPredictor } from '@/lib/models/files';

/** The target and the source columns the model uses as features. */
export interface ModelColumns {
  label: string;
  features: string[];
}

/**
 * Reads the columns from `models.metadata` (filled by the train job and the upload from the
 * predictor's metadata); when it lacks them, loads the model file (cached) and asks the predictor.
 */
export async function modelColumns(model: Model): Promise<ModelColumns> {
  const stored = storedModelColumns(model);
  if (stored) return stored;
  const predictor = await loadModelPredictor(model);
  return {
    label: predictor.label,
    features: predictor.metadata.features.map((feature) => feature.name),
  };
}

/** The columns as `models.metadata` records them, or null when it does not (without loading). */
export function storedModelColumns(model: Pick<Model, 'label' | 'metadata'>): ModelColumns | null {
  const metadata = (model.metadata ?? {}) as Record<string, unknown>;
  // The train job and the upload keep the predictor's description under `trained`.
  const trained = (metadata.trained ?? {}) as Record<string, unknown>;
  const list = Array.isArray(metadata.features) ? metadata.features : trained.features;
  const label = model.label ?? (typeof metadata.label === 'string' ? metadata.label : null);
  if (!Array.isArray(list) || list.length === 0 || !label) return null;
  const features = list.map((item: unknown) =>
    typeof item === 'string' ? item : (item as { name?: unknown })?.name,
  );
  if (!features.every((name): name is string => typeof name === 'string')) return null;
  return { label, features };
}

/**
 * Refuses (400) a dataset that lacks the model's target or any feature, naming every missing
 * column, or whose target column was read as text, naming a few of its values. Extra columns
 * and any column order are fine.
 */
export async function checkDatasetFits(dataset: Dataset, columns: ModelColumns): Promise<void> {
  const schema = schemaOf(dataset).columns;
  const present = new Set(schema.map((column) => column.name));
  const missingFeatures = columns.features.filter((name) => !present.has(name));
  const missingLabel = !present.has(columns.label);
  if (missingFeatures.length > 0 || missingLabel) {
    const parts: string[] = [];
    if (missingLabel) parts.push(`the target column '${columns.label}'`);
    if (missingFeatures.length > 0) {
      const names = missingFeatures.map((name) => `'${name}'`).join(', ');
      parts.push(`the feature column${missingFeatures.length > 1 ? 's' : ''} ${names}`);
    }
    const message = `The dataset '${dataset.name}' lacks ${parts.join(' and ')}, which the model needs.`;
    const fields: Record<string, string> = { datasetId: message };
    if (missingLabel) fields[columns.label] = 'Missing target column.';
    for (const name of missingFeatures) fields[name] = 'Missing feature column.';
    throw new AppError('VALIDATION', message, { fields });
  }

  const target = schema.find((column) => column.name === columns.label)!;
  if (target.kind === 'numeric') return;
  // A numeric column the user marked categorical still holds numbers: the job reads those.
  const error = await textTargetError(dataset, columns.label);
  if (error) throw error;
}

/** Names the first values of the target (up to row 200) that are not numbers, if any. */
async function textTargetError(dataset: Dataset, label: string): Promise<AppError | null> {
  const page = await readRows(dataset, 0, 200);
  const index = page.columns.indexOf(label);
  const samples: string[] = [];
  page.rows.forEach((row, i) => {
    const cell = row[index];
    if (cell !== null && !Number.isFinite(Number(cell)) && samples.length < 5) {
      samples.push(`'${cell}' (row ${i + 1})`);
    }
  });
  if (samples.length === 0) return null;
  const message = `The target column '${label}' must hold numbers, but it holds text: ${samples.join(', ')}.`;
  return new AppError('VALIDATION', message, { fields: { datasetId: message, [label]: message } });
}
