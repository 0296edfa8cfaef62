// The messages between the main thread and prediction threads (predict-thread.ts).
import type { MatrixFeature, ModelArtifact } from '../types';

/** A member as it crosses to a thread: its description and one artifact per fold model. */
export interface MemberArtifacts {
  name: string;
  family: string;
  stackLevel: number;
  inputs?: string[];
  parts: ModelArtifact[];
}

/** Sent once per thread: the model, and which members' predictions to return with each chunk. */
export interface PredictInit {
  type: 'init';
  members: MemberArtifacts[];
  weights: number[];
  features: MatrixFeature[];
  also: string[];
}

/** Rows to predict: one column per feature, `numRows` long. */
export interface PredictChunk {
  type: 'chunk';
  id: number;
  numRows: number;
  columns: Float64Array[];
}

export type PredictThreadReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; ensemble: Float64Array; members: Float64Array[] }
  | { type: 'error'; id?: number; message: string };
