// Importing an uploaded model zip: checked, loaded by the engine, stored in canonical form.
import fs from 'node:fs/promises';
import JSZip from 'jszip';
import { AutoMLError, loadPredictor, type Predictor } from './predictor';
import { columnTable } from '@/lib/automl/table';
import { createModel, type Model } from '@/lib/access';
import type { ReceivedUpload } from '@/lib/datasets/upload';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/http';
import { getStorage } from '@/lib/storage';
import { assertRoomFor } from '@/lib/storage/quota';
import { z } from 'zod';
import { newModelKey } from './files';
import { describePredictor, type ModelMetadata } from './metadata';
import { modelDescriptionSchema, modelNameSchema } from './options';
import { checkModelZip, type ZipCheck } from './zip-check';

const uploadFieldsSchema = z.object({
  name: modelNameSchema.optional(),
  description: modelDescriptionSchema.default(''),
});

/**
 * Creates a COMPLETED model from an uploaded zip. The zip is checked (zip-check.ts) before the
 * engine reads it, then loaded; name (unless given), target and features come from the file.
 * What is stored is the engine's own encoding of the loaded predictor, so extra entries (a
 * downloaded zip's model_info.txt) and an enclosing folder are not kept. Nothing is stored when
 * any step fails.
 */
export async function importModelUpload(ownerId: string, upload: ReceivedUpload): Promise<Model> {
  const fields = parseInput(uploadFieldsSchema, {
    name: upload.fields.name?.trim() ? upload.fields.name : undefined,
    description: upload.fields.description ?? '',
  });
  const check = await checkModelZip(upload.file);
  const predictor = await load(await engineBytes(upload.file, check));
  checkPredicts(predictor);
  const bytes = await predictor.save();
  await assertRoomFor(ownerId, bytes.byteLength);

  const key = newModelKey(ownerId);
  await getStorage().put(key, bytes);
  try {
    return await createModel(ownerId, {
      name: fields.name ?? nameFromFile(upload.fileName, predictor.label),
      description: fields.description,
      status: 'COMPLETED',
      label: predictor.label,
      storageKey: key,
      metadata: { ...uploadedMetadata(predictor, upload.fileName), sizeBytes: bytes.byteLength },
    });
  } catch (error) {
    await getStorage().delete(key);
    throw error;
  }
}

/** The zip the engine reads: the upload itself, or its one folder's entries moved to the top. */
async function engineBytes(file: string, check: ZipCheck): Promise<Uint8Array> {
  const bytes = await fs.readFile(file);
  if (check.root === '') return bytes;
  const source = await JSZip.loadAsync(bytes);
  const target = new JSZip();
  for (const name of check.names) {
    if (!name.startsWith(check.root)) continue;
    const entry = source.file(name);
    if (entry) target.file(name.slice(check.root.length), await entry.async('uint8array'));
  }
  return target.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

async function load(bytes: Uint8Array): Promise<Predictor> {
  try {
    return await loadPredictor(bytes);
  } catch (cause) {
    if (!(cause instanceof AutoMLError)) {
      throw new AppError('VALIDATION', 'This model file is damaged and cannot be loaded.', {
        cause,
        fields: { file: 'This model file is damaged and cannot be loaded.' },
      });
    }
    // Engine messages may end with their own full stop.
    const message = `This model file cannot be used: ${cause.message.replace(/\.$/, '')}.`;
    throw new AppError('VALIDATION', message, { cause, fields: { file: message } });
  }
}

/**
 * Predicts one row of missing values. A manifest whose parts disagree (a model reading a column
 * the preprocessing does not make) loads without complaint, and would then fail every prediction
 * with an internal error; it is refused here instead.
 */
function checkPredicts(predictor: Predictor): void {
  const sources = predictor.parts.pipeline.sources;
  try {
    predictor.predict(columnTable(Object.fromEntries(sources.map((name) => [name, [null]]))));
  } catch (cause) {
    const message =
      'This model file is damaged: its models do not match its features, so it cannot predict.';
    throw new AppError('VALIDATION', message, { cause, fields: { file: message } });
  }
}

function nameFromFile(fileName: string, label: string): string {
  const base = fileName.replace(/\.zip$/i, '').trim();
  return (base || `model of ${label}`).slice(0, 200);
}

function uploadedMetadata(predictor: Predictor, fileName: string): ModelMetadata {
  const meta = predictor.metadata;
  return {
    source: 'uploaded',
    datasetName: null,
    preset: meta.preset ?? null,
    timeLimitSec: meta.timeLimitSec,
    evalMetric: (meta as { evalMetric?: ModelMetadata['evalMetric'] }).evalMetric ?? null,
    holdoutFraction: meta.folds && meta.folds > 1 ? null : meta.holdoutFraction,
    families: null,
    fileName,
    trained: describePredictor(predictor),
  };
}
