// The messages exchanged between the pool and its worker threads, and how errors cross over.
import { AutoMLError, type AutoMLErrorCode } from '../errors';
import type { LabelledMatrix, ModelArtifact } from '../types';

/** Fit one model of a registered family. Matrices should live in shared memory (shareLabelled). */
export interface FitRequest {
  type: 'fit';
  family: string;
  params: Record<string, unknown>;
  train: LabelledMatrix;
  valid?: LabelledMatrix;
  seed: number;
  deadlineMs?: number;
  /**
   * Rows of `train` to fit on; `valid` then defaults to the rows `validRows` of `train`. Lets every
   * fold of a bagged fit share one matrix: each thread gathers its rows instead of receiving a copy.
   */
  trainRows?: Uint32Array;
  validRows?: Uint32Array;
  /** Rows of `train` to predict after the fit (out-of-fold rows), returned with the model. */
  predictRows?: Uint32Array;
  /** Instead of `predictRows`: each training row predicted without it (`predictLeaveOneOut`). */
  leaveOneOut?: boolean;
  /**
   * Milliseconds the fit may take from the moment a thread starts it (queued tasks start late);
   * the effective deadline is the earlier of this and `deadlineMs`.
   */
  budgetMs?: number;
  /** Refuse to start once `deadlineMs` has passed (a queued fit the time limit left behind). */
  skipAfterDeadline?: boolean;
}

export type TaskRequest = FitRequest;

export type ThreadMessage =
  | { id: number; type: 'progress'; fraction: number; message: string }
  | {
      id: number;
      type: 'done';
      artifact: ModelArtifact;
      predictions?: Float64Array;
      fitMs: number;
      predictMs: number;
    }
  | { id: number; type: 'error'; error: SerialisedError };

export interface SerialisedError {
  name: string;
  message: string;
  code?: AutoMLErrorCode;
  details?: Record<string, unknown>;
  stack?: string;
}

/** Structured clone drops class identity; this keeps what users and logs need. */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof AutoMLError) {
    return { name: error.name, message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function reviveError(error: SerialisedError): Error {
  if (error.code) return new AutoMLError(error.code, error.message, error.details ?? {});
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/** The buffers of an artifact's arrays that can be moved rather than copied. */
export function transferables(artifact: ModelArtifact): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of Object.values(artifact.arrays)) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}
