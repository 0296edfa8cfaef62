// Testing in a real browser: a model trained through the API on diamonds' train split is
// evaluated on its test split from the Testing page; the metrics shown equal those of
// `npm run automl -- evaluate` on the same model file and CSV (at the 4 significant digits shown),
// the three charts and the test leaderboard are drawn, the scored rows download, and the result
// is deleted.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { registerAndLogIn, sharedDir } from './helpers';
import { formatMetric } from '../../components/testing/format';

const trainCsv = path.join(sharedDir, 'datasets', 'splits', 'diamonds', 'train.csv');
const testCsv = path.join(sharedDir, 'datasets', 'splits', 'diamonds', 'test.csv');
const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

async function uploadDataset(request: APIRequestContext, file: string, name: string) {
  const response = await request.post('/api/datasets', {
    multipart: {
      name,
      file: { name: `${name}.csv`, mimeType: 'text/csv', buffer: fs.readFileSync(file) },
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).dataset as { id: string };
}

/** Trains quickly through the API (boosted trees and ridge, 40 s) and waits for COMPLETED. */
async function trainModel(request: APIRequestContext, datasetId: string) {
  const response = await request.post('/api/models', {
    data: {
      name: 'diamonds price',
      datasetId,
      label: 'price',
      preset: 'medium_quality',
      timeLimitSec: 40,
      families: ['gbdt', 'linear'],
    },
  });
  expect(response.status()).toBe(201);
  const { model } = (await response.json()) as { model: { id: string } };
  await expect
    .poll(
      async () => {
        const body = await (await request.get(`/api/models/${model.id}`)).json();
        return body.model.status as string;
      },
      { timeout: 180_000, intervals: [2000] },
    )
    .toBe('COMPLETED');
  return model.id;
}

/** `npm run automl -- evaluate --model … --data … --json` on the downloaded model file. */
async function cliMetrics(request: APIRequestContext, modelId: string, dir: string) {
  const download = await request.get(`/api/models/${modelId}/download`);
  expect(download.status()).toBe(200);
  const modelFile = path.join(dir, 'model.zip');
  fs.writeFileSync(modelFile, await download.body());
  const { stdout } = await run(
    'npm',
    [
      'run',
      '--silent',
      'automl',
      '--',
      'evaluate',
      '--model',
      modelFile,
      '--data',
      testCsv,
      '--json',
    ],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout).metrics as Record<string, number | null>;
}

test('evaluate a diamonds model on its test split: metrics, charts, scored rows', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-testing-e2e-'));
  await registerAndLogIn(page, 'Tess Ting', 'testing');
  // The test split first: the training data is then the newest, first in the dataset list.
  await uploadDataset(page.request, testCsv, 'diamonds_test');
  const train = await uploadDataset(page.request, trainCsv, 'diamonds_train');
  const modelId = await trainModel(page.request, train.id);
  const expected = await cliMetrics(page.request, modelId, dir);

  // Start from the Testing page: the model, the test split, "Evaluate".
  await page.getByRole('link', { name: 'Testing' }).first().click();
  await expect(page).toHaveURL(/\/testing$/);
  const form = page.getByRole('form', { name: 'New evaluation' });
  await form.getByLabel('Model').selectOption({ label: 'diamonds price' });
  // Preselected: the training data's test split, not the training data listed first.
  await expect(form.getByLabel('Test dataset').locator('option:checked')).toHaveText(
    'diamonds_test',
  );
  // Choosing the training data warns that its scores flatter the model.
  const hint = form.getByTestId('dataset-hint');
  await form.getByLabel('Test dataset').selectOption({ label: 'diamonds_train' });
  await expect(hint).toHaveText(/^This is the data the model was trained on/);
  await form.getByLabel('Test dataset').selectOption({ label: 'diamonds_test' });
  await expect(hint).toHaveText('Rows the model has not seen in training.');
  await form.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Started evaluating diamonds price on diamonds_test.',
  );

  // The list follows the job without a reload, up to COMPLETED with its headline metrics.
  const row = page.getByTestId('evaluation-row').filter({ hasText: 'diamonds_test' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('evaluation-status')).toHaveText('COMPLETED', { timeout: 120_000 });
  await expect(row).toContainText(formatMetric(expected.rmse));

  // On a phone the status shows without scrolling the table sideways.
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const badge = await row.getByTestId('evaluation-status').boundingBox();
  expect((badge?.x ?? Infinity) + (badge?.width ?? 0)).toBeLessThanOrEqual(390);
  if (wide) await page.setViewportSize(wide);

  // The result page: every metric equals the command-line tool's.
  await row.getByRole('link', { name: 'diamonds price' }).click();
  await expect(page).toHaveURL(/\/testing\/[0-9a-f-]{36}$/);
  const metric = (name: string) => page.getByTestId(`metric-${name}`);
  await expect(metric('RMSE')).toHaveText(formatMetric(expected.rmse));
  await expect(metric('MSE')).toHaveText(formatMetric(expected.mse));
  await expect(metric('MAE')).toHaveText(formatMetric(expected.mae));
  await expect(metric('R²')).toHaveText(formatMetric(expected.r2));
  await expect(metric('MAPE')).toHaveText(`${formatMetric(expected.mape)} %`);
  await expect(metric('Median absolute error')).toHaveText(
    formatMetric(expected.medianAbsoluteError),
  );
  await expect(metric('Max error')).toHaveText(formatMetric(expected.maxError));
  await expect(metric('Explained variance')).toHaveText(formatMetric(expected.explainedVariance));
  await expect(metric('Rows scored')).toHaveText(Number(expected.count).toLocaleString('en-US'));
  await expect(metric('Rows skipped')).toHaveText('0');
  await expect(page.getByTestId('metric-row').filter({ hasText: 'MAPE' })).toContainText(
    'whose price is zero',
  );

  // The three charts of the scored rows and the leaderboard's, each with PNG and SVG downloads.
  for (const name of [
    'Predicted vs real',
    'Residuals vs predicted',
    'Residual histogram',
    'Test leaderboard chart',
  ]) {
    await expect(page.getByRole('figure', { name }).locator('svg.marks')).toBeVisible();
  }
  const scatter = page.getByRole('figure', { name: 'Predicted vs real' });
  await scatter.locator('summary').click();
  await expect(scatter.getByRole('link', { name: /Save as PNG/ })).toBeVisible();
  await expect(scatter.getByRole('link', { name: /Save as SVG/ })).toBeVisible();
  // The 10,788 test rows are more than the leaderboard's sample: every row of it, the ensemble's
  // too, is scored on the same 5,000 rows, and the page says so.
  await expect(page.getByText('a random sample of 5,000 of the test rows')).toBeVisible();
  const board = page.getByRole('table', { name: 'Test leaderboard' });
  await expect(
    board.getByTestId('leaderboard-row').filter({ hasText: 'WeightedEnsemble' }),
  ).toHaveCount(1);

  // The scored rows: every test row with its prediction and residual.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Download scored rows/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('diamonds price on diamonds_test - scored.csv');
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(lines[0].split(',').slice(-2)).toEqual(['prediction', 'residual']);
  expect(lines).toHaveLength(Number(expected.count) + 1);

  // Delete from the result page: back on the list, without it.
  await page.getByRole('button', { name: /Delete the evaluation/ }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page).toHaveURL(/\/testing$/);
  await expect(page.getByTestId('evaluation-row')).toHaveCount(0);
  fs.rmSync(dir, { recursive: true, force: true });
});
