// Runs one fit in a child process (fit-process.ts) that can be killed: how a training is cancelled.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import type { TrainedDescription } from './metadata';

/** What the child needs: the dataset as a clean CSV file, the engine's options, where to write. */
export interface FitProcessRequest {
  csvFile: string;
  /** Column kinds to read the CSV with (the dataset's kinds in use). */
  csvKinds: Record<string, 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text'>;
  /** Options of the engine's `fit`, without the progress callback. */
  fitOptions: Record<string, unknown>;
  /** Path the model zip is written to. */
  outFile: string;
}

/** Messages of the child to the parent. */
export type FitProcessMessage =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'done'; description: TrainedDescription }
  | { type: 'failed'; userMessage?: string; code?: string; detail: string };

const root = path.resolve(__dirname, '..', '..');
const entry = path.join(__dirname, 'fit-process.ts');

/**
 * Fits in a child process and resolves with the predictor's description once the zip is written.
 * Aborting `signal` kills the child (and with it the engine's worker threads) and rejects with the
 * signal's reason. An engine error a user can act on rejects as AppError VALIDATION with the
 * engine's message; anything else as a plain Error carrying the child's stack for the log.
 */
export function runFitProcess(
  request: FitProcessRequest,
  options: {
    signal: AbortSignal;
    onProgress: (fraction: number, message: string) => void;
    /** V8 heap limit of the child in MiB; default Node's own. */
    heapMb?: number;
  },
): Promise<TrainedDescription> {
  const { signal, onProgress, heapMb } = options;
  signal.throwIfAborted();
  const heap = heapMb ? [`--max-old-space-size=${Math.floor(heapMb)}`] : [];
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', entry], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

  return new Promise<TrainedDescription>((resolve, reject) => {
    let outcome: FitProcessMessage | undefined;
    const kill = () => child.kill('SIGKILL');
    signal.addEventListener('abort', kill, { once: true });

    child.on('message', (message: FitProcessMessage) => {
      if (message.type === 'progress') onProgress(message.fraction, message.message);
      else outcome = message;
    });
    child.once('error', (error) => {
      signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.once('exit', (code, exitSignal) => {
      signal.removeEventListener('abort', kill);
      if (signal.aborted) return reject(signal.reason);
      if (outcome?.type === 'done') return resolve(outcome.description);
      if (outcome?.type === 'failed' && outcome.userMessage) {
        return reject(new AppError('VALIDATION', outcome.userMessage));
      }
      const why = outcome?.type === 'failed' ? outcome.detail : `exit ${code ?? exitSignal}`;
      const cause = new Error(`The fit process failed: ${why}\n${stderr}`);
      reject(outOfMemory(stderr) ? new AppError('INTERNAL', OUT_OF_MEMORY, { cause }) : cause);
    });
    child.send(request);
  });
}

const OUT_OF_MEMORY =
  'Training ran out of memory. Try fewer feature columns, fewer rows (split the dataset), or the ' +
  'medium_quality preset, which holds fewer models at once.';

// V8's fatal heap error as the dying process prints it.
function outOfMemory(stderr: string): boolean {
  return /heap out of memory|Allocation failed/i.test(stderr);
}
