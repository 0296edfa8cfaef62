// Splitting a dataset into a training part and a test part, reproducibly (seeded shuffle).
import { z } from 'zod';
import { deleteDataset, type Dataset } from '@/lib/access';
import { Random } from '@/lib/automl/random';
import { AppError } from '@/lib/errors';
import { assertRoomFor } from '@/lib/storage/quota';
import { readStoredTable, removeStoredFiles, storeTable } from './files';
import { takeRows, withMissing } from './tables';
import { schemaOf } from './types';

const ratioMessage = 'testRatio must be strictly between 0 and 1 (1–99 % of rows for testing).';

/** POST /api/datasets/:id/split body. */
export const splitSchema = z.object({
  testRatio: z
    .number({ error: 'testRatio must be a number between 0 and 1, such as 0.2 for 20 %.' })
    .gt(0, ratioMessage)
    .lt(1, ratioMessage)
    .describe('Share of rows in the test part.'),
  seed: z
    .number({ error: 'seed must be a whole number.' })
    .int('seed must be a whole number.')
    .min(0)
    .max(2 ** 31 - 1)
    .default(42)
    .describe('Seed of the shuffle: the same seed gives the same split.'),
  shuffle: z.boolean().default(true).describe('Shuffle rows first; otherwise test = last rows.'),
});
export type SplitOptions = z.output<typeof splitSchema>;

/** Rows in the test part: the ratio of the row count, rounded; refused when a part is empty. */
export function testRowCount(rowCount: number, testRatio: number): number {
  if (rowCount < 2) {
    throw new AppError(
      'VALIDATION',
      `Need at least 2 rows to split; this dataset has ${rowCount}.`,
      {
        status: 422,
      },
    );
  }
  const testRows = Math.round(rowCount * testRatio);
  if (testRows === 0 || testRows === rowCount) {
    const part = testRows === 0 ? 'test' : 'training';
    throw new AppError(
      'VALIDATION',
      `A ${Math.round(testRatio * 1000) / 10} % test share of ${rowCount} rows leaves the ${part} part empty; choose a ratio that puts at least one row in each part.`,
      { status: 422, fields: { testRatio: `The ${part} part would be empty.` } },
    );
  }
  return testRows;
}

/** Creates `<name>_train` and `<name>_test`; both are stored or neither. */
export async function splitDataset(
  ownerId: string,
  dataset: Dataset,
  options: SplitOptions,
): Promise<{ train: Dataset; test: Dataset }> {
  // The two parts together take about as much as the source: refuse before reading it.
  await assertRoomFor(ownerId, dataset.sizeBytes);
  const testRows = testRowCount(dataset.rowCount, options.testRatio);
  const read = await readStoredTable(dataset);
  const rowCount = read.table.numRows();
  const order = new Uint32Array(rowCount).map((_, i) => i);
  if (options.shuffle) new Random(options.seed).shuffle(order);
  const trainRows = order.subarray(0, rowCount - testRows).sort();
  const testPart = order.subarray(rowCount - testRows).sort();

  const columns = schemaOf(dataset).columns;
  const percent = Math.round(options.testRatio * 1000) / 10;
  const how = options.shuffle ? `shuffled with seed ${options.seed}` : 'in file order';
  const store = async (rows: Uint32Array, suffix: 'train' | 'test') => {
    const table = takeRows(read.table, rows);
    return storeTable(ownerId, table, {
      name: `${dataset.name}_${suffix}`,
      description: dataset.description,
      columns: withMissing(table, columns),
      origin: {
        kind: 'split',
        note: `${suffix === 'train' ? 'Training' : 'Test'} part of ${dataset.name}: ${rows.length} of ${rowCount} rows (${percent} % test, ${how}).`,
      },
    });
  };
  const train = await store(trainRows, 'train');
  try {
    return { train, test: await store(testPart, 'test') };
  } catch (error) {
    // Both parts or neither: the training part goes again when the test part cannot be stored.
    await deleteDataset(ownerId, train.id);
    await removeStoredFiles(train).catch(() => {});
    throw error;
  }
}
