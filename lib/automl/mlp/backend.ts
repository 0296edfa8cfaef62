// Chooses the TensorFlow.js backend for the MLP once per process: native GPU, native CPU, wasm, plain JS.

import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TfModule from '@tensorflow/tfjs';

/** The TensorFlow.js namespace (from `@tensorflow/tfjs`, or from a native package re-exporting it). */
export type Tf = typeof TfModule;

/** The backend in use: tfjs's name for it and the package that provides it. */
export interface MlpBackend {
  tf: Tf;
  /** `tensorflow` (native, CPU or GPU), `wasm` or `cpu`. */
  name: string;
  package: string;
}

// Native bindings come first. They cannot be installed on machines without internet access to
// Google's storage (their install downloads libtensorflow), so they are optional and usually absent.
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

// Node's own require, not the bundler's: a bundler (Next.js) would otherwise try to resolve the
// absent native packages at build time, and tfjs must be loaded once, not once per bundle.
const load = createRequire(
  typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'),
);

let chosen: MlpBackend | undefined;
let preparing: Promise<MlpBackend> | undefined;

/**
 * Picks and initialises the fastest backend available: tfjs-node-gpu, tfjs-node, wasm (SIMD, one
 * thread), else the plain JS cpu backend. Asynchronous because wasm loads its binary; call it once
 * at process (or worker thread) start. Later calls return the same choice.
 */
export function prepareMlpBackend(): Promise<MlpBackend> {
  if (chosen && chosen.name !== 'cpu') return Promise.resolve(chosen);
  preparing ??= (async () => {
    chosen = tryNative() ?? (await tryWasm()) ?? plainCpu();
    return chosen;
  })();
  return preparing;
}

/**
 * The backend for a fit or a prediction now. Fits are synchronous, so when prepareMlpBackend has
 * not finished this falls back to what initialises synchronously: a native package, else the plain
 * cpu backend (3–4 times slower than wasm); a later prepareMlpBackend still upgrades to wasm.
 */
export function mlpBackend(): MlpBackend {
  chosen ??= tryNative() ?? plainCpu();
  return chosen;
}

/** The chosen backend's name and package, or undefined before first use; for one log line. */
export function mlpBackendInfo(): { name: string; package: string } | undefined {
  return chosen && { name: chosen.name, package: chosen.package };
}

function tryNative(): MlpBackend | undefined {
  for (const name of NATIVE_PACKAGES) {
    let tf: Tf;
    try {
      tf = load(name) as Tf;
    } catch {
      continue; // absent, or its native library failed to load: try the next option
    }
    quiet(tf);
    // The native backend initialises synchronously, so it is active once setBackend returns.
    void tf.setBackend('tensorflow');
    if (tf.getBackend() === 'tensorflow') return { tf, name: 'tensorflow', package: name };
  }
  return undefined;
}

async function tryWasm(): Promise<MlpBackend | undefined> {
  try {
    const tf = load('@tensorflow/tfjs') as Tf;
    const wasm = load(
      '@tensorflow/tfjs-backend-wasm',
    ) as typeof import('@tensorflow/tfjs-backend-wasm');
    // The .wasm files sit beside the package's main script; without this tfjs looks next to ours.
    const binary = load.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    wasm.setWasmPaths(path.dirname(binary) + path.sep);
    quiet(tf);
    const ready = await withoutNewProcessHandlers(() => tf.setBackend('wasm'));
    return ready ? { tf, name: 'wasm', package: '@tensorflow/tfjs-backend-wasm' } : undefined;
  } catch {
    return undefined;
  }
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

// The wasm module's Emscripten glue installs process handlers that rethrow every uncaught exception
// and unhandled rejection (printing its whole minified source as the location), which would
// override the host's own handlers: remove whatever handlers appeared while it initialised.
async function withoutNewProcessHandlers<T>(init: () => Promise<T>): Promise<T> {
  const events: NodeJS.EventEmitter = process;
  const before = PROCESS_EVENTS.map((event) => new Set(events.listeners(event)));
  try {
    return await init();
  } finally {
    PROCESS_EVENTS.forEach((event, e) => {
      for (const listener of events.listeners(event)) {
        if (!before[e].has(listener)) events.removeListener(event, listener as () => void);
      }
    });
  }
}

function plainCpu(): MlpBackend {
  const tf = load('@tensorflow/tfjs') as Tf;
  quiet(tf);
  // The cpu backend initialises synchronously, so it is active once setBackend returns.
  void tf.setBackend('cpu');
  return { tf, name: tf.getBackend(), package: '@tensorflow/tfjs' };
}

// Production mode drops tfjs's console advice ("install the node backend") and its per-op NaN
// checks: the engine never logs, and the checks cost time on every kernel.
function quiet(tf: Tf): void {
  tf.enableProdMode();
}
