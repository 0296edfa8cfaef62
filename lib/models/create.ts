// Starting a training: checks the request against the dataset's columns, makes the row, queues the job.
import { createModel, getDataset, updateModel, type Dataset, type Model } from '@/lib/access';
import { readRows } from '@/lib/datasets/preview';
import { schemaOf } from '@/lib/datasets/types';
import { AppError } from '@/lib/errors';
import { enqueueJob, type JobRow } from '@/lib/queue';
import { assertRoomFor } from '@/lib/storage/quota';
import type { ModelMetadata } from './metadata';
import type { TrainRequest, TrainSettings } from './options';

/** Rows read to find examples of text in a target column that is not numeric. */
const SAMPLE_ROWS = 500;

/** Creates the model (status TRAINING) and queues its training job. */
export async function startTraining(
  ownerId: string,
  request: TrainRequest,
): Promise<{ model: Model; job: JobRow }> {
  const dataset = await getDataset(ownerId, request.datasetId);
  if (!dataset) {
    throw new AppError('NOT_FOUND', 'Dataset not found. It may have been deleted.', {
      fields: { datasetId: 'No such dataset.' },
    });
  }
  await checkColumns(dataset, request);
  // A full workspace could not keep the model: say so now rather than after the training.
  await assertRoomFor(ownerId);

  const { name, description, datasetId, ...settings } = request;
  const metadata: ModelMetadata = {
    source: 'trained',
    datasetName: dataset.name,
    preset: settings.preset,
    timeLimitSec: settings.timeLimitSec,
    evalMetric: settings.evalMetric,
    holdoutFraction: settings.holdoutFraction ?? null,
    families: settings.families ?? null,
  };
  const model = await createModel(ownerId, {
    name,
    description,
    datasetId,
    status: 'TRAINING',
    label: settings.label,
    metadata,
  });
  const payload: TrainSettings = settings;
  const job = await enqueueJob({ ownerId, kind: 'train', resourceId: model.id, payload });
  const withJob = await updateModel(ownerId, model.id, { jobId: job.id });
  return { model: withJob ?? model, job };
}

/** The target and features must be columns of the dataset; the target must be numeric. */
async function checkColumns(dataset: Dataset, request: TrainRequest): Promise<void> {
  const columns = new Map(schemaOf(dataset).columns.map((c) => [c.name, c]));
  const fields: Record<string, string> = {};
  const target = columns.get(request.label);
  if (!target) {
    fields.label = `Column '${request.label}' is not in dataset '${dataset.name}'.`;
  } else if (target.kind !== 'numeric') {
    fields.label = await notNumericMessage(dataset, request.label, target.kind);
  }

  const features = request.features ?? [];
  const unknown = features.filter((name) => !columns.has(name));
  const repeated = features.filter((name, i) => features.indexOf(name) !== i);
  if (unknown.length > 0) {
    fields.features = `${plural(unknown, 'Column')} ${quoted(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not in dataset '${dataset.name}'.`;
  } else if (features.includes(request.label)) {
    fields.features = `The target column '${request.label}' cannot also be a feature.`;
  } else if (repeated.length > 0) {
    fields.features = `${plural(repeated, 'Column')} ${quoted([...new Set(repeated)])} listed twice.`;
  } else if (request.features === undefined && columns.size < 2) {
    fields.features = `Dataset '${dataset.name}' has no column besides the target to learn from.`;
  }
  if (Object.keys(fields).length === 0) return;
  throw new AppError('VALIDATION', Object.values(fields)[0], { fields });
}

/**
 * "Target column 'price' is categorical, not numeric: it holds text such as '<100000' (row 2)…",
 * with examples from the first rows (a bounded read) so users can fix their file.
 */
async function notNumericMessage(dataset: Dataset, label: string, kind: string): Promise<string> {
  const head = `Target column '${label}' is ${kind}, not numeric`;
  const page = await readRows(dataset, 0, SAMPLE_ROWS).catch(() => undefined);
  const index = page?.columns.indexOf(label) ?? -1;
  if (!page || index < 0) return `${head}: a regression target must hold numbers.`;
  const examples: string[] = [];
  page.rows.forEach((row, i) => {
    const value = row[index];
    if (value !== null && !Number.isFinite(Number(value.trim())) && examples.length < 5) {
      examples.push(`'${value}' (row ${page.offset + i + 1})`);
    }
  });
  if (examples.length === 0) return `${head}: a regression target must hold numbers.`;
  return `${head}: it has text values such as ${examples.join(', ')}. Fix those values in the file, or choose another target.`;
}

function plural(names: string[], noun: string): string {
  return names.length > 1 ? `${noun}s` : noun;
}

function quoted(names: string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}
