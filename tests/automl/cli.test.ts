// The command-line tool end to end, as a child process, on the shared cars data.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { caseFile, sharedPath } from './helpers';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'lib/automl/cli/main.ts');
const automl = (...args: string[]) => run(tsx, [main, ...args], { cwd: root });

jest.setTimeout(120_000);

describe('automl command-line tool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'automl-cli-'));
  const cars = sharedPath('datasets/cars.csv');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['linear'], ['linear,gbdt']])(
    'fits and evaluates cars with %s, R² > 0.8',
    async (models) => {
      const model = path.join(dir, `cars-${models.replace(',', '-')}.zip`);
      const fitted = await automl(
        'fit',
        '--train',
        cars,
        '--label',
        'Miles_per_Gallon',
        '--models',
        models,
        '--seed',
        '3',
        '--out',
        model,
      );
      expect(fitted.stderr).toContain('rows with a missing');
      const { stdout } = await automl('evaluate', '--model', model, '--data', cars, '--json');
      const result = JSON.parse(stdout);
      expect(result.metrics.r2).toBeGreaterThan(0.8);
      expect(result.leaderboard.map((row: { name: string }) => row.name)).toEqual(
        expect.arrayContaining(['WeightedEnsemble', ...models.split(',')]),
      );

      const out = path.join(dir, 'predictions.csv');
      await automl('predict', '--model', model, '--data', cars, '--out', out);
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]).toBe(
        'Name,Miles_per_Gallon,Cylinders,Displacement,Horsepower,Weight_in_lbs,Acceleration,Year,Origin,Miles_per_Gallon_predicted',
      );
      expect(lines.length).toBe(407);
    },
  );

  it('prints errors without a stack and exits non-zero', async () => {
    const failure = await automl('evaluate', '--model', cars, '--data', cars, '--json').catch(
      (e) => e,
    );
    expect(failure.code).toBe(1);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toBe('error: not a Cidra-ML model: the file is not a zip archive\n');
    const usage = await automl('fit', '--train', cars).catch((e) => e);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('fit: --label is required');
    const badLabel = await automl(
      'fit',
      '--train',
      cars,
      '--label',
      'mpg',
      '--out',
      path.join(dir, 'x.zip'),
    ).catch((e) => e);
    expect(badLabel.code).toBe(1);
    expect(badLabel.stderr).toContain("error: label column 'mpg' not found");
    expect(badLabel.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      'target_text.csv',
      "error: label column 'price' must be numeric: 3 values are not a number (row 2: '<100000'",
    ],
    ['target_inf.csv', "error: label column 'price' must hold finite numbers"],
  ])('refuses the bad labels of %s through the CSV reader too', async (file, message) => {
    const out = path.join(dir, 'bad.zip');
    const failure = await automl(
      'fit',
      '--train',
      caseFile(10, file),
      '--label',
      'price',
      '--out',
      out,
    ).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(message);
  });
});
