// Browser tests: Debian's Chromium against the real start command (`npm start`), on a fresh
// DATA_DIR so every run starts with an empty embedded database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** Set to test a server that is already running (no `npm start`): E2E_BASE_URL=http://… */
const externalBaseUrl = process.env.E2E_BASE_URL;

/**
 * A port nobody listens on now. A fixed port is not enough on a shared machine: the app binds it
 * only after its build (a minute), and Playwright would meanwhile accept any server answering
 * there, such as another run's, and test that one. Synchronous because the config is.
 */
function freePort(): number {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{" +
    'process.stdout.write(String(s.address().port));s.close()})';
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

// Chosen once by the runner; its workers inherit the variable. E2E_PORT=3100 pins it.
process.env.E2E_PORT ??= String(externalBaseUrl ? 0 : freePort());
const port = Number(process.env.E2E_PORT);

// Created once by the runner; its workers inherit the variable instead of making their own.
// Readable by others: embedded PostgreSQL runs as the `postgres` user when started as root.
if (!externalBaseUrl && !process.env.E2E_DATA_DIR) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cidra-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  process.env.E2E_DATA_DIR = dataDir;
  // 'exit' comes after Playwright has stopped the app, so the database no longer uses the folder.
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: externalBaseUrl ?? `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          // Without the networking flags Chromium tries to reach Google's servers at every start.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'npm start',
        url: `http://127.0.0.1:${port}/login`,
        // The first start runs `next build` (about a minute here) and initialises PostgreSQL.
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGINT', timeout: 20_000 },
        env: {
          DATA_DIR: process.env.E2E_DATA_DIR as string,
          PORT: String(port),
          HOST: '127.0.0.1',
          // Empty: the start script then runs its own embedded PostgreSQL in DATA_DIR.
          DATABASE_URL: '',
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        },
      },
});
