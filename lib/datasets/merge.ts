// Merging datasets: append rows (union of columns) or join on key columns (inner or left).
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { z } from 'zod';
import type { Dataset } from '@/lib/access';
import type { CsvColumnKind } from '@/lib/csv';
import { AppError } from '@/lib/errors';
import { readStoredTable, storeTable } from './files';
import { withMissing } from './tables';
import { datasetNameSchema, schemaOf, type DatasetColumn } from './types';

/** POST /api/datasets/merge body. */
export const mergeSchema = z
  .object({
    datasetIds: z
      .array(z.string(), { error: 'datasetIds must list the datasets to merge.' })
      .min(2, 'Choose at least two datasets to merge.')
      .max(10, 'Merge at most 10 datasets at once.')
      .describe(
        'The datasets, in order: rows are appended, or joined onto the first, in this order.',
      ),
    mode: z.enum(['append', 'join']).describe('Append rows, or join columns on key columns.'),
    keys: z.array(z.string().min(1)).default([]).describe('Key columns (join only).'),
    how: z
      .enum(['inner', 'left'])
      .default('inner')
      .describe('inner: matching rows only; left: every row of the first.'),
    name: datasetNameSchema.describe('Name of the new dataset.'),
  })
  .refine((input) => input.mode !== 'join' || input.keys.length > 0, {
    path: ['keys'],
    message: 'Choose at least one key column to join on.',
  });
export type MergeOptions = z.output<typeof mergeSchema>;

/** A source with its table, as read for the merge. */
interface Source {
  dataset: Dataset;
  table: ColumnTable;
  columns: DatasetColumn[];
}

export interface MergeResult {
  dataset: Dataset;
  /** Columns that some sources lack, with the sources lacking them (append). */
  notShared: { column: string; missingFrom: string[] }[];
}

/** One kind for a column appearing in several sources: theirs when they agree, else categorical. */
function mergedKind(kinds: CsvColumnKind[]): CsvColumnKind {
  return kinds.every((kind) => kind === kinds[0]) ? kinds[0] : 'categorical';
}

function appendTables(sources: Source[]) {
  const names: string[] = [];
  const kinds = new Map<string, CsvColumnKind[]>();
  for (const { columns } of sources) {
    for (const column of columns) {
      if (!kinds.has(column.name)) (names.push(column.name), kinds.set(column.name, []));
      kinds.get(column.name)!.push(column.kind);
    }
  }
  const data: Record<string, unknown[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const { table } of sources) {
    const rows = table.numRows();
    for (const name of names) {
      const column = table.columnNames().includes(name)
        ? (table.column(name) as unknown as ArrayLike<unknown>)
        : undefined;
      const target = data[name];
      for (let i = 0; i < rows; i++) target.push(column ? (column[i] ?? null) : null);
    }
  }
  const notShared = names
    .map((column) => ({
      column,
      missingFrom: sources
        .filter(({ columns }) => !columns.some((c) => c.name === column))
        .map(({ dataset }) => dataset.name),
    }))
    .filter(({ missingFrom }) => missingFrom.length > 0);
  const columns = names.map((name) => {
    const kind = mergedKind(kinds.get(name)!);
    return { name, originalName: name, kind, detectedKind: kind, missing: 0, notes: [] };
  });
  return { table: aq.table(data), columns, notShared };
}

function joinTables(sources: Source[], keys: string[], how: 'inner' | 'left') {
  for (const { dataset, columns } of sources) {
    const missing = keys.filter((key) => !columns.some((column) => column.name === key));
    if (missing.length > 0) {
      throw new AppError(
        'VALIDATION',
        `Key column ${missing.map((k) => `"${k}"`).join(', ')} is missing from dataset "${dataset.name}".`,
        { status: 422, fields: { keys: `Not in "${dataset.name}".` } },
      );
    }
  }
  let table = sources[0].table;
  const columns = [...sources[0].columns];
  for (const source of sources.slice(1)) {
    const suffix = `_${source.dataset.name.replace(/\W+/g, '_')}`;
    const taken = new Set(table.columnNames());
    table =
      how === 'left'
        ? table.join_left(source.table, [keys, keys] as [string[], string[]], undefined, {
            suffix: ['', suffix],
          })
        : table.join(source.table, [keys, keys] as [string[], string[]], undefined, {
            suffix: ['', suffix],
          });
    for (const column of source.columns) {
      if (keys.includes(column.name)) continue;
      const name = taken.has(column.name) ? `${column.name}${suffix}` : column.name;
      columns.push({ ...column, name, originalName: column.name });
    }
  }
  // Keep the arquero column order and the kinds of the sources for the stored schema.
  const byName = new Map(columns.map((column) => [column.name, column]));
  const ordered = table.columnNames().map(
    (name) =>
      byName.get(name) ?? {
        name,
        originalName: name,
        kind: 'categorical' as const,
        detectedKind: 'categorical' as const,
        missing: 0,
        notes: [],
      },
  );
  return { table: table.reify(), columns: ordered, notShared: [] };
}

/** Merges the owner's `datasets` (already checked to be theirs) into a new dataset. */
export async function mergeDatasets(
  ownerId: string,
  datasets: Dataset[],
  options: MergeOptions,
): Promise<MergeResult> {
  const sources: Source[] = [];
  for (const dataset of datasets) {
    const read = await readStoredTable(dataset);
    sources.push({ dataset, table: read.table, columns: schemaOf(dataset).columns });
  }
  const merged =
    options.mode === 'append'
      ? appendTables(sources)
      : joinTables(sources, options.keys, options.how);
  const names = datasets.map((d) => d.name).join(', ');
  const what =
    options.mode === 'append'
      ? `Rows of ${names} appended`
      : `${names} joined on ${options.keys.join(', ')} (${options.how} join)`;
  const unshared = merged.notShared.map((n) => `${n.column} (not in ${n.missingFrom.join(', ')})`);
  const dataset = await storeTable(ownerId, merged.table, {
    name: options.name,
    columns: withMissing(merged.table, merged.columns),
    origin: {
      kind: 'merge',
      note: `${what}: ${merged.table.numRows()} rows.${unshared.length ? ` Columns not shared by every source, empty where absent: ${unshared.join('; ')}.` : ''}`,
    },
  });
  return { dataset, notShared: merged.notShared };
}
