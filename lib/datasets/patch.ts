// Changing a dataset: its name, description, or the kind used for some of its columns.
import type { z } from 'zod';
import { orNotFound, updateDataset, type Dataset } from '@/lib/access';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { profileKey } from './files';
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

export async function patchDataset(
  ownerId: string,
  dataset: Dataset,
  patch: z.output<typeof datasetPatchSchema>,
): Promise<Dataset> {
  const changes: Partial<Dataset> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.kinds && Object.keys(patch.kinds).length > 0) {
    changes.schema = withKinds(schemaOf(dataset), patch.kinds);
    await getStorage().delete(profileKey(dataset));
  }
  return orNotFound(await updateDataset(ownerId, dataset.id, changes), 'Dataset');
}
