// The CSV reading library used by dataset upload, the AutoML command line and prediction files.
export { CsvError, type CsvErrorCode } from './errors';
export { csvOptionsSchema, type CsvOptions } from './options';
export { parseCsv } from './parse';
export { normaliseCsvFile, type CsvNormaliseResult } from './normalise';
export { readCsvFile, type CsvReadHooks, type CsvReadProgress } from './read-file';
export { toCsvText, csvTextChunks, type CsvWriteOptions } from './write';
export { MISSING_TOKENS } from './values';
export type { CsvColumn, CsvColumnKind, CsvReadResult, CsvWarning } from './types';
