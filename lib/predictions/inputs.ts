// What the manual form needs to know about a model's inputs: each feature's kind, its training
// range (numbers, dates) or known levels (categories), read from `models.metadata`.
import type { Model } from '@/lib/access';
import type { ColumnKind, Predictor } from '@/lib/automl';
import { loadModelPredictor } from '@/lib/models/files';

/** One feature of a model as the manual table and the what-if curve use it. */
export interface ModelInput {
  name: string;
  kind: ColumnKind;
  /** Training range of a numeric feature; ISO text for datetimes. Absent when not recorded. */
  min?: number | string;
  max?: number | string;
  /** Known levels of a categorical or yes/no feature (the form also accepts others). */
  levels?: string[];
}

/** The label and the inputs of a model, in the model's column order. */
export interface ModelInputs {
  label: string;
  features: ModelInput[];
}

type RangeLike = { min?: unknown; max?: unknown; levels?: unknown };

/** The parts of `models.metadata.trained` read here (written by the train job or the upload). */
interface StoredDescription {
  features?: { name: string; kind: ColumnKind }[];
  featureRanges?: Record<string, RangeLike>;
}

function storedDescription(model: Pick<Model, 'metadata'>): StoredDescription | undefined {
  const metadata = model.metadata as { trained?: StoredDescription } | null;
  return metadata?.trained;
}

function withRange(name: string, kind: ColumnKind, range: RangeLike | undefined): ModelInput {
  const input: ModelInput = { name, kind };
  if (!range) return input;
  const scalar = (value: unknown) =>
    typeof value === 'number' || typeof value === 'string' ? value : undefined;
  if (scalar(range.min) !== undefined) input.min = scalar(range.min);
  if (scalar(range.max) !== undefined) input.max = scalar(range.max);
  if (Array.isArray(range.levels)) input.levels = range.levels.map(String);
  return input;
}

/** The inputs of a loaded predictor: kinds from its metadata, levels from its encoders. */
export function predictorInputs(predictor: Predictor): ModelInputs {
  const kinds = new Map(predictor.metadata.features.map((f) => [f.name, f.kind]));
  const features = predictor.parts.pipeline.encoders.map((encoder) => {
    const kind = kinds.get(encoder.source) ?? encoder.kind;
    if (encoder.kind === 'categorical') return withRange(encoder.source, kind, encoder);
    if (encoder.kind === 'boolean') {
      const levels = [...encoder.trueLevels, ...encoder.falseLevels];
      return withRange(encoder.source, kind, { levels });
    }
    return { name: encoder.source, kind };
  });
  return { label: predictor.label, features };
}

/**
 * The model's inputs from its stored description, without loading the model file; models stored
 * without one (older uploads) are loaded once (then cached) and give kinds and levels, no ranges.
 */
export async function modelInputs(
  model: Pick<Model, 'metadata' | 'status' | 'storageKey' | 'label'>,
): Promise<ModelInputs> {
  const stored = storedDescription(model);
  if (stored?.features?.length && model.label) {
    const ranges = stored.featureRanges ?? {};
    return {
      label: model.label,
      features: stored.features.map((f) => withRange(f.name, f.kind, ranges[f.name])),
    };
  }
  return predictorInputs(await loadModelPredictor(model));
}
