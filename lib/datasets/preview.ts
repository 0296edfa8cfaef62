// A page of a dataset's rows, read from the start of its stored file and no further than needed.
import Papa from 'papaparse';
import { z } from 'zod';
import type { Dataset } from '@/lib/access';
import { getStorage } from '@/lib/storage';

/** GET /api/datasets/:id/rows query: which rows to show. */
export const rowsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0).describe('First row, 0-based.'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Rows per page.'),
});

export interface RowsPage {
  datasetId: string;
  columns: string[];
  /** Cell text as stored (numbers in plain notation); null for a missing cell. */
  rows: (string | null)[][];
  offset: number;
  totalRows: number;
}

/**
 * Rows `offset` … `offset + limit - 1` of the stored CSV. The stored file is always clean
 * comma-separated UTF-8, so a plain parse of its stream is exact; reading stops after the page.
 * Later pages cost a scan up to them, which is fine for browsing but not for random access.
 */
export async function readRows(dataset: Dataset, offset: number, limit: number): Promise<RowsPage> {
  const stream = (await getStorage().get(dataset.storageKey)) as NodeJS.ReadableStream & {
    destroy?: () => void;
  };
  let columns: string[] = [];
  const rows: (string | null)[][] = [];
  let index = -1;

  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter: ',',
      newline: '\r\n',
      skipEmptyLines: false,
      step: (result, parser) => {
        if (index++ === -1) columns = result.data;
        else if (index - 1 >= offset && index - 1 < dataset.rowCount) {
          rows.push(result.data.map((cell) => (cell === '' ? null : cell)));
          if (rows.length >= limit) parser.abort();
        } else if (index - 1 >= dataset.rowCount) {
          // The final CRLF leaves one empty record behind.
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: (error: unknown) => reject(error),
    });
  });
  stream.destroy?.();
  return { datasetId: dataset.id, columns, rows, offset, totalRows: dataset.rowCount };
}
