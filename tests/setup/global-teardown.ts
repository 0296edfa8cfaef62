// Stops what global-setup.ts started and removes its temporary folder.
import fs from 'node:fs/promises';
import type { TestServices } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { cidraTestServices?: TestServices }).cidraTestServices;
  if (!services) return;
  await Promise.all([services.postgres.stop(), services.s3.close().catch(() => {})]);
  await fs.rm(services.root, { recursive: true, force: true });
}
