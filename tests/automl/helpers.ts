// Test helpers: locating the shared data and reading CSVs as plain string tables (as a user typed them).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { columnTable, type TableLike } from '@/lib/automl/table';

/** The shared folder: ../shared beside the repo, else /work/shared. */
export function sharedDir(): string {
  const sibling = path.resolve(__dirname, '../../../shared');
  return existsSync(sibling) ? sibling : '/work/shared';
}

/** A file under the shared folder. */
export function sharedPath(...parts: string[]): string {
  return path.join(sharedDir(), ...parts);
}

/** Reads a CSV into a table of strings, blank cells as null, so the engine does all the parsing. */
export function readCsvAsText(file: string): TableLike {
  const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const columns: Record<string, (string | null)[]> = {};
  header.forEach((name, j) => {
    columns[name] = rows.map((row) => (row[j] === undefined || row[j] === '' ? null : row[j]));
  });
  return columnTable(columns);
}

/** The folder of a shared case by its number, e.g. caseDir(10). */
export function caseFile(caseNumber: number, file: string): string {
  const dir = path.join(sharedDir(), 'cases');
  const prefix = `${String(caseNumber).padStart(2, '0')}_`;
  const name = require('node:fs')
    .readdirSync(dir)
    .find((d: string) => d.startsWith(prefix));
  return path.join(dir, name, file);
}
