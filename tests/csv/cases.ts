// Test helper: locates the shared case files and reads them through both entry points.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, readCsvFile, type CsvReadResult } from '@/lib/csv';
import type { CsvOptions } from '@/lib/csv';

/** `../shared/cases` beside the clone (as in CI), else the machine-wide copy. */
export const casesDir = [
  path.resolve(__dirname, '../../../shared/cases'),
  '/work/shared/cases',
].find((dir) => existsSync(dir))!;

/** Absolute path of a case file, e.g. `caseFile('01_delimiter_dialects', 'x.csv')`. */
export function caseFile(folder: string, name: string): string {
  return path.join(casesDir, folder, name);
}

/** The two ways to read a file; every case must behave the same through both. */
export const readers: [string, (file: string, options?: CsvOptions) => Promise<CsvReadResult>][] = [
  ['parseCsv', async (file, options) => parseCsv(readFileSync(file), options)],
  ['readCsvFile', (file, options) => readCsvFile(file, options)],
];

/** A column's values as a plain array. */
export function values(result: CsvReadResult, name: string): unknown[] {
  return Array.from(result.table.array(name) as ArrayLike<unknown>);
}

/** Mean of a numeric column's non-null values. */
export function mean(result: CsvReadResult, name: string): number {
  const present = values(result, name).filter((v): v is number => typeof v === 'number');
  return present.reduce((a, b) => a + b, 0) / present.length;
}

/** The column description by name. */
export function column(result: CsvReadResult, name: string) {
  const found = result.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column '${name}' in ${result.columns.map((c) => c.name)}`);
  return found;
}
