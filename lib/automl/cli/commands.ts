// The command-line tool's three commands: fit, predict and evaluate.

import { writeFile } from 'node:fs/promises';
import { AutoMLError } from '../errors';
import { fit, type FitOptions } from '../fit';
import { loadPredictor } from '../index';
import type { LeaderboardRow } from '../predictor';
import { note, readBytes, readTable, toJson, writeTable } from './io';

/** Options of `fit`, as parsed from the command line. */
export interface FitCommand {
  train: string;
  label: string;
  features?: string[];
  models?: string[];
  /** A preset name; fit's schema refuses unknown ones, listing the known. */
  preset?: string;
  /** rmse, mae or r2; fit's schema refuses others. */
  evalMetric?: string;
  threads?: number;
  timeLimitSec?: number;
  seed?: number;
  out: string;
}

/** Fits on a CSV and writes the model file. */
export async function fitCommand(options: FitCommand): Promise<void> {
  const { table, warnings } = await readTable(options.train);
  // The CSV reader turns infinite cells into missing ones; for the label that would silently drop
  // rows, so an infinite label stops the fit here as it does in the engine.
  const infinite = warnings.find((w) => w.code === 'NON_FINITE' && w.column === options.label);
  if (infinite) {
    throw new AutoMLError(
      'LABEL_NOT_FINITE',
      `label column '${options.label}' must hold finite numbers: ${infinite.message}`,
    );
  }
  let lastPercent = -1;
  const predictor = await fit(table, {
    label: options.label,
    features: options.features,
    models: options.models,
    preset: options.preset as FitOptions['preset'],
    evalMetric: options.evalMetric as FitOptions['evalMetric'],
    threads: options.threads,
    timeLimitSec: options.timeLimitSec,
    seed: options.seed,
    onProgress: (fraction, message) => {
      const percent = Math.floor(fraction * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      note(`fit ${String(percent).padStart(3)}%  ${message}`);
    },
  });
  for (const warning of predictor.metadata.warnings) note(`warning: ${warning.message}`);
  for (const column of predictor.metadata.dropped) note(`dropped column: ${column.message}`);
  if (predictor.metadata.droppedLabelRows > 0) {
    note(
      `${predictor.metadata.droppedLabelRows} rows with a missing '${options.label}' were skipped`,
    );
  }
  printLeaderboard(predictor.leaderboard());
  await writeFile(options.out, await predictor.save());
  note(`model written to ${options.out}`);
}

/** Predicts a CSV and writes its columns plus `<label>_predicted`. */
export async function predictCommand(options: { model: string; data: string; out: string }) {
  const predictor = await loadPredictor(await readBytes(options.model));
  const { table } = await readTable(options.data);
  const { predictions, warnings } = predictor.predict(table);
  for (const warning of warnings) note(`warning: ${warning.message}`);
  let column = `${predictor.label}_predicted`;
  while (table.columnNames().includes(column)) column = `${column}_`;
  await writeTable(options.out, table, { [column]: predictions });
  note(`${predictions.length} predictions written to ${options.out}`);
}

/** Scores the model on a labelled CSV; with `json`, one JSON object on stdout. */
export async function evaluateCommand(options: { model: string; data: string; json: boolean }) {
  const predictor = await loadPredictor(await readBytes(options.model));
  const { table } = await readTable(options.data);
  const evaluation = predictor.evaluate(table);
  for (const warning of evaluation.warnings) note(`warning: ${warning.message}`);
  if (evaluation.missingLabelRows > 0) {
    note(`${evaluation.missingLabelRows} rows with a missing '${predictor.label}' were skipped`);
  }
  const leaderboard = predictor.leaderboard(table);
  if (options.json) {
    process.stdout.write(`${toJson({ metrics: evaluation.metrics, leaderboard })}\n`);
    return;
  }
  for (const [name, value] of Object.entries(evaluation.metrics)) {
    process.stdout.write(`${name.padEnd(24)} ${value}\n`);
  }
  printLeaderboard(leaderboard, process.stdout);
}

// A fixed-width table for people; `evaluate --json` is the machine-readable form.
function printLeaderboard(rows: LeaderboardRow[], stream: NodeJS.WritableStream = process.stderr) {
  const score = (x: number | null | undefined) =>
    (x === null || x === undefined ? '-' : x.toPrecision(5)).padStart(11);
  stream.write(
    'model               valid RMSE   test RMSE   fit s   weight  level folds  status\n',
  );
  for (const row of rows) {
    const status = row.reason ? `${row.status}: ${row.reason}` : row.status;
    const cells = [
      row.name.padEnd(18),
      score(row.validationRmse),
      score(row.testRmse),
      row.fitSec.toFixed(2).padStart(7),
      row.ensembleWeight.toFixed(2).padStart(8),
      String(row.stackLevel).padStart(6),
      String(row.foldCount).padStart(5),
      ` ${status}`,
    ];
    stream.write(`${cells.join(' ')}\n`);
  }
}
