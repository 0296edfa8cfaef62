// Reading a CSV file as a stream: raw text in memory stays near one chunk, whatever the file size.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import {
  assertText,
  createDecoder,
  findInvalidUtf8,
  invalidUtf8Error,
  latin1Warning,
  type BadByte,
  type CsvEncoding,
} from './encoding';
import { CsvError } from './errors';
import { resolveCsvOptions, type CsvOptions, type ResolvedCsvOptions } from './options';
import { detectDialect, papaConfig } from './parse';
import { lineEndFolder } from './dialect';
import { FirstPass, SecondPass, type Dialect } from './passes';
import type { CsvReadResult, CsvWarning } from './types';

/** Raised inside the decoding stream when a chunk is not UTF-8; carries the file offset. */
class NotUtf8 extends Error {
  constructor(readonly offset: number) {
    super(`not valid UTF-8 near byte ${offset}`);
  }
}

/**
 * Progress of `readCsvFile`: each pass reads the whole file once. Pass 2 is skipped when every
 * column is numeric (with decimal points): the first pass already holds the numbers.
 */
export interface CsvReadProgress {
  pass: 1 | 2;
  bytesRead: number;
  sizeBytes: number;
}

/** Optional hooks for long reads (background jobs). */
export interface CsvReadHooks {
  /** Aborting rejects the read with the signal's reason at the next chunk. */
  signal?: AbortSignal;
  /** Called at most once per percent of the file, per pass. */
  onProgress?: (progress: CsvReadProgress) => void;
}

/** One read of one file: what every pass needs. */
export interface FileRead {
  path: string;
  sizeBytes: number;
  opts: ResolvedCsvOptions;
  hooks: CsvReadHooks;
}

/**
 * Reads a CSV file in two streamed passes (profile, then build). Same result and errors as
 * `parseCsv`. A file that is not valid UTF-8 is read again as Latin-1, with a warning.
 */
export async function readCsvFile(
  path: string,
  options?: CsvOptions,
  hooks: CsvReadHooks = {},
): Promise<CsvReadResult> {
  const { read, dialect } = await openCsvFile(path, options, hooks);
  const { first, warnings } = await profileFile(read, dialect, true);
  const plan = first.plan(warnings);

  const second = new SecondPass(plan, read.opts);
  if (plan.needsSecondPass) await streamPass(read, plan.dialect, 2, second.feed);
  return second.result();
}

/** Checks that the file is text and detects its dialect from its first `sampleBytes`. */
export async function openCsvFile(
  path: string,
  options: CsvOptions | undefined,
  hooks: CsvReadHooks,
): Promise<{ read: FileRead; dialect: Dialect }> {
  const opts = resolveCsvOptions(options);
  const { size } = await stat(path);
  if (size === 0) throw new CsvError('EMPTY_FILE', 'file is empty (0 bytes)');
  const head = await readHead(path, opts.sampleBytes);
  assertText(head);
  const read: FileRead = { path, sizeBytes: size, opts, hooks };
  // Latin-1 decoding never fails and keeps ASCII intact, which is all dialect detection needs.
  const sample = createDecoder('latin1')(head);
  const dialect = detectDialect(sample, size <= opts.sampleBytes, opts.encoding ?? 'utf-8', opts);
  return { read, dialect };
}

/**
 * First pass, restarted as Latin-1 when the file turns out not to be UTF-8. `keepNumbers` keeps
 * the numbers of numeric columns for the table; readers that build no table pass false.
 */
export async function profileFile(
  read: FileRead,
  dialect: Dialect,
  keepNumbers: boolean,
): Promise<{ first: FirstPass; warnings: CsvWarning[] }> {
  const first = new FirstPass(dialect, read.opts, keepNumbers);
  try {
    await streamPass(read, dialect, 1, first.feed);
    return { first, warnings: [] };
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    const bad = await locateFileByte(read.path, error.offset);
    if (read.opts.encoding === 'utf-8') throw invalidUtf8Error(bad, error);
    const latin1: Dialect = { ...dialect, encoding: 'latin1' };
    const retry = new FirstPass(latin1, read.opts, keepNumbers);
    await streamPass(read, latin1, 1, retry.feed);
    return { first: retry, warnings: [latin1Warning(bad)] };
  }
}

/**
 * Streams the decoded file through papaparse; resolves when done, rejects on the first error.
 * `gate`, when given, is awaited before each chunk is read: a writer fed by `feed` uses it to
 * hold the reading back until its output has drained.
 */
export function streamPass(
  read: FileRead,
  dialect: Dialect,
  pass: 1 | 2,
  feed: (result: Papa.ParseResult<string[]>) => void,
  gate?: () => Promise<void> | undefined,
): Promise<void> {
  const input = Readable.from(decodeFile(read, dialect, pass, gate));
  return new Promise((resolve, reject) => {
    let failure: unknown;
    Papa.parse<string[]>(input as unknown as File, {
      ...papaConfig(dialect, read.opts),
      chunk: (result, parser) => {
        if (failure) return;
        try {
          feed(result);
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete: () => (input.destroy(), failure ? reject(failure) : resolve()),
      error: (error: unknown) => (input.destroy(), reject(failure ?? error)),
    });
  });
}

/**
 * Decoded text chunks of a file; throws NotUtf8 at the first chunk that is not UTF-8, NOT_TEXT at
 * a NUL byte, and the abort reason once the signal is aborted. Reports progress on the way.
 */
async function* decodeFile(
  { path, sizeBytes, opts, hooks }: FileRead,
  { encoding, newline }: Dialect,
  pass: 1 | 2,
  gate?: () => Promise<void> | undefined,
) {
  const decode = createDecoder(encoding);
  const fold = lineEndFolder(newline);
  const report = progressReporter(hooks, pass, sizeBytes);
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: opts.chunkBytes })) {
    await gate?.();
    hooks.signal?.throwIfAborted();
    const bytes = chunk as Buffer;
    assertText(bytes, offset);
    try {
      const text = fold(decode(bytes));
      if (text) yield text;
    } catch {
      throw new NotUtf8(offset + Math.max(0, findInvalidUtf8(bytes)));
    }
    offset += bytes.length;
    report(offset);
  }
  try {
    const rest = fold(decode(), true);
    if (rest) yield rest;
  } catch {
    throw new NotUtf8(Math.max(0, offset - 1));
  }
}

/** Calls `onProgress` when the share of the file read grows by at least one percent. */
function progressReporter(hooks: CsvReadHooks, pass: 1 | 2, sizeBytes: number) {
  let lastPercent = -1;
  return (bytesRead: number) => {
    const percent = Math.floor((100 * bytesRead) / sizeBytes);
    if (!hooks.onProgress || percent === lastPercent) return;
    lastPercent = percent;
    hooks.onProgress({ pass, bytesRead, sizeBytes });
  };
}

/** The first `length` bytes of a file (fewer when the file is shorter). */
async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The byte at `offset` and its line, counted chunk by chunk: the bad byte may be deep in a large
 * file, and counting lines on every chunk of every read would cost more than this rare re-read.
 */
async function locateFileByte(path: string, offset: number): Promise<BadByte> {
  let line = 1;
  let start = 0;
  for await (const chunk of createReadStream(path, { end: offset })) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(10); i !== -1 && start + i < offset; i = bytes.indexOf(10, i + 1)) {
      line++;
    }
    start += bytes.length;
    if (start > offset) return { byte: bytes[offset - (start - bytes.length)], line };
  }
  return { byte: 0, line };
}
