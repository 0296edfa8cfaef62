// How a worker thread starts on the engine's TypeScript source. Threads do not inherit the main
// thread's TypeScript loader (tsx or jest), so the source must be compiled for them. Compiling it
// in every thread with tsx took 250-350 ms per thread start; instead the entry and the engine
// files it imports are bundled once per process with esbuild into one JavaScript file, which a
// thread loads in 90-180 ms (both on a loaded 2-core machine). Packages stay outside the bundle
// and load from node_modules as usual, so the bundle is written under node_modules/.cache, where
// they resolve.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as workerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';

// Looked up at run time: a bundler (Next.js's Turbopack) treats `new Worker(path)` as a module to
// resolve, and fails on a path computed at run time; threads only start in processes that run
// from source (the job worker, scripts, tests).
const NodeWorker: typeof Worker = Reflect.get(workerThreads, 'Worker');

// Node's own require, so that a bundler (Next.js) never follows it into esbuild.
const load = createRequire(
  typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'),
);

// Bundles of older source are removed once this old; a process still running one rebuilds it
// if it finds it gone.
const STALE_MS = 24 * 3600 * 1000;

const built = new Map<string, string | null>();

/**
 * Starts a worker thread on `entry`, a .js or .ts file. A .js entry (compiled code) loads as it
 * is; a .ts entry from its bundle, or, when bundling fails, by registering tsx in the thread.
 */
export function startThread(entry: string): Worker {
  const Thread = NodeWorker;
  if (entry.endsWith('.js')) return new Thread(entry);
  const bundle = bundleOf(entry);
  if (bundle !== null) return new Thread(bundle);
  return new Thread(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
}

/** The bundle file of a TypeScript entry, built on first use; null when it cannot be built. */
export function bundleOf(entry: string): string | null {
  const known = built.get(entry);
  if (known === null) return null;
  if (known !== undefined && existsSync(known)) return known;
  let file: string | null;
  try {
    file = buildBundle(entry);
  } catch {
    file = null; // esbuild absent or failing: threads fall back to tsx
  }
  built.set(entry, file);
  return file;
}

function buildBundle(entry: string): string {
  const esbuild = load('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const name = path.basename(entry, '.ts');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = cacheDir(entry);
  const file = path.join(dir, `${name}-${hash}.js`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written whole under a private name, then renamed: another process may read it at any time.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    removeStale(dir, name, file);
  }
  return file;
}

// node_modules/.cache of the nearest folder above the entry that holds node_modules.
function cacheDir(entry: string): string {
  for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) {
      return path.join(dir, 'node_modules', '.cache', 'cidra-ml-threads');
    }
    if (path.dirname(dir) === dir) throw new Error(`no node_modules above ${entry}`);
  }
}

function removeStale(dir: string, name: string, keep: string): void {
  for (const other of readdirSync(dir)) {
    const full = path.join(dir, other);
    if (full === keep || !other.startsWith(`${name}-`)) continue;
    try {
      if (Date.now() - statSync(full).mtimeMs > STALE_MS) rmSync(full, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}
