// What the browser tests share: the shared data folder, and a fresh user registered and logged in.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** shared/ sits beside the clone in CI; /work/shared on the development machine. */
export const sharedDir = [path.resolve(__dirname, '..', '..', '..', 'shared'), '/work/shared'].find(
  (dir) => fs.existsSync(path.join(dir, 'datasets')),
) as string;

/** The password of every user the browser tests make. */
export const password = 'a long test password';

/** An email no other test run uses, e.g. `models-1733300000000-42@example.test`. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

/** Registers a user through the API; returns the email. */
export async function registerUser(
  request: APIRequestContext,
  name: string,
  emailPrefix: string,
): Promise<string> {
  const email = uniqueEmail(emailPrefix);
  const created = await request.post('/api/register', { data: { name, email, password } });
  expect(created.status()).toBe(201);
  return email;
}

/** Logs in through the form and waits for the workspace. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
}

/** A new user, logged in on `page`; returns the email. */
export async function registerAndLogIn(
  page: Page,
  name: string,
  emailPrefix: string,
): Promise<string> {
  const email = await registerUser(page.request, name, emailPrefix);
  await logIn(page, email);
  return email;
}
