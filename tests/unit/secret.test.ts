/** @jest-environment node */
// The session secret: generated once into DATA_DIR/secret (mode 600) and reused; a given one checked.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureSessionSecret } from '@/lib/secret';

let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cidra-secret-'));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

it('generates a secret on first use, private to its owner, and returns the same one after', async () => {
  const first = await ensureSessionSecret(dataDir);
  expect(first.length).toBeGreaterThanOrEqual(32);
  const stat = await fs.stat(path.join(dataDir, 'secret'));
  expect(stat.mode & 0o777).toBe(0o600);
  expect(await ensureSessionSecret(dataDir)).toBe(first);
});

it('agrees on one secret when several processes start at once', async () => {
  const secrets = await Promise.all(Array.from({ length: 5 }, () => ensureSessionSecret(dataDir)));
  expect(new Set(secrets).size).toBe(1);
});

it('uses NEXTAUTH_SECRET when given, and refuses a short one by name', async () => {
  const given = 'x'.repeat(40);
  expect(await ensureSessionSecret(dataDir, given)).toBe(given);
  await expect(ensureSessionSecret(dataDir, 'short')).rejects.toThrow(
    'NEXTAUTH_SECRET must be at least 32 characters long',
  );
  await expect(fs.stat(path.join(dataDir, 'secret'))).rejects.toThrow();
});
