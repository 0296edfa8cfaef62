// Benchmark of the evaluate job's work: score a million rows with a good_quality model.
// Fits good_quality on diamonds' train split (or loads --model), writes the test split repeated
// to --rows rows as a CSV, then times what the job does after loading the model: read the CSV
// with the app's reader, predict, score every model on the leaderboard sample, build the chart
// data, write the scored rows as CSV. Target: 1,000,000 rows within 60 s on 2 cores.
//
//   npm run bench:evaluate -- [--rows 1000000] [--time-limit 120] [--threads N (fit and scoring)]
//                             [--model saved.zip] [--save-model out.zip]

import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { fit, loadPredictor, type Predictor } from '../../lib/automl';
import { readCsvFile } from '../../lib/csv';
import { chartPoints, residualHistogram } from '../../lib/evaluations/chart-data';
import { scoredRowsCsv } from '../../lib/evaluations/rows-csv';
import { scoreTable } from '../../lib/evaluations/score';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'time-limit': { type: 'string', default: '120' },
    threads: { type: 'string' },
    model: { type: 'string' },
    'save-model': { type: 'string' },
  },
});

const sharedDir = [path.resolve('..', 'shared'), '/work/shared'].find((dir) =>
  existsSync(path.join(dir, 'datasets', 'splits', 'diamonds', 'train.csv')),
) as string;
const splits = path.join(sharedDir, 'datasets', 'splits', 'diamonds');

const seconds = (start: number) => (performance.now() - start) / 1000;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function getPredictor(): Promise<Predictor> {
  if (args.model) {
    return loadPredictor(new Uint8Array(readFileSync(args.model)));
  }
  const { table } = await readCsvFile(path.join(splits, 'train.csv'));
  const start = performance.now();
  const predictor = await fit(table, {
    label: 'price',
    preset: 'good_quality',
    timeLimitSec: Number(args['time-limit']),
    threads: args.threads ? Number(args.threads) : undefined,
    seed: 1,
  });
  const members = predictor.leaderboard().filter((row) => row.status === 'ok').length;
  console.log(
    `fit good_quality on diamonds train: ${seconds(start).toFixed(1)} s, ${members} models`,
  );
  if (args['save-model']) writeFileSync(args['save-model'], await predictor.save());
  return predictor;
}

/** The test split's rows repeated (header once) until `rows` data rows. */
function writeReplicated(file: string, rows: number): void {
  const [header, ...lines] = readFileSync(path.join(splits, 'test.csv'), 'utf8')
    .trimEnd()
    .split(/\r?\n/);
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) out.push(lines[i % lines.length]);
  writeFileSync(file, out.join('\r\n') + '\r\n');
}

async function main() {
  const rows = Number(args.rows);
  const predictor = await getPredictor();
  const threadCount = args.threads ? Number(args.threads) : os.availableParallelism();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-evaluate-'));
  try {
    const input = path.join(dir, 'test-replicated.csv');
    writeReplicated(input, rows);
    const load = os.loadavg()[0];
    const began = performance.now();

    let start = performance.now();
    const { table } = await readCsvFile(input, { delimiter: ',', encoding: 'utf-8' });
    const readSec = seconds(start);

    // As the job does: every core for the prediction and the leaderboard.
    start = performance.now();
    const scored = await scoreTable(predictor, table, { threads: threadCount });
    const scoreSec = seconds(start);
    const { y, rows: scoredRows } = scored.label;

    start = performance.now();
    const features = predictor.metadata.features.map((feature) => feature.name);
    chartPoints(table, features, y, scoredRows, scored.predictions);
    residualHistogram(y, scoredRows, scored.predictions);
    const chartSec = seconds(start);

    start = performance.now();
    const output = path.join(dir, 'scored.csv');
    await pipeline(
      Readable.from(scoredRowsCsv(table, scoredRows, y, scored.predictions)),
      createWriteStream(output),
    );
    const writeSec = seconds(start);
    const totalSec = seconds(began);

    const figures = {
      rows: table.numRows(),
      readSec,
      threads: threadCount,
      scoreSec,
      predictSec: scored.predictSec,
      leaderboardSec: scored.leaderboardSec,
      leaderboardRows: scored.leaderboardRows,
      chartSec,
      writeSec,
      totalSec,
      rowsPerSec: table.numRows() / totalSec,
      predictRowsPerSec: table.numRows() / scored.predictSec,
      peakRssMb: peakRssMb(),
      rmse: scored.metrics.rmse,
      cores: os.availableParallelism(),
      loadAverageAtStart: load,
      ensemble: predictor
        .leaderboard()
        .filter((row) => row.ensembleWeight > 0 && row.name !== 'WeightedEnsemble')
        .map((row) => `${row.name} ${row.ensembleWeight.toFixed(2)}`),
    };
    for (const [name, value] of Object.entries(figures)) {
      const text = typeof value === 'number' ? value.toFixed(value < 100 ? 2 : 0) : String(value);
      console.log(`${name.padEnd(20)} ${text}`);
    }
    console.log(
      totalSec <= 60
        ? `within the 60 s target (${totalSec.toFixed(1)} s)`
        : `over the 60 s target: ${totalSec.toFixed(1)} s`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
