// What the datasets feature keeps in `datasets.schema` (jsonb): columns, reading notes, profile job.
import { z } from 'zod';
import type { CsvColumnKind, CsvWarning } from '@/lib/csv';

export const columnKinds = ['numeric', 'categorical', 'boolean', 'datetime', 'text'] as const;

/** One column of a stored dataset. */
export interface DatasetColumn {
  name: string;
  /** The header cell as it was in the uploaded file (before trimming and renaming). */
  originalName: string;
  /** The kind in use: the detected one, or the user's choice. */
  kind: CsvColumnKind;
  /** The kind the reader detected, kept so a user can go back to it. */
  detectedKind: CsvColumnKind;
  /** Missing cells under the detected kind (the profile recounts under the kind in use). */
  missing: number;
  notes: string[];
}

/** The stored description of a dataset's file. */
export interface DatasetSchema {
  columns: DatasetColumn[];
  /** Findings of the reader on the uploaded file (renamed headers, Latin-1, non-finite numbers). */
  warnings: CsvWarning[];
  /** How the uploaded file was written; the stored copy is always UTF-8, comma, '.' decimals. */
  source: {
    fileName: string;
    sizeBytes: number;
    delimiter: string;
    decimal: string;
    encoding: string;
  };
  /** The profile job last started for this dataset, if any. */
  profileJobId?: string;
  /** Set on datasets made by split or merge: how they were made, for users. */
  origin?: { kind: 'split' | 'merge' | 'upload'; note: string };
}

/** Name and description as users give them; rendered as text everywhere. */
export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the dataset a name.')
  .max(200, 'Use at most 200 characters for the name.');
export const datasetDescriptionSchema = z
  .string()
  .trim()
  .max(2000, 'Use at most 2,000 characters for the description.')
  .default('');

/** PATCH /api/datasets/:id: rename, describe, or choose column kinds (by column name). */
export const datasetPatchSchema = z.object({
  name: datasetNameSchema.optional().describe('New name.'),
  description: datasetDescriptionSchema.optional().describe('New description.'),
  kinds: z
    .record(z.string(), z.enum(columnKinds))
    .optional()
    .describe('Column name → kind to use instead of the detected one.'),
});

/** The kinds in use, by column name, as `readCsvFile`'s `kinds` option wants them. */
export function kindsOf(schema: DatasetSchema): Record<string, CsvColumnKind> {
  return Object.fromEntries(schema.columns.map((column) => [column.name, column.kind]));
}

/** The stored schema of a row, or an empty one for rows made without it. */
export function schemaOf(row: { schema: unknown }): DatasetSchema {
  const schema = row.schema as DatasetSchema | null;
  return (
    schema ?? {
      columns: [],
      warnings: [],
      source: { fileName: '', sizeBytes: 0, delimiter: ',', decimal: '.', encoding: 'utf-8' },
    }
  );
}
