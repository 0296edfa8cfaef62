// Models in a real browser: upload cars.csv, train on Miles_per_Gallon with a one-minute limit,
// watch the list reach COMPLETED without reloading, read the details (features, leaderboard,
// importance), download the zip, upload it again as a new model, delete that one, and cancel a
// long training.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { registerAndLogIn, sharedDir } from './helpers';

const carsCsv = path.join(sharedDir, 'datasets', 'cars.csv');
const modelName = 'mpg <b>model</b>';

/** The Datasets section has its own browser test: here the file goes straight to the API. */
async function uploadCars(page: Page) {
  const answer = await page.request.post('/api/datasets', {
    multipart: {
      name: 'cars',
      file: { name: 'cars.csv', mimeType: 'text/csv', buffer: fs.readFileSync(carsCsv) },
    },
  });
  expect(answer.status()).toBe(201);
}

/** How far a chart's title runs past its figure's left or right edge, in pixels (0 or less: inside). */
async function titleOverflowPx(chart: Locator): Promise<number> {
  return chart.evaluate((figure) => {
    const box = figure.getBoundingClientRect();
    const title = figure.querySelector('.role-title')?.getBoundingClientRect();
    return title ? Math.max(box.left - title.left, title.right - box.right) : Infinity;
  });
}

async function fillTrainForm(page: Page) {
  await page.getByLabel('Name', { exact: true }).fill(modelName);
  await page.getByLabel('Description', { exact: true }).fill('<i>trained in the browser test</i>');
  await page.getByLabel('Dataset').selectOption({ label: 'cars' });
  const target = page.getByLabel('Target column');
  await expect(target.locator('option', { hasText: 'Miles_per_Gallon' })).toHaveCount(1);
  // Only numeric columns are offered: the car's name and origin are not.
  await expect(target.locator('option', { hasText: 'Origin' })).toHaveCount(0);
  await target.selectOption('Miles_per_Gallon');
  await expect(page.getByText('8 of 8 columns used to predict the target.')).toBeVisible();
  await page.getByLabel('Hours').fill('0');
  await page.getByLabel('Minutes').fill('1');
  await expect(page.getByText('The whole training stops within 1 min.')).toBeVisible();
}

test('train, watch, inspect, download, upload again, delete, cancel', async ({ page }) => {
  test.setTimeout(360_000);
  const started = Date.now();
  await registerAndLogIn(page, 'Mo Del', 'models');
  await uploadCars(page);

  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No models yet' })).toBeVisible();
  await page.getByRole('link', { name: 'Train a model' }).first().click();
  await expect(page).toHaveURL(/\/models\/new$/);
  await fillTrainForm(page);
  await page.getByRole('button', { name: 'Train' }).click();

  // The list shows it training with a progress bar and a ticking clock, then COMPLETED, all
  // without a reload: a mark left on the window survives only if the page is never reloaded.
  await expect(page).toHaveURL(/\/models$/);
  await page.evaluate(() => ((window as unknown as { mark: number }).mark = 42));
  const row = page.getByTestId('model-row').filter({ hasText: 'Miles_per_Gallon' });
  await expect(row.getByRole('link', { name: modelName, exact: true })).toBeVisible();
  await expect(row.getByTestId('model-status')).toHaveText('TRAINING');
  await expect(row.getByRole('progressbar')).toBeVisible();
  // Queued, or running with its clock; a fit of cars takes seconds, so either may be seen.
  await expect(row).toContainText(/(queued|00:00:\d\d elapsed) · limit 1 min/);
  const trainingFrom = Date.now();
  await expect(row.getByTestId('model-status')).toHaveText('COMPLETED', { timeout: 240_000 });
  const trainingSec = (Date.now() - trainingFrom) / 1000;
  expect(await page.evaluate(() => (window as unknown as { mark: number }).mark)).toBe(42);
  await expect(row).toContainText(/RMSE \d/);

  // On a phone the status shows without scrolling the table sideways.
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const badge = await row.getByTestId('model-status').boundingBox();
  expect((badge?.x ?? Infinity) + (badge?.width ?? 0)).toBeLessThanOrEqual(390);
  if (wide) await page.setViewportSize(wide);

  // Details: overview, features with kinds, leaderboard table and chart, importance chart.
  await row.getByRole('link', { name: modelName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: modelName })).toBeVisible();
  await expect(page.getByText('<i>trained in the browser test</i>')).toBeVisible();
  await expect(page.getByTestId('fact-Target')).toHaveText('Miles_per_Gallon');
  await expect(page.getByTestId('fact-Time limit')).toHaveText('1 min');
  await expect(page.getByTestId('fact-Training duration')).toHaveText(
    /^(\d+(\.\d)? s|00:0\d:\d\d) \(fitting models (\d+(\.\d)? s|00:0\d:\d\d)\)$/,
  );
  await expect(page.getByTestId('fact-Dataset').getByRole('link', { name: 'cars' })).toBeVisible();
  const horsepower = page.getByTestId('feature-row').filter({ hasText: 'Horsepower' });
  await expect(horsepower).toContainText('numeric');
  expect(await page.getByTestId('leaderboard-row').count()).toBeGreaterThan(2);
  // Times under a second read in milliseconds ('7.74 ms', not '0.00774 s').
  const ensembleTimes = page.getByTestId('leaderboard-row').filter({ hasText: 'WeightedEnsemble' });
  await expect(ensembleTimes).toContainText(/\d ms/);
  await expect(ensembleTimes).not.toContainText(/0\.00\d* s/);
  await expect(
    page.getByTestId('leaderboard-row').filter({ hasText: 'WeightedEnsemble' }),
  ).toHaveCount(1);
  const fitTime = page.getByRole('columnheader', { name: /Fit time/ });
  await fitTime.getByRole('button').click();
  await expect(fitTime).toHaveAttribute('aria-sort', 'ascending');
  const leaderboardChart = page.getByRole('figure', { name: 'Leaderboard chart' });
  await expect(leaderboardChart.locator('svg.marks')).toBeVisible();
  const importance = page.getByRole('figure', { name: 'Feature importance chart' });
  await expect(importance.locator('svg.marks')).toBeVisible();
  await importance.locator('summary').last().click();
  await expect(importance.getByRole('link', { name: /Save as SVG/ }).last()).toBeVisible();
  await importance.locator('summary').last().click();

  // "Predict from a script": the example's body, sent with a new token, gets one prediction.
  const example = (await page.getByTestId('api-example').textContent()) ?? '';
  const url = /curl -X POST (\S+)/.exec(example)?.[1] ?? '';
  expect(url).toMatch(/\/api\/v1\/models\/[0-9a-f-]{36}\/predict$/);
  const body = /-d '(.*)'$/.exec(example)?.[1] ?? '';
  const created = await page.request.post('/api/tokens', { data: { name: 'example' } });
  const { secret } = (await created.json()) as { secret: string };
  const answer = await page.request.fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    data: body,
  });
  expect(answer.status()).toBe(200);
  const predicted = (await answer.json()) as { predictions: (number | null)[] };
  expect(predicted.predictions).toHaveLength(1);
  expect(predicted.predictions[0]).toBeGreaterThan(5);

  // On a phone the charts' titles stay inside their charts: the long one breaks into lines.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const chart of [leaderboardChart, importance]) {
    await expect.poll(() => titleOverflowPx(chart)).toBeLessThanOrEqual(0);
  }
  await expect(importance.locator('.role-title-text text tspan')).toHaveCount(2);
  // Neither a phone nor a tablet scrolls the page sideways (the leaderboard scrolls in its box).
  for (const width of [390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(width);
  }
  if (size) await page.setViewportSize(size);

  // Download the zip: the engine's file plus model_info.txt.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download zip' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zipPath = path.join(test.info().outputDir, 'model.zip');
  await download.saveAs(zipPath);
  const zip = fs.readFileSync(zipPath);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes('model_info.txt')).toBe(true);

  // A file that is not a model is refused with a message, and nothing is added.
  await page.getByRole('link', { name: '← Models' }).click();
  const upload = page.getByRole('form', { name: 'Upload a model' });
  await upload.getByLabel('Model file').setInputFiles(carsCsv);
  await upload.getByRole('button', { name: 'Upload model' }).click();
  await expect(upload.getByRole('alert')).toContainText(/not a zip/i);
  await expect(page.getByTestId('model-row')).toHaveCount(1);

  // The downloaded zip uploads again as a new model, its target read from the file.
  await upload.getByLabel('Model file').setInputFiles(zipPath);
  await upload.getByLabel('Model name').fill('mpg again');
  await upload.getByLabel('Model description').fill('uploaded back');
  await upload.getByRole('button', { name: 'Upload model' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'mpg again' })).toBeVisible();
  await expect(page.getByTestId('model-status')).toHaveText('COMPLETED');
  await expect(page.getByTestId('fact-Target')).toHaveText('Miles_per_Gallon');
  expect(await page.getByTestId('leaderboard-row').count()).toBeGreaterThan(2);

  // Delete after confirming: back on the list, with only the trained model left.
  await page.getByRole('button', { name: 'Delete mpg again' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByTestId('model-row')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'mpg again' })).toHaveCount(0);

  // A long training can be cancelled from the list.
  await page.getByRole('link', { name: 'Train a model' }).click();
  await page.getByLabel('Dataset').selectOption({ label: 'cars' });
  await page.getByLabel('Target column').selectOption('Miles_per_Gallon');
  await page.getByLabel('Name', { exact: true }).fill('long one');
  await page.getByLabel('Preset').selectOption('best_quality');
  await page.getByLabel('Minutes').fill('0');
  await page.getByRole('button', { name: 'Train' }).click();
  const long = page.getByTestId('model-row').filter({ hasText: 'long one' });
  await expect(long.getByTestId('model-status')).toHaveText('TRAINING');
  await long.getByRole('button', { name: 'Cancel training long one' }).click();
  await expect(long.getByTestId('model-status')).toHaveText('CANCELLED', { timeout: 30_000 });
  await expect(long.getByRole('button', { name: /Cancel/ })).toHaveCount(0);

  console.log(
    `models e2e: training seen for ${trainingSec.toFixed(0)} s; ` +
      `test ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
});
