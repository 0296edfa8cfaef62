// The foundation's promise, in a real browser: register, log in, see the empty workspace, log out.
import { expect, test, type Page } from '@playwright/test';

const password = 'a long test password';

function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

async function logIn(page: Page, email: string, pass: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Log in' }).click();
}

test('register, log in, see the empty workspace, log out', async ({ page }) => {
  const email = uniqueEmail('ada');

  // The tab shows the app's icon; the browser has no reason to ask for /favicon.ico (a 404).
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto('/register');
  const icon = page.locator('head link[rel="icon"][type="image/svg+xml"]');
  await expect(icon).toHaveCount(1);
  const iconAnswer = await page.request.get((await icon.getAttribute('href')) as string);
  expect(iconAnswer.status()).toBe(200);
  expect(iconAnswer.headers()['content-type']).toContain('image/svg+xml');

  // Register.
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // Log in.
  await expect(page).toHaveURL(/\/login\?registered=1$/);
  await expect(page.getByRole('status')).toHaveText('Your account is ready. Log in to continue.');
  await logIn(page, email, password);

  // The empty workspace: four sections, Datasets current, the user's name, an empty state.
  await expect(page).toHaveURL(/\/datasets$/);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(['Datasets', 'Models', 'Testing', 'Predicting']);
  await expect(nav.getByRole('link', { name: 'Datasets' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('user-name')).toHaveText('Ada Lovelace');
  await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();

  for (const [section, emptyTitle] of [
    ['Models', 'No models yet'],
    ['Testing', 'No model to test yet'],
    ['Predicting', 'No model to predict with yet'],
  ]) {
    await nav.getByRole('link', { name: section }).click();
    await expect(page.getByRole('heading', { name: emptyTitle })).toBeVisible();
    await expect(nav.getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page');
  }

  // Log out: back on /login, and the workspace is closed again.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/models');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels$/);
  expect(asked).not.toContain('/favicon.ico');
});

test('a wrong password is reported next to the password field', async ({ page }) => {
  const email = uniqueEmail('grace');
  const created = await page.request.post('/api/register', {
    data: { name: 'Grace Hopper', email, password },
  });
  expect(created.status()).toBe(201);

  await page.goto('/login');
  await logIn(page, email, 'not the password');

  const field = page.getByLabel('Password');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('Wrong password. Check it and try again.');
  await expect(page).toHaveURL(/\/login$/);
});

test('registering a taken email is reported next to the email field', async ({ page }) => {
  const email = uniqueEmail('taken');
  await page.request.post('/api/register', { data: { name: 'First', email, password } });

  await page.goto('/register');
  await page.getByLabel('Name').fill('Second');
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
    'An account with this email already exists. Log in instead.',
  );
});

test('a page visited without a session redirects to /login, then back after logging in', async ({
  page,
}) => {
  const email = uniqueEmail('linus');
  await page.request.post('/api/register', { data: { name: 'Linus', email, password } });
  await page.context().clearCookies();

  await page.goto('/testing');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftesting$/);
  await logIn(page, email, password);

  await expect(page).toHaveURL(/\/testing$/);
  await expect(page.getByRole('heading', { name: 'No model to test yet' })).toBeVisible();
});

test('on a narrow screen the sections sit behind a menu button, and a skip link leads to content', async ({
  page,
}) => {
  const email = uniqueEmail('mobile');
  await page.request.post('/api/register', { data: { name: 'Mo Bile', email, password } });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/login');
  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/datasets$/);

  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  const menu = page.getByRole('button', { name: 'Open menu' });
  await expect(page.getByRole('link', { name: 'Models' })).toBeHidden();
  await menu.click();
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole('button', { name: 'Open menu' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
});

test('pages carry security headers, and another site cannot change data with our cookies', async ({
  page,
}) => {
  const response = await page.goto('/login');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');

  const email = `csrf-${Date.now()}@example.test`;
  await page.request.post('/api/register', { data: { name: 'Cora Srf', email, password } });
  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/datasets$/); // logged in: the cookie is set by now
  // The session cookie is httpOnly and SameSite, out of reach of scripts and other sites.
  const session = (await page.context().cookies()).find((c) => c.name.includes('session-token'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  // A form or fetch from another origin carries the cookie but names its origin: refused.
  const forged = await page.request.post('/api/datasets/merge', {
    headers: { origin: 'https://evil.example' },
    data: { datasetIds: [] },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.message).toMatch(/another site/);
});
