// Stored dataset files: every dataset is kept as a clean CSV (UTF-8, comma, CRLF, '.' decimals).
//
// Storing a normalised copy instead of the uploaded bytes means every later reader (preview,
// profile, split, merge, download, training) reads one dialect, and a Latin-1 or semicolon file
// is decoded once, at upload, where its warnings are shown.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ColumnTable } from 'arquero';
import { createDataset, type Dataset } from '@/lib/access';
import {
  csvTextChunks,
  normaliseCsvFile,
  readCsvFile,
  type CsvNormaliseResult,
  type CsvOptions,
  type CsvReadHooks,
  type CsvReadResult,
} from '@/lib/csv';
import { getConfig } from '@/lib/config';
import { getStorage } from '@/lib/storage';
import { assertRoomFor } from '@/lib/storage/quota';
import { scratchFolder } from './scratch';
import { takeRows } from './tables';
import { kindsOf, schemaOf, type DatasetColumn, type DatasetSchema } from './types';

/** Folder for uploads in progress and files being read: DATA_DIR/tmp/datasets. */
export function scratchDir(): string {
  return scratchFolder(getConfig().dataDir);
}

/** A fresh path in the scratch folder for dataset files; the caller removes it. */
export async function scratchPath(suffix = '.csv'): Promise<string> {
  const dir = scratchDir();
  await fs.mkdir(dir, { recursive: true });
  return path.join(dir, `${randomUUID()}${suffix}`);
}

/** Removes a scratch file; a file already gone is fine. */
export async function removeScratch(file: string | undefined): Promise<void> {
  if (file) await fs.rm(file, { force: true });
}

/** The storage key of a new dataset file of `ownerId`. */
export function newDatasetKey(ownerId: string): string {
  return `datasets/${ownerId}/${randomUUID()}.csv`;
}

/** Where a dataset's cached profile is kept, beside its file. */
export function profileKey(dataset: Pick<Dataset, 'storageKey'>): string {
  return `${dataset.storageKey}.profile.json`;
}

/**
 * Reads the stored file of `dataset` as a table, with the column kinds in use. `options` are
 * further reader options, such as `missingNumbers: 'nan'` for the profile.
 */
export async function readStoredTable(
  dataset: Dataset,
  hooks: CsvReadHooks = {},
  options: Pick<CsvOptions, 'missingNumbers'> = {},
): Promise<CsvReadResult> {
  const file = await scratchPath();
  try {
    await pipeline(await getStorage().get(dataset.storageKey), createWriteStream(file));
    const kinds = kindsOf(schemaOf(dataset));
    return await readCsvFile(file, { ...options, delimiter: ',', encoding: 'utf-8', kinds }, hooks);
  } finally {
    await removeScratch(file);
  }
}

/** What `storeTable` needs besides the table. */
export interface NewDataset {
  name: string;
  description?: string;
  columns: DatasetColumn[];
  warnings?: DatasetSchema['warnings'];
  source?: DatasetSchema['source'];
  origin?: DatasetSchema['origin'];
}

/** Columns as stored, from the reader's description (detected kinds are the kinds in use). */
export function columnsFromRead(read: Pick<CsvReadResult, 'columns'>): DatasetColumn[] {
  return read.columns.map((column) => ({ ...column, detectedKind: column.kind }));
}

/** The warning for rows dropped because their only cell was missing. */
function emptyRowsDropped(dropped: number): NonNullable<DatasetSchema['warnings']>[number] {
  return {
    code: 'EMPTY_ROWS_DROPPED',
    message: `${dropped} row${dropped === 1 ? '' : 's'} with a missing value in the only column ${dropped === 1 ? 'was' : 'were'} dropped: a one-column CSV file cannot hold an empty cell.`,
  };
}

/**
 * A one-column CSV cannot hold a missing cell: its empty line is read back as no row at all. Such
 * rows are dropped before storing, with a warning, so that every later read counts the same rows.
 */
function withoutEmptyOnlyCells(table: ColumnTable, input: NewDataset) {
  if (table.numCols() !== 1) return { table, input };
  const data = table.column(table.columnNames()[0]) as unknown as ArrayLike<unknown>;
  const kept: number[] = [];
  for (let i = 0; i < data.length; i++) if (data[i] !== null && data[i] !== undefined) kept.push(i);
  const dropped = data.length - kept.length;
  if (dropped === 0) return { table, input };
  const columns = input.columns.map((column) => ({ ...column, missing: 0 }));
  return {
    table: takeRows(table, kept),
    input: {
      ...input,
      columns,
      warnings: [...(input.warnings ?? []), emptyRowsDropped(dropped)],
    },
  };
}

/**
 * Writes `table` as a clean CSV to storage and records its row, both or neither: when the row
 * cannot be inserted the file is removed again (storage writes are atomic on their own).
 */
export async function storeTable(
  ownerId: string,
  fullTable: ColumnTable,
  fullInput: NewDataset,
): Promise<Dataset> {
  const { table, input } = withoutEmptyOnlyCells(fullTable, fullInput);
  const storageKey = newDatasetKey(ownerId);
  const stored = await getStorage().put(storageKey, Readable.from(csvTextChunks(table)));
  return recordDataset(ownerId, storageKey, stored.sizeBytes, {
    rowCount: table.numRows(),
    columnCount: table.numCols(),
    input,
  });
}

/**
 * Writes the clean copy of the CSV file at `file` to storage under `storageKey` while reading it
 * (lib/csv's `normaliseCsvFile`: two streamed passes, no table in memory). A file that cannot be
 * read rejects with the reader's CsvError and nothing is stored.
 */
export async function storeNormalisedCopy(
  file: string,
  storageKey: string,
  hooks: CsvReadHooks = {},
): Promise<{ read: CsvNormaliseResult; sizeBytes: number }> {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  // Failures reach us through `storing` or our own error; the stream's 'error' event may fire
  // before storage attached its handlers (a file refused at once), so it is handled here too.
  out.on('error', () => {});
  const storing = getStorage().put(storageKey, out);
  storing.catch(() => {});
  let read: CsvNormaliseResult;
  try {
    read = await normaliseCsvFile(file, out, {}, hooks);
    out.end();
  } catch (error) {
    out.destroy(error as Error);
    await storing.catch(() => {});
    throw error;
  }
  return { read, sizeBytes: (await storing).sizeBytes };
}

/**
 * Stores the clean copy of the CSV file at `file` (`storeNormalisedCopy`) and records the
 * dataset, both or neither. `describe` turns what the reader found into the dataset's fields.
 */
export async function storeCsvFile(
  ownerId: string,
  file: string,
  describe: (read: CsvNormaliseResult) => NewDataset,
  hooks: CsvReadHooks = {},
): Promise<{ dataset: Dataset; read: CsvNormaliseResult }> {
  const storageKey = newDatasetKey(ownerId);
  const { read, sizeBytes } = await storeNormalisedCopy(file, storageKey, hooks);
  const input = describe(read);
  const dropped = read.droppedEmptyRows;
  const dataset = await recordDataset(ownerId, storageKey, sizeBytes, {
    rowCount: read.rowCount,
    columnCount: read.columns.length,
    input: dropped
      ? { ...input, warnings: [...(input.warnings ?? []), emptyRowsDropped(dropped)] }
      : input,
  });
  return { dataset, read };
}

/**
 * Inserts the row of a dataset whose file is stored; removes the file when the insert fails or
 * the owner's storage quota has no room for it.
 */
async function recordDataset(
  ownerId: string,
  storageKey: string,
  sizeBytes: number,
  { rowCount, columnCount, input }: { rowCount: number; columnCount: number; input: NewDataset },
): Promise<Dataset> {
  const schema: DatasetSchema = {
    columns: input.columns,
    warnings: input.warnings ?? [],
    source: input.source ?? {
      fileName: `${input.name}.csv`,
      sizeBytes,
      delimiter: ',',
      decimal: '.',
      encoding: 'utf-8',
    },
    origin: input.origin,
  };
  try {
    // The clean copy's size is known only once it is stored: checked here, removed if refused.
    await assertRoomFor(ownerId, sizeBytes);
    return await createDataset(ownerId, {
      name: input.name,
      description: input.description ?? '',
      storageKey,
      sizeBytes,
      rowCount,
      columnCount,
      schema,
    });
  } catch (error) {
    await getStorage()
      .delete(storageKey)
      .catch(() => {});
    throw error;
  }
}

/** Removes a dataset's stored file and cached profile (after its row is gone). */
export async function removeStoredFiles(dataset: Dataset): Promise<void> {
  const storage = getStorage();
  await Promise.all([storage.delete(dataset.storageKey), storage.delete(profileKey(dataset))]);
}
