// Options of the CSV reader: one schema with defaults, limits and what each field means.
import { z } from 'zod';

/** Options accepted by `parseCsv` and `readCsvFile`; every field is optional. */
export const csvOptionsSchema = z.object({
  delimiter: z
    .enum([',', ';', '\t', '|'])
    .optional()
    .describe('Field delimiter; detected from the first lines when absent.'),
  decimal: z
    .enum(['.', ','])
    .optional()
    .describe("Decimal mark; detected from the values when absent (',' only for non-comma files)."),
  encoding: z
    .enum(['utf-8', 'latin1'])
    .optional()
    .describe('Text encoding; UTF-8 when valid, otherwise Windows-1252 (Latin-1) with a warning.'),
  kinds: z
    .record(z.string(), z.enum(['numeric', 'categorical', 'boolean', 'datetime', 'text']))
    .optional()
    .describe(
      "Kinds chosen by the user (or a model's training schema), by final column name; they " +
        'replace the detected kinds. Names the file lacks are ignored.',
    ),
  missingNumbers: z
    .enum(['null', 'nan'])
    .default('null')
    .describe(
      "How numeric columns hold missing cells: 'null' (an array with null, a Float64Array only " +
        "when nothing is missing) or 'nan' (always a Float64Array, NaN for missing: 8 bytes a " +
        'cell, for readers that only compute, such as the profile).',
    ),
  maxColumns: z
    .number()
    .int()
    .min(1)
    .default(5000)
    .describe('Files with more columns are refused.'),
  maxRows: z
    .number()
    .int()
    .min(1)
    .default(50_000_000)
    .describe('Files with more data rows are refused.'),
  raggedRows: z
    .enum(['error', 'skip'])
    .default('error')
    .describe(
      'Rows whose field count differs from the header: refuse the file, or skip them with a warning.',
    ),
  maxListedLines: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('How many offending lines an error or warning names.'),
  sampleBytes: z
    .number()
    .int()
    .min(1024)
    .default(64 * 1024)
    .describe('Leading bytes from which the delimiter and record terminator are detected.'),
  chunkBytes: z
    .number()
    .int()
    .min(1024)
    .default(64 * 1024)
    .describe(
      "Bytes per parser chunk. Small chunks let each chunk's row arrays die young: with 1 MiB " +
        'chunks a 2M-row file took 70% more CPU, mostly garbage collection.',
    ),
});

/** Options as a caller writes them. */
export type CsvOptions = z.input<typeof csvOptionsSchema>;

/** Options after defaults are applied. */
export type ResolvedCsvOptions = z.output<typeof csvOptionsSchema>;

/** Applies defaults; a bad option throws a zod error that names the field. */
export function resolveCsvOptions(options: CsvOptions = {}): ResolvedCsvOptions {
  return csvOptionsSchema.parse(options);
}
