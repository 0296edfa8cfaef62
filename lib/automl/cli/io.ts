// File input and output for the command-line tool: CSV tables in and out, model files, stderr notes.

import { readFile, writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { readCsvFile, type CsvReadResult } from '../../csv';
import type { TableLike } from '../table';

/** Writes one line to stderr (progress, notices): stdout stays clean for results. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Reads a CSV with the app's reader, echoing its warnings to stderr. */
export async function readTable(path: string): Promise<CsvReadResult> {
  const result = await readCsvFile(path);
  for (const warning of result.warnings) note(`warning: ${path}: ${warning.message}`);
  return result;
}

/** Writes `table`'s columns plus `extra` columns as CSV (blank for missing values). */
export async function writeTable(
  path: string,
  table: TableLike,
  extra: Record<string, ArrayLike<number>>,
): Promise<void> {
  const names = table.columnNames();
  const columns = names.map((name) => table.array(name));
  const extraColumns = Object.values(extra);
  const data: unknown[][] = new Array(table.numRows());
  for (let i = 0; i < data.length; i++) {
    const row = columns.map((values) => cell(values[i]));
    for (const values of extraColumns) row.push(cell(values[i]));
    data[i] = row;
  }
  const text = Papa.unparse({ fields: [...names, ...Object.keys(extra)], data }, { newline: '\n' });
  await writeFile(path, `${text}\n`);
}

function cell(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Reads a whole file as bytes (model files). */
export async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

/** JSON with NaN and infinities as null, which JSON cannot hold. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v,
  );
}
