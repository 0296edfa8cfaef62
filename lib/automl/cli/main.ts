// Entry point of `npm run automl -- <fit|predict|evaluate> ...`: parses arguments, runs the command.

import { parseArgs } from 'node:util';
import { evaluateCommand, fitCommand, predictCommand } from './commands';

const USAGE = `usage:
  automl fit --train FILE.csv --label COL [--features a,b] [--preset NAME]
             [--models gbdt,linear,rf,xt,knn,mlp] [--time-limit SEC] [--threads N] [--seed N]
             [--metric rmse|mae|r2]
             --out MODEL.zip
             presets: medium_quality (default), good_quality, high_quality, best_quality
  automl predict --model MODEL.zip --data FILE.csv --out OUT.csv
  automl evaluate --model MODEL.zip --data FILE.csv [--json]`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      train: { type: 'string' },
      label: { type: 'string' },
      features: { type: 'string' },
      models: { type: 'string' },
      preset: { type: 'string' },
      metric: { type: 'string' },
      threads: { type: 'string' },
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '')
      throw new UsageError(`${command}: --${name} is required`);
    return value;
  };
  if (command === 'fit') {
    await fitCommand({
      train: need('train'),
      label: need('label'),
      features: list(values.features),
      models: list(values.models),
      preset: values.preset,
      evalMetric: values.metric,
      threads: number('threads', values.threads),
      timeLimitSec: number('time-limit', values['time-limit']),
      seed: number('seed', values.seed),
      out: need('out'),
    });
  } else if (command === 'predict') {
    await predictCommand({ model: need('model'), data: need('data'), out: need('out') });
  } else if (command === 'evaluate') {
    await evaluateCommand({ model: need('model'), data: need('data'), json: values.json === true });
  } else {
    throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  }
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new UsageError(`--${name} must be a number, got '${value}'`);
  }
  return parsed;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Users get the message only; a stack trace helps nobody running a command.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.exitCode = 1;
  }
});
