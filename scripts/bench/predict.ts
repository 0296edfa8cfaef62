// Benchmark of predictions: the manual fast path (100 rows, after the first load) and a batch of
// many rows (1 million by default: chunked prediction, output table, CSV written to a temporary
// file), with a model fitted here on a reference split or read from a model zip.
//
//   npx tsx scripts/bench/predict.ts [--dataset cars] [--label Miles_per_Gallon] [--model m.zip]
//     [--rows 1000000] [--time-limit 30] [--threads 2]

import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import * as aq from 'arquero';
import { fit, loadPredictor, type Predictor } from '@/lib/automl';
import { csvTextChunks, readCsvFile } from '@/lib/csv';
import { predictRowsWith } from '@/lib/predictions/manual';
import { buildOutput, outputChunks } from '@/lib/predictions/output';
import { predictTable } from '@/lib/predictions/predict';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'cars' },
    label: { type: 'string', default: 'Miles_per_Gallon' },
    model: { type: 'string' },
    rows: { type: 'string', default: '1000000' },
    'time-limit': { type: 'string', default: '30' },
    threads: { type: 'string', default: '2' },
  },
});

const sharedDir = ['../shared', '/work/shared'].find((dir) => require('node:fs').existsSync(dir))!;
const split = (name: string) => path.join(sharedDir, 'datasets', 'splits', args.dataset!, name);
const ms = (began: number) => Math.round(performance.now() - began);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function model(): Promise<{ predictor: Predictor; bytes: Uint8Array }> {
  if (args.model) {
    const bytes = await fs.readFile(args.model);
    return { predictor: await loadPredictor(bytes), bytes };
  }
  const { table } = await readCsvFile(split('train.csv'));
  const began = performance.now();
  const predictor = await fit(table, {
    label: args.label!,
    preset: 'medium_quality',
    timeLimitSec: Number(args['time-limit']),
    seed: 1,
  });
  console.log(`fit ${args.dataset} medium_quality: ${ms(began)} ms`);
  return { predictor, bytes: await predictor.save() };
}

/** The manual path: a cold load of the zip, then 100 rows as JSON would send them, 30 times. */
async function manual(bytes: Uint8Array, test: aq.ColumnTable) {
  let began = performance.now();
  const loaded = await loadPredictor(bytes);
  console.log(`load model zip (${Math.round(bytes.length / 1024)} KB): ${ms(began)} ms`);
  const objects = test.objects({ limit: 100 }) as Record<string, unknown>[];
  const rows = Array.from({ length: 100 }, (_, k) => {
    const row = objects[k % objects.length];
    return Object.fromEntries(
      Object.entries(row).map(([key, v]) => [
        key,
        v === null || v === undefined ? null : String(v),
      ]),
    );
  }) as Record<string, string | null>[];
  const times: number[] = [];
  for (let k = 0; k < 31; k++) {
    began = performance.now();
    await predictRowsWith(loaded, rows);
    if (k > 0) times.push(performance.now() - began);
  }
  console.log(
    `manual predict, 100 rows, warm: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (30 runs)`,
  );
}

/** The batch path on `count` rows repeated from the test split. */
async function batch(predictor: Predictor, test: aq.ColumnTable, count: number) {
  let began = performance.now();
  const n = test.numRows();
  const columns: Record<string, unknown[]> = {};
  for (const name of test.columnNames()) {
    const values = test.array(name) as ArrayLike<unknown>;
    columns[name] = Array.from({ length: count }, (_, k) => values[k % n]);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-predict-'));
  const input = path.join(dir, 'in.csv');
  await pipeline(Readable.from(csvTextChunks(aq.table(columns))), createWriteStream(input));
  console.log(`build ${count.toLocaleString('en-US')} rows as CSV: ${ms(began)} ms`);

  // As the job does: read the stored file (two streamed passes), then predict and write.
  began = performance.now();
  const { table: big } = await readCsvFile(input, { delimiter: ',', encoding: 'utf-8' });
  const readMs = ms(began);
  console.log(`read CSV: ${readMs} ms`);

  began = performance.now();
  // As the job does: on worker threads (threads=0: chunks in this thread, as the web server).
  const threads = Number(args.threads);
  const predicted = await predictTable(predictor, big, threads > 0 ? { threads } : {});
  console.log(`predict on ${threads || 'no'} threads (with value checks): ${ms(began)} ms`);
  const total = performance.now();
  began = performance.now();
  const { table } = buildOutput(big, predictor.parts.pipeline.sources, predictor.label, predicted);
  console.log(`output table + preview + sample: ${ms(began)} ms`);
  began = performance.now();
  const file = path.join(dir, 'out.csv');
  await pipeline(Readable.from(outputChunks(table)), createWriteStream(file));
  const { size } = await fs.stat(file);
  console.log(`write CSV (${Math.round(size / 1e6)} MB): ${ms(began)} ms`);
  await fs.rm(dir, { recursive: true, force: true });
  console.log(`read + predict + output + write: ${readMs + predicted.predictMs + ms(total)} ms`);
}

async function main() {
  console.log(`${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}`);
  const { predictor, bytes } = await model();
  const { table: test } = await readCsvFile(split('test.csv'));
  await manual(bytes, test);
  await batch(predictor, test, Number(args.rows));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
