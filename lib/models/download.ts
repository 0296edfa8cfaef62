// The downloadable model zip: the engine's file plus a model_info.txt that people can read.
import JSZip from 'jszip';
import type { Model } from '@/lib/access';
import { readModelBytes } from './files';
import { metadataOf } from './summary';

/** The stored zip with `model_info.txt` added at the top (the engine ignores it when loading). */
export async function downloadableZip(model: Model): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await readModelBytes(model));
  zip.file('model_info.txt', modelInfo(model), { date: new Date(model.createdAt) });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** `name.zip` with control characters and slashes replaced (the header encodes the rest). */
export function downloadName(model: Pick<Model, 'name'>): string {
  const base = model.name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'model';
  return `${base.slice(0, 150)}.zip`;
}

/** The human-readable description written into model_info.txt. */
export function modelInfo(model: Model): string {
  const meta = metadataOf(model);
  const trained = meta.trained;
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? 'not measured' : String(Number(value.toPrecision(6)));
  const lines = [
    'Cidra-ML model',
    '==============',
    `Name:          ${model.name}`,
    `Description:   ${model.description || '(none)'}`,
    `Target:        ${model.label ?? ''}`,
    `Source:        ${meta.source === 'uploaded' ? `uploaded (${meta.fileName ?? 'zip'})` : `trained on dataset '${meta.datasetName ?? 'unknown'}'`}`,
    `Preset:        ${meta.preset ?? 'unknown'}`,
    `Time limit:    ${meta.timeLimitSec ? `${meta.timeLimitSec} s` : 'none'}`,
    `Metric:        ${meta.evalMetric ?? 'rmse'}`,
    `Created:       ${new Date(model.createdAt).toISOString()}`,
    `Training time: ${trained?.trainingSec != null ? `${trained.trainingSec.toFixed(1)} s` : 'unknown'}`,
    '',
    'Validation metrics of the ensemble',
    `  RMSE: ${number(trained?.validation?.rmse)}`,
    `  MAE:  ${number(trained?.validation?.mae)}`,
    `  R²:   ${number(trained?.validation?.r2)}`,
    '',
    'Features (name: kind)',
    ...(trained?.features ?? []).map((f) => `  ${f.name}: ${f.kind}`),
    ...(trained?.dropped.length
      ? ['', 'Columns dropped', ...trained.dropped.map((d) => `  ${d.name}: ${d.message}`)]
      : []),
    ...(trained?.ensembleWeights.length
      ? ['', 'Ensemble weights', ...trained.ensembleWeights.map((w) => `  ${w.name}: ${w.weight}`)]
      : []),
    '',
    'Format: Cidra-ML model file (manifest.json + arrays/*.bin), see lib/automl/MODEL_FORMAT.md.',
    'Upload this zip to Cidra-ML, or use it with `npm run automl -- predict --model <zip>`.',
    '',
  ];
  return lines.join('\n');
}
