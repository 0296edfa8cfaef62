// A clean copy of a CSV file, streamed: what readCsvFile + csvTextChunks write, without the table.
import type { Writable } from 'node:stream';
import type { ParseResult } from 'papaparse';
import { cellWriter, csvCell, type CellWriter } from './convert';
import type { CsvOptions } from './options';
import type { ReadPlan } from './passes';
import { openCsvFile, profileFile, streamPass, type CsvReadHooks } from './read-file';
import { RowFeeder } from './rows';
import type { CsvReadResult } from './types';

/** What `normaliseCsvFile` found and wrote: `readCsvFile`'s result without the table. */
export interface CsvNormaliseResult extends Omit<CsvReadResult, 'table'> {
  /** Rows written (data rows, the header not counted). */
  rowCount: number;
  /**
   * Rows left out because their only cell is missing: a one-column CSV cannot hold an empty
   * cell (its blank line would be read back as no row). Always 0 for files of 2+ columns.
   */
  droppedEmptyRows: number;
}

/**
 * Reads the CSV file at `path` in two streamed passes and writes a clean copy to `out`: UTF-8,
 * comma-separated, CRLF records, '.' decimals, numbers in plain notation, missing cells empty,
 * the final header names — the same text `csvTextChunks(readCsvFile(path).table)` gives.
 *
 * The first pass keeps only per-column counters (kinds, missing counts, notes); the second
 * converts and writes the rows chunk by chunk, waiting for `out` to drain, so memory stays near
 * one parser chunk whatever the file's size. Errors are `readCsvFile`'s, all raised by the first
 * pass, before anything is written. `out` is neither ended nor destroyed here: the caller ends
 * it on success and destroys it on failure (so a storage write is dropped).
 */
export async function normaliseCsvFile(
  path: string,
  out: Writable,
  options?: CsvOptions,
  hooks: CsvReadHooks = {},
): Promise<CsvNormaliseResult> {
  const { read, dialect } = await openCsvFile(path, options, hooks);
  const { first, warnings } = await profileFile(read, dialect, false);
  const plan = first.plan(warnings);

  const writer = new NormalisedWriter(plan, out);
  const feeder = new RowFeeder(writer, read.opts, plan.dialect.newline);
  const feed = (result: ParseResult<string[]>) => {
    feeder.feed(result);
    writer.flush();
  };
  const gate = () => (out.destroyed || out.writableNeedDrain ? drained(out) : undefined);
  await streamPass(read, plan.dialect, 2, feed, gate);
  writer.flush();
  return writer.result();
}

/** Resolves on the stream's next 'drain'; rejects when it fails or closes first. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) {
    return Promise.reject(out.errored ?? new Error('output closed before the copy was written'));
  }
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () =>
      done(out.errored ?? new Error('output closed before the copy was written'));
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

/** Second pass of the copy: converts each row and writes whole parser chunks of text. */
class NormalisedWriter {
  private readonly cells: CellWriter[];
  private readonly oneColumn: boolean;
  private text = '';
  private rows = 0;
  private dropped = 0;

  constructor(
    private readonly plan: ReadPlan,
    private readonly out: Writable,
  ) {
    this.cells = plan.plans.map((p, i) => cellWriter(p, plan.columns[i].name, plan.decimal));
    this.oneColumn = plan.columns.length === 1;
  }

  header(): void {
    this.text += this.plan.columns.map((column) => csvCell(column.name)).join(',') + '\r\n';
  }

  row(cells: string[], line: number): void {
    const writers = this.cells;
    if (this.oneColumn) {
      const value = writers[0].write(cells[0], line);
      if (value === null) return void this.dropped++;
      this.text += value + '\r\n';
      this.rows++;
      return;
    }
    let text = writers[0].write(cells[0], line) ?? '';
    for (let i = 1; i < writers.length; i++) text += ',' + (writers[i].write(cells[i], line) ?? '');
    this.text += text + '\r\n';
    this.rows++;
  }

  /** Hands the text converted so far to the output. */
  flush(): void {
    if (this.text === '') return;
    this.out.write(this.text);
    this.text = '';
  }

  result(): CsvNormaliseResult {
    const { plan } = this;
    const columns = plan.columns.map((column, i) => ({
      ...column,
      // The dropped rows were this (only) column's missing cells.
      missing: this.oneColumn ? 0 : this.cells[i].missing,
    }));
    return {
      columns,
      rowCount: this.rows,
      droppedEmptyRows: this.dropped,
      delimiter: plan.dialect.delimiter,
      decimal: plan.decimal,
      encoding: plan.dialect.encoding,
      warnings: [...plan.warnings, ...this.cells.flatMap((c) => c.warnings)],
    };
  }
}
