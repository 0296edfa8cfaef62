// Turning an uploaded file into a dataset: read it with lib/csv, store the clean copy, record it.
import { z } from 'zod';
import type { Dataset } from '@/lib/access';
import { CsvError, type CsvNormaliseResult } from '@/lib/csv';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/http';
import { columnsFromRead, storeCsvFile, type NewDataset } from './files';
import { datasetNameFromFile } from './names';
import { datasetDescriptionSchema, type DatasetSchema } from './types';
import type { ReceivedUpload } from './upload';

/** The form fields sent with an upload. An empty name falls back to the file's name. */
export const uploadFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .max(200, 'Use at most 200 characters for the name.')
    .default('')
    .describe('Dataset name; the file name without ".csv" when empty.'),
  description: datasetDescriptionSchema.describe('Optional description.'),
});

/** A CsvError as users see it: the file's name, then the reader's message (line and column). */
function unreadable(fileName: string, error: CsvError): AppError {
  const where = [error.line && `line ${error.line}`, error.column && `column ${error.column}`]
    .filter(Boolean)
    .join(', ');
  return new AppError('VALIDATION', `${fileName} cannot be used: ${error.message}`, {
    cause: error,
    status: 422,
    fields: { file: where ? `${error.message} (${where})` : error.message },
  });
}

/**
 * Reads the uploaded file and stores it as a dataset of `ownerId`. A file that cannot be read
 * raises a 422 naming the problem and where it is; nothing is stored then. The file is streamed
 * twice (profile, then the clean copy written to storage), so memory does not grow with its size.
 */
export async function importUpload(ownerId: string, upload: ReceivedUpload): Promise<Dataset> {
  const fields = parseInput(uploadFieldsSchema, upload.fields);
  const describe = (read: CsvNormaliseResult): NewDataset => ({
    name: fields.name || datasetNameFromFile(upload.fileName),
    description: fields.description,
    columns: columnsFromRead(read),
    warnings: read.warnings,
    source: {
      fileName: upload.fileName,
      sizeBytes: upload.sizeBytes,
      delimiter: read.delimiter,
      decimal: read.decimal,
      encoding: read.encoding,
    } satisfies DatasetSchema['source'],
    origin: { kind: 'upload', note: `Uploaded from ${upload.fileName}.` },
  });
  const { dataset } = await storeCsvFile(ownerId, upload.file, describe).catch((error: unknown) => {
    throw error instanceof CsvError ? unreadable(upload.fileName, error) : error;
  });
  return dataset;
}
