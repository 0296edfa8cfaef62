// Predicting in a real browser: a model trained on the cars train split predicts the test split
// in batch (CSV downloaded, rows and columns checked), three manual rows pasted from the file
// give the same predictions, a bad number is marked on its field, and the 2D and 3D plots show.
// Then an API token made on /settings predicts through /api/v1, and stops once revoked.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { registerAndLogIn, sharedDir } from './helpers';

const splits = path.join(sharedDir, 'datasets', 'splits', 'cars');
const label = 'Miles_per_Gallon';
/** How the app writes dates (lib/datasets/format.ts): 2026-12-03 16:57 UTC. */
const utcDate = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/;

async function upload(request: APIRequestContext, file: string, name: string): Promise<string> {
  const response = await request.post('/api/datasets', {
    multipart: {
      name,
      file: { name: `${name}.csv`, mimeType: 'text/csv', buffer: fs.readFileSync(file) },
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).dataset.id;
}

/** Trains a quick model through the Models API and waits for it to complete. */
async function trainModel(request: APIRequestContext, datasetId: string): Promise<string> {
  const response = await request.post('/api/models', {
    data: { name: 'cars mpg', datasetId, label, preset: 'medium_quality', timeLimitSec: 20 },
  });
  expect(response.status()).toBe(201);
  const id = (await response.json()).model.id;
  await expect
    .poll(async () => (await (await request.get(`/api/models/${id}`)).json()).model.status, {
      timeout: 150_000,
      intervals: [1000],
    })
    .toBe('COMPLETED');
  return id;
}

/**
 * At a phone's 390 px the page is no wider than the screen: wide tables scroll inside their own
 * boxes, long names wrap. Restores the viewport after.
 */
async function expectFitsPhone(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(390);
  if (size) await page.setViewportSize(size);
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

test('batch and manual predictions agree; plots show; API tokens work until revoked', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await registerAndLogIn(page, 'Pat Predict', 'predicting');
  const trainId = await upload(page.request, path.join(splits, 'train.csv'), 'cars_train');
  await upload(page.request, path.join(splits, 'test.csv'), 'cars_test');
  const modelId = await trainModel(page.request, trainId);
  const original = parseCsv(fs.readFileSync(path.join(splits, 'test.csv'), 'utf8'));

  // Batch: predict the test split and follow the job until it completes.
  await page.goto('/predicting');
  await expect(page.getByLabel('Model')).toHaveValue(modelId);
  await page.getByLabel('Dataset').selectOption({ label: 'cars_test (80 rows)' });
  await page.getByRole('button', { name: 'Predict every row' }).click();
  const row = page.getByTestId('prediction-row').first();
  await expect(row).toContainText('Completed', { timeout: 120_000 });
  // Dates read as on the datasets and models lists, whatever the browser's locale.
  await expect(row).toContainText(utcDate);
  const result = page.getByRole('region', { name: 'Prediction result' });
  await expect(result.getByTestId('prediction-counts')).toContainText('80');
  await expect(
    result.getByRole('table', { name: 'Predicted rows' }).locator('tbody tr'),
  ).toHaveCount(50);

  // The CSV: every row, the original columns plus the prediction and its reason.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = parseCsv(fs.readFileSync((await download.path()) as string, 'utf8'));
  expect(csv.rows).toHaveLength(80);
  expect(csv.header).toEqual([
    ...original.header,
    `${label}_predicted`,
    `${label}_predicted_reason`,
  ]);
  const predictedAt = csv.header.indexOf(`${label}_predicted`);
  const batch = csv.rows.map((r) => Number(r[predictedAt]));
  expect(batch.every((value) => value > 5 && value < 60)).toBe(true);

  // Plots of the batch result: the 2D scatter (Vega-Lite) and the 3D scatter (WebGL).
  await expect(
    result
      .getByRole('figure', { name: new RegExp(`^Scatter of .* against ${label}_predicted$`) })
      .locator('svg.marks'),
  ).toBeVisible();
  const cube = result.getByTestId('scatter-3d');
  await expect(cube).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(cube.locator('canvas').first()).toBeVisible();
  await expectFitsPhone(page);

  // Manual: a table of blank fields is not sent; it asks for a value.
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const manualSection = page.locator('section[aria-labelledby="manual-heading"]');
  await expect(manualSection.getByRole('alert')).toContainText('Every field is blank');
  // A categorical field shows one of its training values as an example.
  await expect(page.getByLabel('Origin, row 1')).toHaveAttribute(
    'placeholder',
    /^e\.g\. (USA|Japan|Europe)$/,
  );

  // Manual: paste the first three rows of the test file with its header; predictions equal the batch's.
  const tsv = [original.header, ...original.rows.slice(0, 3)]
    .map((cells) => cells.join('\t'))
    .join('\n');
  await page.getByText('Paste rows from a spreadsheet').click();
  await page.getByLabel(/Rows copied from a spreadsheet/).fill(tsv);
  await page.getByRole('button', { name: 'Add pasted rows' }).click();
  await expect(page.getByTestId('manual-row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const cells = page.getByTestId('manual-prediction');
  await expect(cells.nth(2)).not.toHaveAttribute('data-value', '');
  for (let k = 0; k < 3; k++) {
    const manual = Number(await cells.nth(k).getAttribute('data-value'));
    expect(manual).toBeCloseTo(batch[k], 9);
  }
  const manualPlots = page.getByRole('region', { name: 'Plots of the manual predictions' });
  await expect(
    manualPlots.getByRole('figure', { name: /^Scatter of / }).locator('svg.marks'),
  ).toBeVisible();
  await expect(manualPlots.getByTestId('scatter-3d')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });

  // The what-if curve across Weight_in_lbs, holding row 1.
  await page.getByLabel('Feature to vary').selectOption('Weight_in_lbs');
  await page.getByRole('button', { name: 'Draw the curve' }).click();
  await expect(
    page.getByRole('figure', { name: 'What-if curve of Weight_in_lbs' }).locator('svg.marks'),
  ).toBeVisible();

  // A bad number is marked on its field with the reason, and that row gets no prediction.
  await page.getByLabel('Horsepower, row 2').fill('lots');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByTestId('field-error')).toHaveText("'lots' is not a number");
  await expect(page.getByLabel('Horsepower, row 2')).toHaveAttribute('aria-invalid', 'true');
  await expect(cells.nth(1)).toHaveAttribute('data-value', '');
  await expect(cells.nth(0)).not.toHaveAttribute('data-value', '');
  await expectFitsPhone(page);

  // A feature left blank in every row gets a message in the 2D plot instead of empty axes.
  for (const row of [1, 2, 3]) await page.getByLabel(`Acceleration, row ${row}`).fill('');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(cells.nth(0)).not.toHaveAttribute('data-value', '');
  const flat = manualPlots.getByRole('region', { name: '2D scatter' });
  await flat.getByLabel('Feature (x)').selectOption('Acceleration');
  await expect(flat.getByRole('status')).toHaveText(
    /^No predicted row has a value for Acceleration, so there is nothing to plot/,
  );
  await expect(flat.getByRole('figure')).toHaveCount(0);

  // Settings: a token predicts through the public API until it is revoked.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText(/each model's page shows a ready command/)).toBeVisible();
  await page.getByLabel('Token name').fill('e2e script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token').textContent()) as string;
  expect(secret).toMatch(/^cml_/);
  await expect(page.getByTestId('token-row')).toContainText(secret.slice(0, 10));
  await expect(page.getByTestId('token-row')).toContainText(utcDate);
  const body = {
    rows: [Object.fromEntries(original.header.map((h, k) => [h, original.rows[0][k]]))],
  };
  const api = (token: string) =>
    page.request.fetch(`/api/v1/models/${modelId}/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, cookie: '' },
      data: body,
    });
  const answer = await api(secret);
  expect(answer.status()).toBe(200);
  expect((await answer.json()).predictions[0]).toBeCloseTo(batch[0], 9);

  // A logged figure, not an assertion: 100 rows through HTTP once the model is cached.
  const hundred = {
    rows: Array.from({ length: 100 }, (_, k) => ({
      ...body.rows[0],
      Weight_in_lbs: 2000 + 30 * k,
    })),
  };
  const times: number[] = [];
  for (let k = 0; k < 10; k++) {
    const began = Date.now();
    const timed = await page.request.post(`/api/v1/models/${modelId}/predict`, {
      headers: { authorization: `Bearer ${secret}` },
      data: hundred,
    });
    expect(timed.status()).toBe(200);
    times.push(Date.now() - began);
  }
  times.sort((a, b) => a - b);
  console.log(
    `v1 predict, 100 rows over HTTP: median ${times[5]} ms, max ${times[9]} ms (10 calls)`,
  );

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Revoke e2e script' }).click();
  await expect(page.getByTestId('token-row')).toHaveCount(0);
  expect((await api(secret)).status()).toBe(401);
});
