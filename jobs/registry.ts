// Finds the handler of each job kind: jobs/handlers/<kind>.ts exporting a JobHandler as default.
// Adding a kind of job is adding its file (and its name to `jobKinds` in db/schema.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { jobKinds, type JobKind } from '@/db/schema';
import type { JobHandler } from './types';

export type HandlerRegistry = Partial<Record<JobKind, JobHandler>>;

export async function loadHandlers(): Promise<HandlerRegistry> {
  const registry: HandlerRegistry = {};
  for (const kind of jobKinds) {
    if (!existsSync(path.join(__dirname, 'handlers', `${kind}.ts`))) continue;
    const module = (await import(`./handlers/${kind}`)) as { default?: JobHandler };
    if (typeof module.default !== 'function') {
      throw new Error(`jobs/handlers/${kind}.ts must export a JobHandler as default`);
    }
    registry[kind] = module.default;
  }
  return registry;
}
