// The 'train' job: fits a model on its dataset in a child process and stores the model file.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { getDataset, getModel, updateModel, type Model } from '@/lib/access';
import { getConfig } from '@/lib/config';
import { removeScratch, scratchPath } from '@/lib/datasets/files';
import { schemaOf } from '@/lib/datasets/types';
import { AppError } from '@/lib/errors';
import { newModelKey } from '@/lib/models/files';
import { runFitProcess, type FitProcessRequest } from '@/lib/models/fit-child';
import type { ModelMetadata, TrainedDescription } from '@/lib/models/metadata';
import { trainSettingsSchema, type TrainSettings } from '@/lib/models/options';
import { getStorage } from '@/lib/storage';
import { assertRoomFor } from '@/lib/storage/quota';
import type { JobContext, JobHandler } from '../types';

/** Progress is written at most this often (each write is a database update). */
const PROGRESS_INTERVAL_MS = 500;
// The fit's own progress fills 3–97 %; reading the file and storing the zip take the rest.
const FIT_START = 3;
const FIT_END = 97;

const trainJob: JobHandler = async (ctx) => {
  const { job, log } = ctx;
  const model = job.resourceId ? await getModel(job.ownerId, job.resourceId) : null;
  // Deleting a model while its training waits is routine: nothing to do, nothing to report.
  if (!model) return { modelId: job.resourceId, deleted: true };
  const settings = trainSettingsSchema.parse(job.payload);

  const began = Date.now();
  const csvFile = await scratchPath('.csv');
  const outFile = await scratchPath('.zip');
  try {
    await ctx.progress(1, 'reading the dataset');
    const { csvKinds, givenKinds } = await downloadDataset(model, csvFile);
    const fitted = await fitInChild(ctx, settings, givenKinds, { csvFile, csvKinds, outFile });
    ctx.signal.throwIfAborted();
    // The whole job so far (reading, the child process, importance, the zip): what users waited.
    const description = { ...fitted, trainingSec: (Date.now() - began) / 1000 };
    await ctx.progress(FIT_END, 'storing the model file');
    const key = await storeModel(model, outFile, description, settings);
    if (!key) return { modelId: model.id, deleted: true };
    log.info('Model trained', { modelId: model.id, trainingSec: description.trainingSec });
    return { modelId: model.id, trainingSec: description.trainingSec };
  } finally {
    await Promise.all([removeScratch(csvFile), removeScratch(outFile)]);
  }
};

export default trainJob;

/**
 * Copies the dataset's stored CSV to `file`. Answers the column kinds to read it with, and the
 * kinds the user changed, which the engine takes as given rather than inferring them.
 */
async function downloadDataset(model: Model, file: string) {
  const dataset = model.datasetId ? await getDataset(model.ownerId, model.datasetId) : null;
  if (!dataset) {
    throw new AppError('NOT_FOUND', 'The training dataset was deleted before training started.');
  }
  await pipeline(await getStorage().get(dataset.storageKey), createWriteStream(file));
  const columns = schemaOf(dataset).columns;
  return {
    csvKinds: Object.fromEntries(columns.map((c) => [c.name, c.kind])),
    givenKinds: Object.fromEntries(
      columns.filter((c) => c.kind !== c.detectedKind).map((c) => [c.name, c.kind]),
    ),
  };
}

/** Threads per training: the cores shared among the jobs this worker runs at once. */
function threadCount(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / getConfig().WORKER_CONCURRENCY));
}

/**
 * Heap limit of a fit process, in MiB: half the machine's memory shared among the jobs this
 * worker runs at once, and never below Node's usual 4 GiB. Large tables need more than the
 * default, and a fit that reaches its limit fails alone with a message instead of drawing the
 * kernel's out-of-memory killer onto PostgreSQL or the web server.
 */
function heapMb(): number {
  const shareMb = os.totalmem() / 2 ** 20 / 2 / getConfig().WORKER_CONCURRENCY;
  return Math.max(4096, Math.floor(shareMb));
}

async function fitInChild(
  ctx: JobContext,
  settings: TrainSettings,
  givenKinds: Record<string, string>,
  files: Omit<FitProcessRequest, 'fitOptions'>,
): Promise<TrainedDescription> {
  // Progress writes are chained so they land in order; a cancel found by one aborts ctx.signal.
  let lastReport = 0;
  let reporting: Promise<void> = Promise.resolve();
  const onProgress = (fraction: number, message: string) => {
    const now = Date.now();
    if (now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const percent = FIT_START + (FIT_END - FIT_START) * fraction;
    reporting = reporting.then(() => ctx.progress(percent, message)).catch(() => {});
  };
  const fitOptions = {
    label: settings.label,
    features: settings.features,
    kinds: Object.keys(givenKinds).length > 0 ? givenKinds : undefined,
    preset: settings.preset,
    timeLimitSec: settings.timeLimitSec > 0 ? settings.timeLimitSec : undefined,
    holdoutFraction: settings.holdoutFraction,
    models: settings.families,
    evalMetric: settings.evalMetric,
    threads: threadCount(),
  };
  try {
    return await runFitProcess(
      { ...files, fitOptions },
      { signal: ctx.signal, onProgress, heapMb: heapMb() },
    );
  } finally {
    await reporting;
  }
}

/**
 * Stores the zip and marks the model COMPLETED with its description. Answers the storage key, or
 * null when the model was deleted meanwhile (its file is then removed again).
 */
async function storeModel(
  model: Model,
  outFile: string,
  description: TrainedDescription,
  settings: TrainSettings,
): Promise<string | null> {
  const bytes = await fs.readFile(outFile);
  // The job fails with the quota's message when the workspace filled up while it trained.
  await assertRoomFor(model.ownerId, bytes.byteLength);
  const key = newModelKey(model.ownerId);
  await getStorage().put(key, bytes);
  const metadata: ModelMetadata = {
    ...(model.metadata as ModelMetadata),
    trained: description,
    sizeBytes: bytes.byteLength,
  };
  const updated = await updateModel(model.ownerId, model.id, {
    status: 'COMPLETED',
    storageKey: key,
    label: settings.label,
    metadata,
    error: null,
  });
  if (updated) return key;
  await getStorage().delete(key);
  return null;
}
