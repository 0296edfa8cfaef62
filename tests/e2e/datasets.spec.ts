// Datasets in a real browser: upload cars.csv, see its schema and profile charts, split it 80/20,
// append the parts back (406 rows again), download, delete.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { registerAndLogIn, sharedDir } from './helpers';

const carsCsv = path.join(sharedDir, 'datasets', 'cars.csv');

test('upload, schema, profile charts, split, merge, download, delete', async ({ page }) => {
  test.setTimeout(240_000);
  await registerAndLogIn(page, 'Dana Set', 'datasets');

  // An Excel workbook (a zip archive) is refused, naming the format and how to save it as CSV.
  const workbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
  await page.getByLabel('CSV file').setInputFiles({
    name: 'prices.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook,
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  const refusal = page.getByRole('form', { name: 'Upload a dataset' }).getByRole('alert');
  await expect(refusal).toContainText(
    'prices.xlsx cannot be used: it is a zip archive (an Excel .xlsx',
  );
  await expect(refusal).toContainText('File → Save As → CSV UTF-8');

  // Upload: the progress bar shows, then the dataset page opens with its counts.
  await page.getByLabel('CSV file').setInputFiles(carsCsv);
  await page.getByLabel('Description').fill('<b>not bold</b>');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'cars' })).toBeVisible();
  await expect(page.getByTestId('dataset-summary')).toContainText('406 rows · 9 columns');
  // User text is text: the description shows its tags literally.
  await expect(page.getByText('<b>not bold</b>')).toBeVisible();

  // Schema: nine columns with kinds and missing counts.
  await expect(page.getByTestId('schema-row')).toHaveCount(9);
  const mpg = page.getByTestId('schema-row').filter({ hasText: 'Miles_per_Gallon' });
  await expect(mpg.getByLabel('Kind of Miles_per_Gallon')).toHaveValue('numeric');
  await expect(mpg).toContainText('8');
  await expect(page.getByRole('table', { name: 'Rows' }).locator('tbody tr')).toHaveCount(25);

  // Profile charts, computed by the worker, each with PNG and SVG downloads in its menu.
  const histogram = page.getByRole('figure', { name: 'Histogram of Miles_per_Gallon' });
  await expect(histogram.locator('svg.marks')).toBeVisible({ timeout: 120_000 });
  await expect(
    page.getByRole('figure', { name: 'Missing values per column' }).locator('svg.marks'),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'pearson correlation heatmap' }).locator('svg.marks'),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Counts of Origin' }).locator('svg.marks'),
  ).toBeVisible();
  await histogram.locator('summary').click();
  await expect(histogram.getByRole('link', { name: /Save as PNG/ })).toBeVisible();
  await expect(histogram.getByRole('link', { name: /Save as SVG/ })).toBeVisible();
  await page.getByLabel('Spearman').check();
  await expect(page.getByRole('figure', { name: 'spearman correlation heatmap' })).toBeVisible();

  // Split 80/20.
  await page.getByLabel('Test share (%)').fill('20');
  await page.getByRole('button', { name: 'Split' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created' })).toContainText(
    'cars_train (325 rows) and cars_test (81 rows)',
  );

  // Merge the parts back by appending: the original's 406 rows.
  await page.getByRole('link', { name: '← Datasets' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(3);

  // On a phone a dataset's size stays on one line ('22 KB', not '2' over 'KB').
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const sizeCell = page.getByTestId('dataset-size').first();
  await expect(sizeCell).toHaveText(/^\d[\d.,]* (bytes|KB|MB)$/);
  const sizeLines = await sizeCell.evaluate((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
  expect(sizeLines).toBe(1);
  if (size) await page.setViewportSize(size);

  // Choosing cars.csv again warns that a second 'cars' would follow; another name clears it.
  await page.getByLabel('CSV file').setInputFiles(carsCsv);
  await expect(page.getByTestId('duplicate-name')).toContainText(
    'You already have a dataset named cars',
  );
  await page.getByLabel('Name', { exact: true }).fill('cars 2027');
  await expect(page.getByTestId('duplicate-name')).toHaveCount(0);
  await page.getByLabel('CSV file').setInputFiles([]);
  await page.getByLabel('Name', { exact: true }).fill('');

  const merge = page.getByRole('form', { name: 'Merge datasets' });
  await merge.getByLabel('cars_train').check();
  await merge.getByLabel('cars_test').check();
  await merge.getByLabel('Name of the merged dataset').fill('cars again');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'cars again' })).toBeVisible();
  await expect(page.getByTestId('dataset-summary')).toContainText('406 rows · 9 columns');

  // Download: a CSV with the header and 406 rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('cars again.csv');
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.trimEnd().split('\r\n')).toHaveLength(407);

  // Delete after confirming: back on the list, without it.
  await page.getByRole('button', { name: 'Delete cars again' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId('dataset-row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'cars again' })).toHaveCount(0);
});
