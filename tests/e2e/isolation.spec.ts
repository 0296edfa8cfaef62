// The page sweep: every page of the app, found by walking app/ for page.tsx rather than listed by
// hand, is visited as nobody (sent to /login) and as Bob with Alice's ids in its dynamic segments
// (the 404 page, none of Alice's names or values in the HTML). A page whose dynamic segment this
// file cannot fill fails the sweep until it is mapped below.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { logIn, registerUser } from './helpers';

const appDir = path.resolve(__dirname, '..', '..', 'app');

/** Pages anyone may open, each with the reason. */
const PUBLIC_PAGES: Record<string, string> = {
  '/login': 'the sign-in form',
  '/register': 'the sign-up form',
};

type Resource = 'dataset' | 'model' | 'evaluation';

/** Which of Alice's ids fills `[id]`, by the folder above it. A new dynamic page is added here. */
const SEGMENT_RESOURCES: Record<string, Resource> = {
  'datasets/[id]': 'dataset',
  'models/[id]': 'model',
  'testing/[id]': 'evaluation',
};

/** Query strings that carry an id into a page without a dynamic segment. */
const QUERY_VARIANTS: Record<string, (ids: Record<Resource, string>) => string> = {
  '/models/new': (ids) => `?dataset=${ids.dataset}`,
};

/** Every page.tsx under app/, as a URL pattern: route groups dropped, `[id]` kept. */
function pagePatterns(dir = appDir, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === 'page.tsx') return [prefix || '/'];
    if (!entry.isDirectory() || entry.name === 'api') return [];
    const group = entry.name.startsWith('(') && entry.name.endsWith(')');
    return pagePatterns(path.join(dir, entry.name), group ? prefix : `${prefix}/${entry.name}`);
  });
}

/** The URL of a page pattern with Alice's ids; throws naming an unmapped dynamic segment. */
function fill(pattern: string, ids: Record<Resource, string>): string {
  const parts = pattern.split('/');
  return parts
    .map((part, i) => {
      if (!part.startsWith('[')) return part;
      const key = `${parts[i - 1]}/${part}`;
      const resource = SEGMENT_RESOURCES[key];
      if (!resource) {
        throw new Error(
          `app${pattern}/page.tsx has the dynamic segment '${key}', which the page sweep cannot ` +
            'fill: add it to SEGMENT_RESOURCES in tests/e2e/isolation.spec.ts.',
        );
      }
      return ids[resource];
    })
    .join('/');
}

const patterns = pagePatterns().sort();
const swept = patterns.filter((pattern) => !(pattern in PUBLIC_PAGES));

// Alice's data: text unlike anything Bob has, so a leak is found by searching the HTML.
const SECRET = 'zq8aliceonly';
const aliceCsv = [
  `${SECRET}_rooms,${SECRET}_city,price`,
  ...Array.from({ length: 40 }, (_, i) => `${1 + (i % 5)},Town${SECRET}${i % 3},${1000 + i * 37}`),
].join('\n');

/** Alice's dataset, a completed linear model of it, an evaluation and a prediction. */
async function aliceResources(request: APIRequestContext): Promise<Record<Resource, string>> {
  const upload = await request.post('/api/datasets', {
    multipart: {
      name: `dataset ${SECRET}`,
      description: `described ${SECRET}`,
      file: { name: 'alice.csv', mimeType: 'text/csv', buffer: Buffer.from(aliceCsv) },
    },
  });
  expect(upload.status()).toBe(201);
  const dataset = (await upload.json()).dataset.id as string;
  const trained = await request.post('/api/models', {
    data: {
      name: `model ${SECRET}`,
      datasetId: dataset,
      label: 'price',
      preset: 'medium_quality',
      timeLimitSec: 30,
      families: ['linear'],
    },
  });
  expect(trained.status()).toBe(201);
  const model = (await trained.json()).model.id as string;
  await expect
    .poll(async () => (await (await request.get(`/api/models/${model}`)).json()).model.status, {
      timeout: 120_000,
      intervals: [1000],
    })
    .toBe('COMPLETED');
  const pair = { modelId: model, datasetId: dataset };
  const evaluation = await request.post('/api/evaluations', { data: pair });
  expect(evaluation.status()).toBe(201);
  expect((await request.post('/api/predictions', { data: pair })).status()).toBe(201);
  return { dataset, model, evaluation: (await evaluation.json()).evaluation.id };
}

/** Opens `url` in `page` and answers the status, where it landed and the HTML. */
async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  return { status: response?.status(), url: page.url(), html: await page.content() };
}

test('every page sends nobody to /login and shows Bob none of Alice’s data', async ({
  browser,
  page,
}) => {
  test.setTimeout(300_000);
  expect(patterns).toEqual(expect.arrayContaining(['/datasets/[id]', '/testing/[id]', '/']));
  for (const pattern of Object.keys(PUBLIC_PAGES)) expect(patterns).toContain(pattern);

  const aliceEmail = await registerUser(page.request, `Alice ${SECRET}`, 'isolation');
  await logIn(page, aliceEmail);
  const ids = await aliceResources(page.request);
  const bobEmail = await registerUser(page.request, 'Bob', 'isolation');
  // Names and values only: the ids are in the URLs that Bob and nobody typed (and in /login's
  // callbackUrl), which tells them nothing new.
  const markers = [SECRET, aliceEmail];
  const urls = swept.flatMap((pattern) => {
    const url = fill(pattern, ids);
    const query = QUERY_VARIANTS[pattern];
    return query ? [url, url + query(ids)] : [url];
  });

  const nobody = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await logIn(bob, bobEmail);

  for (const url of urls) {
    await test.step(`${url} as nobody`, async () => {
      const { url: landed, html } = await visit(nobody, url);
      expect(new URL(landed).pathname).toBe('/login');
      expect(markers.filter((m) => html.includes(m))).toEqual([]);
    });

    await test.step(`${url} as Bob`, async () => {
      const { status, html } = await visit(bob, url);
      expect(markers.filter((m) => html.includes(m))).toEqual([]);
      const pathHasId = Object.values(ids).some((id) => url.split('?')[0].includes(id));
      expect(status).toBe(pathHasId ? 404 : 200);
      if (pathHasId) expect(html).toContain('Page not found');
    });

    // A 404 for Bob proves nothing if the id were wrong: Alice opens the same URL.
    await test.step(`${url} as Alice`, async () => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByText('Page not found')).toHaveCount(0);
    });
  }
  console.log(`page sweep: ${swept.length} pages, ${urls.length} URLs, 3 visitors each`);
});
