// Benchmark of the AutoML engine on the shared fixed splits, next to the peer figures in their README.
// Each dataset runs in its own child process so that peak memory is that dataset's alone.
//
//   npm run bench:automl -- [--datasets cars,diamonds] [--preset good_quality] [--models linear,gbdt]
//                           [--peer-columns] [--time-limit SEC] [--threads N] [--seed N | --seeds 0-5]
//                           [--no-predict] [--no-stacking-check]
// --peer-columns drops the columns the peers dropped (bracketed in the README) for a like-for-like
// comparison; by default every column is used, as the app does. --seeds fits once per seed (a
// range or a list) and prints each model's mean test RMSE with its range: on cars' 80 test rows
// one seed's figure moves by several percent from seed to seed. --no-predict leaves out the timing
// of 100,000 predictions (a minute per seed with best_quality). --no-stacking-check fits a stacking
// preset's level 2 without first checking that it helps (dynamicStacking: false). The table's
// validation RMSE is out of fold for bagged presets: what chose the ensemble.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fit, type FitOptions, type Predictor, type TableLike } from '../../lib/automl';
import { gbdtFamily } from '../../lib/automl/gbdt';
import { readCsvFile } from '../../lib/csv';

const LABELS: Record<string, string> = {
  cars: 'Miles_per_Gallon',
  college_distance: 'score',
  txhousing: 'median',
  diamonds: 'price',
};

interface ModelFigure {
  name: string;
  testRmse: number | null;
  /** Smallest and largest test RMSE over the seeds (with --seeds). */
  testRmseRange?: [number, number];
  /** RMSE on the validation rows (out of fold when bagged), which chose the ensemble. */
  validationRmse: number | null;
  fitSec: number;
  peakRssMb: number;
  status: string;
}

interface DatasetFigures {
  dataset: string;
  rows: number;
  /** Seeds averaged (with --seeds). */
  seeds?: number[];
  models: ModelFigure[];
  fitSec: number;
  /** CPU seconds of the process (every thread) during the fit over its wall seconds: 2 = two cores busy. */
  cpuUtilisation: number;
  peakRssMb: number;
  predict100kSec: number;
  /** The same rows through predictAsync on worker threads, as the app's jobs predict. */
  predict100kThreadsSec: number;
  fixedGbdtSec?: number;
}

const repoRoot = path.resolve(__dirname, '../..');
const sharedDir = existsSync(path.resolve(repoRoot, '../shared'))
  ? path.resolve(repoRoot, '../shared')
  : '/work/shared';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string' },
    models: { type: 'string' },
    preset: { type: 'string' },
    threads: { type: 'string' },
    'peer-columns': { type: 'boolean', default: false },
    'no-predict': { type: 'boolean', default: false },
    'no-stacking-check': { type: 'boolean', default: false },
    'time-limit': { type: 'string' },
    seed: { type: 'string', default: '0' },
    seeds: { type: 'string' },
    child: { type: 'string' },
  },
});

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** Fits one dataset and measures it; runs inside the child process. */
async function measure(dataset: string): Promise<DatasetFigures> {
  const dir = path.join(sharedDir, 'datasets/splits', dataset);
  const label = LABELS[dataset];
  const dropped = values['peer-columns'] ? peerDroppedColumns(dataset) : [];
  const train = withoutColumns((await readCsvFile(path.join(dir, 'train.csv'))).table, dropped);
  const test = withoutColumns((await readCsvFile(path.join(dir, 'test.csv'))).table, dropped);

  // Memory is sampled from the progress callback, which learners (in every thread) call often;
  // messages start with the model's name. Models fit at the same time share the process's RSS, so
  // a model's peak includes whatever ran beside it; the child's maxRSS covers the gaps.
  const peaks = new Map<string, number>();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const predictor = await fit(train, {
    label,
    preset: values.preset as FitOptions['preset'],
    models: values.models?.split(','),
    threads: values.threads ? Number(values.threads) : undefined,
    timeLimitSec: values['time-limit'] ? Number(values['time-limit']) : undefined,
    seed: Number(values.seed),
    dynamicStacking: !values['no-stacking-check'],
    onProgress: (_fraction, message) => {
      const current = message.split(' ')[0];
      peaks.set(current, Math.max(peaks.get(current) ?? 0, rssMb()));
    },
  });
  const fitSec = (performance.now() - start) / 1000;
  // process.cpuUsage counts every thread of the process, worker threads included.
  const cpu = process.cpuUsage(cpuStart);
  const cpuUtilisation = (cpu.user + cpu.system) / 1e6 / fitSec;
  const board = predictor.leaderboard(test);
  const models = board.map((row) => ({
    name: row.name,
    testRmse: row.testRmse ?? null,
    validationRmse: row.validationRmse,
    fitSec: row.fitSec,
    peakRssMb: peaks.get(row.name) ?? NaN,
    status: row.reason ? `${row.status}: ${row.reason}` : row.status,
  }));
  const figures: DatasetFigures = {
    dataset,
    rows: train.numRows(),
    models,
    fitSec,
    cpuUtilisation,
    peakRssMb: 0,
    predict100kSec: values['no-predict'] ? NaN : timePredict(predictor, test),
    predict100kThreadsSec: values['no-predict'] ? NaN : await timePredictThreads(predictor, test),
  };
  if (dataset === 'diamonds' && (values.models ?? 'gbdt').includes('gbdt')) {
    figures.fixedGbdtSec = timeFixedGbdt(predictor, train);
  }
  figures.peakRssMb = Math.max(rssMb(), process.resourceUsage().maxRSS / 1024);
  return figures;
}

// 100,000 rows: the test rows over and over.
function hundredThousandRows(test: TableLike): TableLike {
  const n = 100_000;
  const columns: Record<string, unknown[]> = {};
  for (const name of test.columnNames()) {
    const source = test.array(name);
    columns[name] = Array.from({ length: n }, (_, i) => source[i % source.length]);
  }
  return {
    numRows: () => n,
    columnNames: () => Object.keys(columns),
    array: (name) => columns[name],
  };
}

function timePredict(predictor: Predictor, test: TableLike): number {
  const table = hundredThousandRows(test);
  const start = performance.now();
  predictor.predict(table);
  return (performance.now() - start) / 1000;
}

// Thread start-up included, as a job pays it.
async function timePredictThreads(predictor: Predictor, test: TableLike): Promise<number> {
  const table = hundredThousandRows(test);
  const start = performance.now();
  await predictor.predictAsync(table, {
    threads: values.threads ? Number(values.threads) : undefined,
  });
  return (performance.now() - start) / 1000;
}

// The issue's speed target: 100 rounds, 31 leaves, 255 bins, no early stopping, on the train split.
function timeFixedGbdt(predictor: Predictor, train: TableLike): number {
  const { X } = predictor.parts.pipeline.transform(train, true);
  const labels = train.array(LABELS.diamonds);
  const y = Float64Array.from({ length: train.numRows() }, (_, i) => Number(labels[i]));
  const start = performance.now();
  gbdtFamily.fit(
    { X, y },
    undefined,
    { numRounds: 100, numLeaves: 31, maxBins: 256, earlyStoppingRounds: 0 },
    { seed: 0 },
  );
  return (performance.now() - start) / 1000;
}

function withoutColumns(
  table: import('arquero').ColumnTable,
  names: string[],
): import('arquero').ColumnTable {
  return names.length === 0
    ? table
    : table.select(table.columnNames().filter((c) => !names.includes(c)));
}

/** Peer figures per dataset from the README table; bracketed names are the dropped columns. */
function peerTable(): Map<string, { header: string[]; cells: string[]; dropped: string[] }> {
  const text = readFileSync(path.join(sharedDir, 'datasets/README.md'), 'utf8');
  const lines = text.split('\n').filter((line) => line.startsWith('| '));
  const headerLine = lines.find((line) => line.includes('LightGBM'));
  const header = headerLine ? cellsOf(headerLine).slice(1) : [];
  const out = new Map<string, { header: string[]; cells: string[]; dropped: string[] }>();
  for (const line of lines) {
    const [first, ...cells] = cellsOf(line);
    const match = /^(\w+)(?: \[(.*)\])?$/.exec(first);
    if (match && LABELS[match[1]] && cells.length === header.length) {
      out.set(match[1], {
        header,
        cells,
        dropped: match[2] ? match[2].split(',').map((s) => s.trim()) : [],
      });
    }
  }
  return out;
}

function cellsOf(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function peerDroppedColumns(dataset: string): string[] {
  return peerTable().get(dataset)?.dropped ?? [];
}

function report(all: DatasetFigures[]): void {
  const peers = peerTable();
  const fmt = (x: number | null, digits = 4) =>
    x === null || !Number.isFinite(x) ? '-' : x.toPrecision(digits);
  for (const figures of all) {
    const peer = peers.get(figures.dataset);
    console.log(
      `\n## ${figures.dataset} (${figures.rows} training rows${values['peer-columns'] ? ', peer columns' : ', all columns'}, ${values.preset ?? 'medium_quality'}${values['time-limit'] ? `, limit ${values['time-limit']} s` : ''})`,
    );
    const seeds = figures.seeds;
    if (seeds) console.log(`means over seeds ${seeds.join(', ')}; test RMSE range in brackets`);
    console.log('| model | test RMSE | validation RMSE | fit s | peak RSS MB | status |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const m of figures.models) {
      const range = m.testRmseRange
        ? ` (${fmt(m.testRmseRange[0])}–${fmt(m.testRmseRange[1])})`
        : '';
      console.log(
        `| ${m.name} | ${fmt(m.testRmse)}${range} | ${fmt(m.validationRmse)} | ${m.fitSec.toFixed(2)} | ${fmt(m.peakRssMb, 3)} | ${m.status} |`,
      );
    }
    // NaN (not timed) comes through JSON as null.
    const predicted =
      figures.predict100kSec === null || Number.isNaN(figures.predict100kSec)
        ? 'not timed'
        : `${figures.predict100kSec.toFixed(3)} s (${figures.predict100kThreadsSec.toFixed(3)} s on threads)`;
    console.log(
      `whole fit: ${figures.fitSec.toFixed(2)} s at ${(figures.cpuUtilisation * 100).toFixed(0)}% CPU (${os.availableParallelism()} cores; load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}), peak RSS ${figures.peakRssMb.toFixed(0)} MB; predict 100,000 rows: ${predicted}`,
    );
    if (figures.fixedGbdtSec !== undefined) {
      console.log(
        `gbdt alone, 100 rounds / 31 leaves / 255 bins: ${figures.fixedGbdtSec.toFixed(2)} s (LightGBM about 0.4 s)`,
      );
    }
    if (peer)
      console.log(`peers: ${peer.header.map((h, i) => `${h} ${peer.cells[i]}`).join(' · ')}`);
  }
}

/** "0-5" or "0,3,7" as a list of seeds. */
function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const seeds = range
    ? Array.from(
        { length: Number(range[2]) - Number(range[1]) + 1 },
        (_, k) => Number(range[1]) + k,
      )
    : text.split(',').map(Number);
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) {
    throw new Error(`--seeds ${text}: give a range such as 0-5 or a list such as 0,1,2`);
  }
  return seeds;
}

/**
 * A model's statuses over the runs, by kind: the status and the start of its reason, whose figures
 * differ from seed to seed ("ok in 3 of 5 seeds; skipped: left out by the stacking check in 2").
 */
function statusOfRuns(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) {
    const kind = status.split(':').slice(0, 2).join(':');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  if (counts.size === 1) return statuses.length === 1 ? statuses[0] : [...counts.keys()][0];
  return [...counts]
    .map(
      ([kind, count], k) => `${kind} in ${count}${k === 0 ? ` of ${statuses.length} seeds` : ''}`,
    )
    .join('; ');
}

/** One figure per model and measure: means over the runs (peaks: the largest). */
function meanOfRuns(runs: DatasetFigures[], seeds: number[]): DatasetFigures {
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const models = runs[0].models.map((first) => {
    const rows = runs.flatMap((run) => run.models.filter((m) => m.name === first.name));
    const scores = rows.flatMap((m) => (m.testRmse === null ? [] : [m.testRmse]));
    const validations = rows.flatMap((m) => (m.validationRmse === null ? [] : [m.validationRmse]));
    return {
      name: first.name,
      testRmse: scores.length > 0 ? mean(scores) : null,
      testRmseRange:
        scores.length > 0
          ? ([Math.min(...scores), Math.max(...scores)] as [number, number])
          : undefined,
      validationRmse: validations.length > 0 ? mean(validations) : null,
      fitSec: mean(rows.map((m) => m.fitSec)),
      // NaN (no sample) came through JSON as null.
      peakRssMb: Math.max(...rows.map((m) => m.peakRssMb ?? NaN)),
      status: statusOfRuns(rows.map((m) => m.status)),
    };
  });
  const fixed = runs.flatMap((run) => (run.fixedGbdtSec === undefined ? [] : [run.fixedGbdtSec]));
  return {
    dataset: runs[0].dataset,
    rows: runs[0].rows,
    seeds,
    models,
    fitSec: mean(runs.map((run) => run.fitSec)),
    cpuUtilisation: mean(runs.map((run) => run.cpuUtilisation)),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    // NaN (not timed) came through JSON as null.
    predict100kSec: mean(runs.map((run) => run.predict100kSec ?? NaN)),
    predict100kThreadsSec: mean(runs.map((run) => run.predict100kThreadsSec ?? NaN)),
    ...(fixed.length > 0 ? { fixedGbdtSec: mean(fixed) } : {}),
  };
}

async function main(): Promise<void> {
  if (values.child) {
    process.stdout.write(JSON.stringify(await measure(values.child)));
    return;
  }
  const available = readdirSync(path.join(sharedDir, 'datasets/splits')).filter((d) => LABELS[d]);
  const wanted = values.datasets ? values.datasets.split(',') : available;
  const unknown = wanted.filter((d) => !available.includes(d));
  if (unknown.length > 0)
    throw new Error(`unknown datasets: ${unknown.join(', ')} (have ${available.join(', ')})`);
  const own = ['--datasets', '--seeds', '--seed'];
  const passThrough = process.argv
    .slice(2)
    .filter((arg, i, args) => !own.includes(arg) && !own.includes(args[i - 1]));
  const seeds = values.seeds ? parseSeeds(values.seeds) : [Number(values.seed)];
  const all: DatasetFigures[] = [];
  for (const dataset of wanted) {
    const runs: DatasetFigures[] = [];
    for (const seed of seeds) {
      process.stderr.write(`fitting ${dataset}${seeds.length > 1 ? ` (seed ${seed})` : ''}…\n`);
      const output = execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          __filename,
          ...passThrough,
          '--seed',
          String(seed),
          '--child',
          dataset,
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 16 * 2 ** 20,
        },
      );
      runs.push(JSON.parse(output));
    }
    all.push(runs.length === 1 ? runs[0] : meanOfRuns(runs, seeds));
  }
  report(all);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
