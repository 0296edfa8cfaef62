// The predictions API's answers as the browser sees them (GET /api/predictions, /:id, the
// manual route /api/models/:id/predict).

export type ResultStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type FeatureKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';
export type Cell = number | string | boolean | null;

/** A model that can predict, as the selects list it. */
export interface ModelOption {
  id: string;
  name: string;
  label: string | null;
}

/** A dataset as the batch form lists it. */
export interface DatasetOption {
  id: string;
  name: string;
  rowCount: number;
}

/** One input of a model: kind, training range or known levels. */
export interface ModelInput {
  name: string;
  kind: FeatureKind;
  min?: number | string;
  max?: number | string;
  levels?: string[];
}

export interface ModelInputs {
  modelId: string;
  label: string;
  features: ModelInput[];
}

export interface Notice {
  code: string;
  column: string;
  count: number;
  message: string;
}

/** What a completed batch prediction reports (predictions.result). */
export interface BatchResult {
  label: string;
  predictionColumn: string;
  reasonColumn: string;
  rows: number;
  predicted: number;
  empty: number;
  reasons: { column: string; count: number }[];
  notices: Notice[];
  preview: { columns: string[]; rows: Cell[][] };
  sample: { rows: number[]; columns: Record<string, Cell[]>; predictions: (number | null)[] };
  predictMs: number;
  writeMs?: number;
  sizeBytes?: number;
}

/** One batch prediction. */
export interface PredictionItem {
  id: string;
  modelId: string;
  modelName: string | null;
  datasetId: string | null;
  datasetName: string;
  status: ResultStatus;
  error: string | null;
  result: BatchResult | null;
  createdAt: string;
  finishedAt: string | null;
  job: { id: string; status: string; progress: number; message: string } | null;
}

/** A field the model could not read, from the manual route. */
export interface FieldError {
  row: number;
  field: string;
  reason: string;
  message: string;
}

export interface ManualAnswer {
  label: string;
  predictions: (number | null)[];
  errors: FieldError[];
  notices: Notice[];
  predictMs: number;
}

/** Whether a batch prediction is still waiting or running. */
export function isActive(status: ResultStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** A prediction shown to people: 4 significant digits past the integer part, no exponent. */
export function formatPrediction(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
