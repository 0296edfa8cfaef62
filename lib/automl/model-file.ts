// Saving a predictor as a zip (manifest.json + little-endian binary arrays) and loading it back.

import { isArrayOf } from './arrays';
import JSZip from 'jszip';
import { AutoMLError } from './errors';
import { findFamily } from './families';
import { FeaturePipeline } from './features';
import {
  DTYPES,
  FORMAT_NAME,
  FORMAT_VERSION,
  ManifestSchema,
  type ArrayRef,
  type Dtype,
  type Manifest,
} from './manifest';
import type { PredictorParts } from './predictor';
import { checkStackInputs } from './stack';
import type { ModelArtifact, ModelFamily, StoredArray, TrainedModel } from './types';

const CONSTRUCTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  uint8: Uint8Array,
} as const;

// Fixed entry dates make equal predictors give byte-identical files.
const ENTRY_DATE = new Date(Date.UTC(2000, 0, 1));
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The zip bytes of a predictor in format version FORMAT_VERSION (see MODEL_FORMAT.md). */
export async function encodeModel(parts: PredictorParts): Promise<Uint8Array> {
  const zip = new JSZip();
  let arrayCount = 0;
  const addArray = (values: StoredArray): ArrayRef => {
    const file = `arrays/${arrayCount++}.bin`;
    // No folder entry: JSZip would date it now, and the file would differ from save to save.
    zip.file(file, toLittleEndian(values), { date: ENTRY_DATE, createFolders: false });
    return { file, dtype: dtypeOf(values), length: values.length };
  };
  const models = parts.members.map((member) => ({
    name: member.name,
    family: member.family,
    stackLevel: member.stackLevel,
    ...(member.inputs?.length ? { inputs: member.inputs } : {}),
    parts: member.models.map((model) => {
      const artifact = model.toArtifact();
      const arrays: Record<string, ArrayRef> = {};
      for (const [key, values] of Object.entries(artifact.arrays)) arrays[key] = addArray(values);
      return { params: artifact.params, arrays };
    }),
  }));
  const manifest: Manifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    label: parts.metadata.label,
    preprocessing: { encoders: parts.pipeline.encoders },
    models,
    ensemble: { weights: Array.from(parts.weights) },
    leaderboard: parts.leaderboard,
    training: parts.metadata,
  };
  zip.file('manifest.json', JSON.stringify(manifest, null, 2), {
    date: ENTRY_DATE,
    createFolders: false,
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Reads a model file back into predictor parts; refuses anything that is not a valid format-1 file. */
export async function decodeModel(bytes: Uint8Array): Promise<PredictorParts> {
  const zip = await openZip(bytes);
  const manifest = await readManifest(zip);
  const readArray = async (ref: ArrayRef) => fromLittleEndian(ref, await entryBytes(zip, ref.file));
  const members = [];
  for (const model of manifest.models) {
    const entry = findFamily(model.family);
    if (entry === undefined) {
      throw invalid(
        `model '${model.name}' needs family '${model.family}', which this Cidra-ML lacks`,
      );
    }
    const fitted = [];
    for (const part of model.parts) {
      const arrays: ModelArtifact['arrays'] = {};
      for (const [key, ref] of Object.entries(part.arrays)) arrays[key] = await readArray(ref);
      fitted.push(
        readModel(model.name, entry.family, { family: model.family, params: part.params, arrays }),
      );
    }
    members.push({
      name: model.name,
      family: model.family,
      stackLevel: model.stackLevel,
      models: fitted,
      ...(model.inputs ? { inputs: model.inputs } : {}),
    });
  }
  checkStackInputs(members);
  if (manifest.ensemble.weights.length !== members.length) {
    throw invalid(
      `${manifest.ensemble.weights.length} ensemble weights for ${members.length} models`,
    );
  }
  return {
    pipeline: new FeaturePipeline(manifest.preprocessing.encoders),
    members,
    weights: Float64Array.from(manifest.ensemble.weights),
    leaderboard: manifest.leaderboard,
    metadata: manifest.training,
  };
}

// A family's reader may throw a plain error on a damaged artifact; users get it as a model file
// problem naming the model.
function readModel(name: string, family: ModelFamily, artifact: ModelArtifact): TrainedModel {
  try {
    return family.fromArtifact(artifact);
  } catch (error) {
    if (error instanceof AutoMLError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AutoMLError(
      'INVALID_MODEL_FILE',
      `invalid Cidra-ML model file: model '${name}' cannot be read (${reason})`,
      {},
      { cause: error },
    );
  }
}

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new AutoMLError(
      'INVALID_MODEL_FILE',
      'not a Cidra-ML model: the file is not a zip archive',
      {},
      { cause: error },
    );
  }
}

async function readManifest(zip: JSZip): Promise<Manifest> {
  const file = zip.file('manifest.json');
  if (file === null) throw invalid('not a Cidra-ML model: the zip has no manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await file.async('string'));
  } catch {
    throw invalid('not a Cidra-ML model: manifest.json is not valid JSON');
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== FORMAT_NAME) {
    throw invalid('not a Cidra-ML model: manifest.json does not describe a Cidra-ML model');
  }
  checkVersion(head.formatVersion);
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `invalid Cidra-ML model file: manifest field '${issue.path.join('.')}': ${issue.message}`,
    );
  }
  return parsed.data;
}

function checkVersion(version: unknown): void {
  if (version === FORMAT_VERSION) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    throw new AutoMLError(
      'UNSUPPORTED_MODEL_VERSION',
      `model format version ${version} is newer than this Cidra-ML can read (${FORMAT_VERSION}); upgrade Cidra-ML to load it`,
      { formatVersion: version },
    );
  }
  // A missing or wrongly typed version is a damaged manifest: say so rather than print `undefined`.
  const shown = JSON.stringify(version);
  const reason =
    version === undefined
      ? 'manifest.json has no formatVersion'
      : typeof version === 'number' && Number.isInteger(version)
        ? `unknown model format version ${shown}`
        : `unknown model format version ${shown} (formatVersion must be a whole number)`;
  throw new AutoMLError('UNSUPPORTED_MODEL_VERSION', reason, { formatVersion: version });
}

async function entryBytes(zip: JSZip, name: string): Promise<Uint8Array> {
  const file = zip.file(name);
  if (file === null) throw invalid(`invalid Cidra-ML model file: array entry ${name} is missing`);
  return file.async('uint8array');
}

function dtypeOf(values: StoredArray): Dtype {
  const dtype = DTYPES.find((name) => isArrayOf(values, CONSTRUCTORS[name]));
  if (dtype === undefined) throw new Error('unsupported array type in a model artifact');
  return dtype;
}

function toLittleEndian(values: StoredArray): Uint8Array {
  const bytes = new Uint8Array(
    values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength),
  );
  if (!LITTLE_ENDIAN_HOST) swapBytes(bytes, values.BYTES_PER_ELEMENT);
  return bytes;
}

function fromLittleEndian(ref: ArrayRef, bytes: Uint8Array): StoredArray {
  const Constructor = CONSTRUCTORS[ref.dtype];
  if (bytes.length !== ref.length * Constructor.BYTES_PER_ELEMENT) {
    throw invalid(
      `invalid Cidra-ML model file: ${ref.file} holds ${bytes.length} bytes, expected ${ref.length} ${ref.dtype} values`,
    );
  }
  const copy = bytes.slice();
  if (!LITTLE_ENDIAN_HOST) swapBytes(copy, Constructor.BYTES_PER_ELEMENT);
  return new Constructor(copy.buffer, 0, ref.length);
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

function invalid(message: string): AutoMLError {
  return new AutoMLError('INVALID_MODEL_FILE', message);
}
