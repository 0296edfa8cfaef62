// Changing a dataset: its name, description, or the kind used for some of its columns.
import type { z } from 'zod';
import { orNotFound, updateDataset, type Dataset } from '@/lib/access';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { profileKey, readStoredTable } from './files';
import { schemaOf, type datasetPatchSchema, type DatasetSchema } from './types';

/** New column kinds; a name the dataset lacks is refused by name. */
function withKinds(schema: DatasetSchema, kinds: Record<string, string>): DatasetSchema {
  const known = new Set(schema.columns.map((column) => column.name));
  const unknown = Object.keys(kinds).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION',
      `The dataset has no column ${unknown.map((n) => `"${n}"`).join(', ')}.`,
      {
        fields: Object.fromEntries(unknown.map((name) => [`kinds.${name}`, 'No such column.'])),
      },
    );
  }
  const columns = schema.columns.map((column) =>
    column.name in kinds ? { ...column, kind: kinds[column.name] as typeof column.kind } : column,
  );
  // The cached profile describes the old kinds: it is dropped and computed again on demand.
  return { ...schema, columns, profileJobId: undefined };
}

/**
 * Refuses making a column numeric while it holds text other than missing-value spellings: that
 * text would silently become missing values (and a target with text would lose those rows). Reads
 * the stored file with the new kinds and uses the reader's own count of cells that are not numbers.
 */
async function assertNumbersWhereNumeric(
  dataset: Dataset,
  schema: DatasetSchema,
  kinds: Record<string, string>,
): Promise<void> {
  const before = new Map(schemaOf(dataset).columns.map((column) => [column.name, column.kind]));
  const becoming = Object.entries(kinds)
    .filter(([name, kind]) => kind === 'numeric' && before.get(name) !== 'numeric')
    .map(([name]) => name);
  if (becoming.length === 0) return;
  const { warnings } = await readStoredTable({ ...dataset, schema });
  const fields: Record<string, string> = {};
  for (const warning of warnings) {
    if (warning.code !== 'NOT_A_NUMBER' || !warning.column || !becoming.includes(warning.column)) {
      continue;
    }
    const where = warning.line ? `, such as '${warning.value}' (row ${warning.line - 1})` : '';
    fields[`kinds.${warning.column}`] =
      `Column '${warning.column}' has ${warning.count} values that are not numbers${where}; fix them in the file, or keep the column ${before.get(warning.column)}.`;
  }
  const messages = Object.values(fields);
  if (messages.length > 0) throw new AppError('VALIDATION', messages.join(' '), { fields });
}

export async function patchDataset(
  ownerId: string,
  dataset: Dataset,
  patch: z.output<typeof datasetPatchSchema>,
): Promise<Dataset> {
  const changes: Partial<Dataset> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.kinds && Object.keys(patch.kinds).length > 0) {
    const schema = withKinds(schemaOf(dataset), patch.kinds);
    await assertNumbersWhereNumeric(dataset, schema, patch.kinds);
    changes.schema = schema;
    await getStorage().delete(profileKey(dataset));
  }
  return orNotFound(await updateDataset(ownerId, dataset.id, changes), 'Dataset');
}
