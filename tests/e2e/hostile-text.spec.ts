// Text users supply is shown as text: a dataset whose name, description, column names and values
// are HTML and script is uploaded, a model is trained and evaluated on it, and every page showing
// that text (lists, schema, preview, profile charts and their tooltips, model details, testing
// results, the predicting table) shows it literally; no script runs and no dialog opens.
import { expect, test, type Page } from '@playwright/test';
import { registerAndLogIn } from './helpers';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '<svg onload=window.__xss=1>';

const columns = { image: `${IMG} col`, script: `${SCRIPT} col`, svg: `${SVG} size` };
const datasetName = `${IMG} data`;
const description = `${SCRIPT} described <i>here</i>`;
const modelName = `${SCRIPT} model`;

/** One CSV field, quoted when it holds a quote, comma or line break. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const imageValues = [IMG, '<b>bold</b>'];
const scriptValues = [SCRIPT, `"><img src=x onerror=window.__xss=1>`];
const csv = [
  [columns.image, columns.script, columns.svg, 'price'].map(field).join(','),
  ...Array.from({ length: 40 }, (_, i) =>
    [imageValues[i % 2], scriptValues[i % 2], 10 + (i % 7), 100 + i * 3 + (i % 2) * 20]
      .map(field)
      .join(','),
  ),
].join('\n');

const dialogs: string[] = [];

/** Records every dialog (none may open), then registers and logs in a user with a hostile name. */
async function signUp(page: Page) {
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await registerAndLogIn(page, `${IMG} user`, 'hostile');
}

/** No script of the hostile text ran, no dialog opened, no element was made from it. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg[onload]')).toHaveCount(0);
}

/** Hovers the first mark of a chart and answers the tooltip's text (vega-tooltip's element). */
async function hoverTooltip(page: Page, figureName: string, mark: string): Promise<string> {
  const figure = page.getByRole('figure', { name: figureName, exact: true });
  await expect(figure.locator('svg.marks')).toBeVisible({ timeout: 120_000 });
  await figure.locator(`g.${mark} path`).first().hover({ force: true });
  const tooltip = page.locator('#vg-tooltip-element');
  await expect(tooltip).toBeVisible();
  // Made of text only: no element came out of the hostile names.
  await expect(tooltip.locator('img, script, svg, b')).toHaveCount(0);
  return (await tooltip.textContent()) ?? '';
}

test('HTML and script in names, descriptions and cells show as text everywhere', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page);
  await expectInert(page);

  // Upload through the form, with a hostile name and description.
  await page.getByLabel('CSV file').setInputFiles({
    name: 'hostile.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByLabel('Name', { exact: true }).fill(datasetName);
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  const datasetUrl = page.url();
  const datasetId = datasetUrl.split('/').pop()!;

  // Dataset page: heading, description, schema, preview, all literal.
  await expect(
    page.getByRole('heading', { level: 1, name: datasetName, exact: true }),
  ).toBeVisible();
  await expect(page.getByText(description, { exact: true })).toBeVisible();
  await expect(page.getByTestId('schema-row')).toHaveCount(4);
  for (const name of Object.values(columns)) {
    await expect(page.getByTestId('schema-row').filter({ hasText: name })).toHaveCount(1);
  }
  const preview = page.getByRole('table', { name: 'Rows' });
  await expect(preview.getByText(IMG, { exact: true }).first()).toBeVisible();
  await expect(preview.getByText(SCRIPT, { exact: true }).first()).toBeVisible();
  await expectInert(page);

  // Profile charts: the counts of a hostile column, hovered; its tooltip names values as text.
  const counts = await hoverTooltip(page, `Counts of ${columns.script}`, 'mark-rect');
  expect(counts.includes(SCRIPT) || counts.includes(scriptValues[1])).toBe(true);
  await hoverTooltip(page, `Histogram of ${columns.svg}`, 'mark-rect');
  await expectInert(page);

  // The list.
  await page.goto('/datasets');
  await expect(page.getByRole('link', { name: datasetName, exact: true })).toBeVisible();
  await expectInert(page);

  // A model with a hostile name, trained quickly, and its pages.
  const trained = await page.request.post('/api/models', {
    data: {
      name: modelName,
      description: IMG,
      datasetId,
      label: 'price',
      preset: 'medium_quality',
      timeLimitSec: 30,
      families: ['linear'],
    },
  });
  expect(trained.status()).toBe(201);
  const modelId = (await trained.json()).model.id as string;
  await page.goto('/models');
  const row = page.getByTestId('model-row').filter({ hasText: modelName });
  await expect(row.getByTestId('model-status')).toHaveText('COMPLETED', { timeout: 120_000 });
  await expectInert(page);
  await page.goto(`/models/${modelId}`);
  await expect(page.getByRole('heading', { level: 1, name: modelName, exact: true })).toBeVisible();
  await expect(page.getByText(IMG, { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('feature-row').filter({ hasText: columns.svg })).toHaveCount(1);
  await expectInert(page);

  // The train form offers the hostile dataset and columns as options.
  await page.goto(`/models/new?dataset=${datasetId}`);
  await expect(page.getByLabel('Dataset').locator('option', { hasText: datasetName })).toHaveCount(
    1,
  );
  await expectInert(page);

  // Testing: an evaluation on the same dataset, the list and the result with hovered charts.
  const evaluation = await page.request.post('/api/evaluations', {
    data: { modelId, datasetId },
  });
  expect(evaluation.status()).toBe(201);
  const evaluationId = (await evaluation.json()).evaluation.id as string;
  await page.goto('/testing');
  const evaluationRow = page.getByTestId('evaluation-row').filter({ hasText: modelName });
  await expect(evaluationRow.getByTestId('evaluation-status')).toHaveText('COMPLETED', {
    timeout: 120_000,
  });
  await expect(evaluationRow).toContainText(datasetName);
  await expectInert(page);
  await page.goto(`/testing/${evaluationId}`);
  const title = `${modelName} on ${datasetName}`;
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  const point = await hoverTooltip(page, 'Predicted vs real', 'mark-symbol');
  expect(point).toContain(columns.svg);
  await expectInert(page);

  // Predicting: the manual table names the hostile columns in its headers.
  await page.goto('/predicting');
  await expect(page.getByLabel('Model')).toHaveValue(modelId);
  await expect(page.getByLabel(`${columns.svg}, row 1`)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: columns.image }).first()).toBeVisible();
  await expectInert(page);

  // Nothing ran anywhere. The checks can fail: the same text put in as HTML makes the element.
  expect(dialogs).toEqual([]);
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), IMG);
  await expect(page.locator('img[src="x"]')).toHaveCount(1);
  console.log('hostile text: 3 payloads in 2 names, 2 descriptions, 3 columns, 4 values; 8 pages');
});
