// Shared engine types: the feature matrix every learner consumes and the learner contract.

/** What a source column holds, as inferred from training data. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';

/** One column of the feature matrix. */
export interface MatrixFeature {
  /** Unique name of the matrix column, e.g. `carat`, `date.year`, `name.length`. */
  name: string;
  /** The source table column it was derived from. */
  source: string;
  /**
   * Categorical columns hold integer codes 0..numCategories-1 (code 0 groups rare and unseen
   * levels); numeric columns hold real values. NaN is missing in both.
   */
  categorical: boolean;
  /** Number of codes for categorical columns; 0 for numeric ones. */
  numCategories: number;
}

/**
 * A dense design matrix, column-major: `columns[j][i]` is feature j of row i, NaN when missing.
 * Column-major keeps each feature contiguous for binning and histogram building.
 */
export interface FeatureMatrix {
  numRows: number;
  features: MatrixFeature[];
  columns: Float64Array[];
}

/** Typed arrays a model may store in its file. */
export type StoredArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** A trained model in storable form: JSON-safe `params` plus named binary arrays. */
export interface ModelArtifact {
  family: string;
  params: Record<string, unknown>;
  arrays: Record<string, StoredArray>;
}

/** Progress callback: `fraction` in [0, 1] of the current task, and a short message. */
export type ProgressCallback = (fraction: number, message: string) => void;

/** What a learner's fit gets besides the data. */
export interface FitContext {
  seed: number;
  /** Wall-clock deadline (Date.now() milliseconds); learners stop adding capacity past it. */
  deadlineMs?: number;
  onProgress?: ProgressCallback;
}

/** A labelled matrix: `y[i]` is the label of row i. */
export interface LabelledMatrix {
  X: FeatureMatrix;
  y: Float64Array;
}

/** A fitted model of any family. */
export interface TrainedModel {
  readonly family: string;
  /** One prediction per row of X. */
  predict(X: FeatureMatrix): Float64Array;
  /**
   * Predictions of each training row by the model without that row, in training order; offered
   * by families that can leave a row out at no cost (kNN), so bagging can fit them once.
   */
  predictLeaveOneOut?(): Float64Array;
  toArtifact(): ModelArtifact;
}

/**
 * A model family: how to fit one and how to read one back. Families are registered by name so
 * that the orchestration (holdout, bagging, stacking) never depends on a particular learner.
 */
export interface ModelFamily<Params = Record<string, unknown>> {
  readonly name: string;
  fit(
    train: LabelledMatrix,
    valid: LabelledMatrix | undefined,
    params: Partial<Params>,
    context: FitContext,
  ): TrainedModel;
  fromArtifact(artifact: ModelArtifact): TrainedModel;
}
